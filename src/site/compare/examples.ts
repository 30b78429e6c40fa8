/**
 * Example pairs for the diff page: provisions and their most similar provision in another
 * jurisdiction whose texts share enough wording for a word-by-word comparison to be worth
 * reading.
 */
import type { ApiIndex } from '../../lib/types';
import { citationPaths } from '../citation';
import { readableDiff, sameShare } from './diff-merge';
import { clauseKey, splitKey, type ClauseKey, type LoadDocument } from './topics';

export type DiffExample = { a: ClauseKey; b: ClauseKey; aName: string; bName: string; same: number };

export function diffExamples(index: ApiIndex, load: LoadDocument, n = 6): DiffExample[] {
  const jurisdiction = new Map(index.documents.map((d) => [d.id, d.jurisdiction]));
  const names = new Map(index.jurisdictions.map((j) => [j.id, j.name]));
  const texts = new Map<ClauseKey, { text: string; name: string }>();
  const docs = index.documents.map((d) => load(d.id));
  for (const doc of docs) {
    const cites = citationPaths(doc.clauses);
    for (const c of doc.clauses) {
      texts.set(clauseKey(doc.id, c.id), { text: c.text, name: `${names.get(doc.jurisdiction) ?? doc.jurisdiction}《${doc.title}》${cites.get(c.id) ?? ''}` });
    }
  }
  const found: DiffExample[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const c of doc.clauses) {
      const a = clauseKey(doc.id, c.id);
      const b = c.related.find((key) => jurisdiction.get(splitKey(key)[0]) !== doc.jurisdiction);
      if (!b || c.text.length < 15) continue;
      const other = texts.get(b);
      if (!other || other.text.length < 15) continue;
      const pair = [a, b].sort().join(' ');
      if (seen.has(pair)) continue;
      seen.add(pair);
      const same = sameShare(readableDiff(c.text, other.text));
      if (same >= 0.15) found.push({ a, b, aName: texts.get(a)!.name, bName: other.name, same });
    }
  }
  return found.sort((x, y) => y.same - x.same || x.a.localeCompare(y.a)).slice(0, n);
}
