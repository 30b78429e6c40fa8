/**
 * Example pairs for the diff page: provisions and their most similar provision in another
 * jurisdiction whose texts share enough wording for a word-by-word comparison to be worth
 * reading.
 *
 * Diffing every provision with its partner cost more than any page of the site (a fifth of
 * the Astro build on 1,000 documents, in the `diff` package). So the pairs are first ranked
 * by a cheap measure of shared wording, the Dice coefficient of their character bigrams,
 * and only the best CANDIDATES are diffed to pick the examples.
 */
import type { ApiIndex, Document } from '../../lib/types';
import { citationPaths } from '../citation';
import { bigrams } from '../search/tokens';
import { readableDiff, sameShare } from './diff-merge';
import { clauseKey, splitKey, type ClauseKey, type LoadDocument } from './topics';

export type DiffExample = { a: ClauseKey; b: ClauseKey; aName: string; bName: string; same: number };

const CANDIDATES = 60;
const MIN_LENGTH = 15;

/** Dice coefficient of the character bigrams of two texts (0: none shared, 1: the same set). */
export function bigramDice(a: string, b: string): number {
  const x = new Set(bigrams(a));
  const y = new Set(bigrams(b));
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return (2 * shared) / (x.size + y.size);
}

/**
 * The diff page's examples in two steps, for a pass over the documents shared with other
 * pages (compare/shared.ts): `add` each document in collection order, then `finish`.
 */
export function diffExampleCollector(index: ApiIndex): { add(docId: string, doc: Document): void; finish(load: LoadDocument, n?: number): DiffExample[] } {
  const jurisdiction = new Map(index.documents.map((d) => [d.id, d.jurisdiction]));
  // every clause's text, and each long provision's partner
  const texts = new Map<ClauseKey, string>();
  const pairs: [ClauseKey, ClauseKey][] = [];
  const add = (docId: string, doc: Document) => {
    const here = jurisdiction.get(docId);
    for (const c of doc.clauses) {
      const a = clauseKey(docId, c.id);
      texts.set(a, c.text);
      const b = c.related.find((key) => jurisdiction.get(splitKey(key)[0]) !== here);
      if (b && c.text.length >= MIN_LENGTH) pairs.push([a, b]);
    }
  };

  const finish = (load: LoadDocument, n = 6): DiffExample[] => {
    const candidates: { a: ClauseKey; b: ClauseKey; dice: number }[] = [];
    const seen = new Set<string>();
    for (const [a, b] of pairs) {
      const other = texts.get(b);
      if (!other || other.length < MIN_LENGTH) continue;
      const pair = [a, b].sort().join(' ');
      if (seen.has(pair)) continue;
      seen.add(pair);
      candidates.push({ a, b, dice: bigramDice(texts.get(a)!, other) });
    }
    candidates.sort((x, y) => y.dice - x.dice || x.a.localeCompare(y.a));

    const found = candidates
      .slice(0, CANDIDATES)
      .map(({ a, b }) => ({ a, b, same: sameShare(readableDiff(texts.get(a)!, texts.get(b)!)) }))
      .filter((x) => x.same >= 0.15)
      .sort((x, y) => y.same - x.same || x.a.localeCompare(y.a))
      .slice(0, n);

    // names only for what is shown: place《title》citation path
    const names = new Map(index.jurisdictions.map((j) => [j.id, j.name]));
    const nameOf = (key: ClauseKey) => {
      const [docId, eId] = splitKey(key);
      const doc = load(docId);
      return `${names.get(doc.jurisdiction) ?? doc.jurisdiction}《${doc.title}》${citationPaths(doc.clauses).get(eId) ?? ''}`;
    };
    return found.map(({ a, b, same }) => ({ a, b, aName: nameOf(a), bName: nameOf(b), same }));
  };
  return { add, finish };
}
