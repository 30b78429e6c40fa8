/**
 * Comparison data for every clause: its obligations, and its similar provisions in other
 * jurisdictions (ranked by the topics assignTopics gave it, topics.ts).
 */
import type { Clause, Document } from '../lib/types.ts';
import { extractObligations } from './obligations.ts';
import { similarItems, type SimilarityOptions } from './similarity.ts';

/**
 * The text a clause is compared by for similar provisions: a short clause (主要职责是：) by
 * what it contains, its own text and its children's. (The diff page shows a provision with
 * its numbering instead: src/site/compare/provision-text.ts.)
 */
export function similarityText(clause: Clause, children: Map<string, Clause[]>): string {
  const own = `${clause.heading ?? ''}${clause.text}`;
  if (clause.text.length >= 40) return own;
  const below: string[] = [];
  const visit = (id: string) => { for (const c of children.get(id) ?? []) { below.push(`${c.heading ?? ''}${c.text}`); visit(c.id); } };
  visit(clause.id);
  return [own, ...below].join('');
}

export type CompareOptions = SimilarityOptions & {
  /** weight of shared topics in the ranking: score = cosine × (1 + topicWeight × Jaccard(topics)) */
  topicWeight?: number;
};

function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inter = a.filter((x) => b.includes(x)).length;
  return inter / (a.length + b.length - inter);
}

/** Every clause's obligations and similar provisions, its topics (assignTopics) already assigned. */
export async function compareProvisions(documents: Document[], options: CompareOptions = {}): Promise<void> {
  const { topicWeight = 4, k = 5, threshold = 0.2, ...similarity } = options;
  const items: { doc: Document; clause: Clause }[] = [];
  const texts: string[] = [];
  const groups = new Map<string, number>();
  for (const doc of documents) {
    const children = new Map<string, Clause[]>();
    for (const c of doc.clauses) {
      if (!c.parent) continue;
      // pushed, not copied: a chapter of hundreds of articles made copying quadratic
      const siblings = children.get(c.parent);
      if (siblings) siblings.push(c);
      else children.set(c.parent, [c]);
    }
    for (const clause of doc.clauses) {
      clause.obligations = extractObligations(clause.text);
      items.push({ doc, clause });
      if (!groups.has(doc.jurisdiction)) groups.set(doc.jurisdiction, groups.size);
      texts.push(similarityText(clause, children));
    }
  }
  // Text similarity finds the candidates; the curated topics they share reorder them.
  const similar = await similarItems(items.map(({ doc }, i) => ({ group: groups.get(doc.jurisdiction)!, text: texts[i]! })), { ...similarity, k: k * 2, threshold: threshold / (1 + topicWeight) });
  items.forEach(({ clause }, i) => {
    clause.related = similar[i]!
      .map(({ index, score }) => ({ index, score: score * (1 + topicWeight * jaccard(clause.topics, items[index]!.clause.topics)) }))
      .filter((x) => x.score >= threshold)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, k)
      .map(({ index }) => `${items[index]!.doc.id}#${items[index]!.clause.id}`);
  });
}
