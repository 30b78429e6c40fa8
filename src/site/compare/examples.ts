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
import { readableDiff, sameShare } from './diff-merge';
import { clauseKey, splitKey, type ClauseKey, type LoadDocument } from './topics';

export type DiffExample = { a: ClauseKey; b: ClauseKey; aName: string; bName: string; same: number };

const CANDIDATES = 60;
const MIN_LENGTH = 15;

/** Above every code point: a bigram's number is first × PLANE + second. */
const PLANE = 0x110000;

/**
 * A set of numbers for one text at a time: open addressing in typed arrays, emptied by
 * moving to the next generation rather than by clearing. The examples rank some 200,000
 * pairs on the corpus; sets of bigram strings for each were 4 s of the build.
 */
class NumberSet {
  private keys = new Float64Array(1024);
  private marks = new Int32Array(1024);
  private generation = 0;
  size = 0;

  clear(capacity: number): void {
    if (capacity * 2 > this.keys.length) {
      const length = 1 << Math.ceil(Math.log2(capacity * 2));
      this.keys = new Float64Array(length);
      this.marks = new Int32Array(length);
      this.generation = 0;
    }
    this.generation += 1;
    this.size = 0;
  }

  /** Adds a number; whether it was not there yet. */
  add(key: number, hash: number): boolean {
    const mask = this.keys.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      if (this.marks[at] !== this.generation) {
        this.marks[at] = this.generation;
        this.keys[at] = key;
        this.size += 1;
        return true;
      }
      if (this.keys[at] === key) return false;
    }
  }

  has(key: number, hash: number): boolean {
    const mask = this.keys.length - 1;
    for (let at = hash & mask; this.marks[at] === this.generation; at = (at + 1) & mask) if (this.keys[at] === key) return true;
    return false;
  }
}

/**
 * Calls `each` with every character bigram of a text (as bigrams() in tokens.ts cuts them:
 * by code point; a text of one character is that character alone), as a number and a hash.
 */
function eachBigram(text: string, each: (key: number, hash: number) => void): void {
  let previous = -1;
  let characters = 0;
  for (let i = 0; i < text.length; i++, characters++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i += 1;
      }
    }
    if (previous >= 0) each(previous * PLANE + code, Math.imul(previous, 0x9e3779b1) ^ code);
    previous = code;
  }
  // one character: a bigram of its own, numbered below every pair's
  if (characters === 1) each(-1 - previous, previous);
}

const ofA = new NumberSet();
const ofB = new NumberSet();

/** Dice coefficient of the character bigrams of two texts (0: none shared, 1: the same set). */
export function bigramDice(a: string, b: string): number {
  ofA.clear(a.length);
  ofB.clear(b.length);
  eachBigram(a, (key, hash) => ofA.add(key, hash));
  let shared = 0;
  eachBigram(b, (key, hash) => {
    if (ofB.add(key, hash) && ofA.has(key, hash)) shared += 1;
  });
  if (ofA.size + ofB.size === 0) return 0;
  return (2 * shared) / (ofA.size + ofB.size);
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
    // the best CANDIDATES, as sorting them all would give them: only those at or above the
    // CANDIDATES-th best measure can be among them (a sort of all, ties by locale, was a second)
    const cut = Float64Array.from(candidates, (c) => c.dice).sort().reverse()[CANDIDATES - 1] ?? -Infinity;
    const best = candidates.filter((c) => c.dice >= cut).sort((x, y) => y.dice - x.dice || x.a.localeCompare(y.a));

    const found = best
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
