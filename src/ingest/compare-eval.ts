/**
 * How well topics and similar-provision links agree with a hand-labelled gold standard of
 * which provisions address the same duty (tests/fixtures/duties.yaml).
 */
import type { Document } from '../lib/types.ts';

export type Duty = { id: string; name: string; clauses: string[] };

export type CompareScores = {
  pairs: number;
  linkedByTopic: number;
  linkedBySimilar: number;
  linked: number;
  /** similar-provision links shown (top 3) from labelled clauses, and how many address a shared duty */
  shown: number;
  relevant: number;
  perDuty: { id: string; pairs: number; linked: number }[];
  misses: string[];
};

/** `a` and `b` are the same provision or one contains the other (art_6 and art_6__item_1). */
function family(a: string, b: string): boolean {
  const [da, ea] = a.split('#');
  const [db, eb] = b.split('#');
  return da === db && (ea === eb || ea!.startsWith(`${eb}__`) || eb!.startsWith(`${ea}__`));
}

export function scoreComparison(documents: Document[], duties: Duty[]): CompareScores {
  const clauses = new Map<string, { jurisdiction: string; topics: string[]; related: string[] }>();
  for (const d of documents) for (const c of d.clauses) clauses.set(`${d.id}#${c.id}`, { jurisdiction: d.jurisdiction, topics: c.topics, related: c.related });
  const get = (ref: string) => {
    const c = clauses.get(ref);
    if (!c) throw new Error(`gold standard names ${ref}, which the collection does not have`);
    return c;
  };
  const scores: CompareScores = { pairs: 0, linkedByTopic: 0, linkedBySimilar: 0, linked: 0, shown: 0, relevant: 0, perDuty: [], misses: [] };
  for (const duty of duties) {
    let pairs = 0;
    let linked = 0;
    for (let i = 0; i < duty.clauses.length; i++) {
      for (let j = i + 1; j < duty.clauses.length; j++) {
        const [a, b] = [duty.clauses[i]!, duty.clauses[j]!];
        const [ca, cb] = [get(a), get(b)];
        if (ca.jurisdiction === cb.jurisdiction) continue;
        pairs++;
        const byTopic = ca.topics.includes(duty.id) && cb.topics.includes(duty.id);
        const bySimilar = ca.related.some((r) => family(r, b)) || cb.related.some((r) => family(r, a));
        if (byTopic) scores.linkedByTopic++;
        if (bySimilar) scores.linkedBySimilar++;
        if (byTopic || bySimilar) linked++;
        else scores.misses.push(`${duty.name}: ${a} ↔ ${b}`);
      }
    }
    scores.pairs += pairs;
    scores.linked += linked;
    scores.perDuty.push({ id: duty.id, pairs, linked });
  }
  const dutiesOf = (ref: string) => duties.filter((d) => d.clauses.some((c) => family(c, ref)));
  const labelled = new Set(duties.flatMap((d) => d.clauses));
  for (const ref of labelled) {
    const own = new Set(duties.filter((d) => d.clauses.includes(ref)).map((d) => d.id));
    for (const r of get(ref).related.slice(0, 3)) {
      scores.shown++;
      if (dutiesOf(r).some((d) => own.has(d.id))) scores.relevant++;
    }
  }
  return scores;
}
