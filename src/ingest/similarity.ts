/**
 * Similar provisions: for every text, the most similar texts of *other* groups
 * (jurisdictions) by TF-IDF cosine over Han character bigrams. Candidates come from an
 * inverted index queried with each text's most distinctive terms, so the work grows with
 * the number of texts, not with the number of pairs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export type SimilarityItem = { group: number; text: string };
export type SimilarityOptions = {
  /** results per item */
  k?: number;
  /** minimum cosine similarity for a link */
  threshold?: number;
  /** distinctive terms used to find candidates */
  queryTerms?: number;
  /** terms in more than this share of texts (and more than 50 texts) are too common to find candidates with */
  maxDfShare?: number;
  /** …and in more than this many texts, however large the collection */
  maxDfCap?: number;
  /** candidates scored exactly per item */
  candidates?: number;
  /** texts with fewer distinct bigrams get no links (too short to compare) */
  minTerms?: number;
};

const isHan = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);

/**
 * Everything the queries read, in flat typed arrays on shared memory, so that worker
 * threads (similarity-worker.ts) query the same index without a copy. Item d's terms (sorted
 * ids) and weights are terms[offsets[d]..offsets[d+1]]; the postings of term id are
 * postingItem/postingWeight[start[id]..start[id+1]], for terms rare enough (df ≤ maxDf).
 */
export type SimilarityIndex = {
  n: number;
  offsets: Int32Array;
  terms: Int32Array;
  weights: Float32Array;
  df: Int32Array;
  start: Int32Array;
  postingItem: Int32Array;
  postingWeight: Float32Array;
  groups: Int32Array;
  crossGroup: Uint8Array;
  maxDf: number;
};

type Settings = Required<SimilarityOptions>;

const DEFAULTS: Omit<Settings, 'candidates'> = { k: 5, threshold: 0.3, queryTerms: 8, maxDfShare: 0.02, maxDfCap: 500, minTerms: 6 };

function settings(options: SimilarityOptions): Settings {
  const merged = { ...DEFAULTS, ...options };
  return { ...merged, candidates: options.candidates ?? merged.k + 10 };
}

function shared<T extends Int32Array | Float32Array | Uint8Array>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

/** TF-IDF vectors over Han bigrams, the inverted index of the rarer terms, and which terms cross groups. */
function similarityIndex(items: SimilarityItem[], options: SimilarityOptions = {}): SimilarityIndex {
  const { maxDfShare, maxDfCap } = settings(options);
  const n = items.length;
  const ids = new Map<number, number>();
  // Term ids per item, sorted, then counted in place: no per-item maps on a 300,000-item corpus.
  const raw: Int32Array[] = items.map(({ text }) => {
    const out = new Int32Array(Math.max(0, text.length - 1));
    let m = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (!isHan(a) || !isHan(b)) continue;
      const key = a * 65536 + b;
      let id = ids.get(key);
      if (id === undefined) { id = ids.size; ids.set(key, id); }
      out[m++] = id;
    }
    return out.subarray(0, m).sort();
  });
  const offsets = shared(Int32Array, n + 1);
  for (let d = 0; d < n; d++) {
    const sorted = raw[d]!;
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    offsets[d + 1] = offsets[d]! + distinct;
  }
  const df = shared(Int32Array, ids.size);
  const terms = shared(Int32Array, offsets[n]!);
  const counts = new Int32Array(offsets[n]!);
  for (let d = 0; d < n; d++) {
    const sorted = raw[d]!;
    let j = offsets[d]! - 1;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) { terms[++j] = sorted[i]!; df[sorted[i]!]!++; }
      counts[j]!++;
    }
  }
  raw.length = 0;
  const weights = shared(Float32Array, offsets[n]!);
  for (let d = 0; d < n; d++) {
    let norm = 0;
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) { weights[i] = (1 + Math.log(counts[i]!)) * Math.log(n / df[terms[i]!]!); norm += weights[i]! * weights[i]!; }
    norm = Math.sqrt(norm) || 1;
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) weights[i]! /= norm;
  }

  const maxDf = Math.min(maxDfCap, Math.max(50, Math.floor(n * maxDfShare)));
  // Inverted index over terms rare enough to find candidates with.
  const start = shared(Int32Array, df.length + 1);
  for (let id = 0; id < df.length; id++) start[id + 1] = start[id]! + (df[id]! <= maxDf ? df[id]! : 0);
  const postingItem = shared(Int32Array, start[df.length]!);
  const postingWeight = shared(Float32Array, start[df.length]!);
  const fill = start.slice(0, df.length);
  for (let d = 0; d < n; d++) {
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) {
      const id = terms[i]!;
      if (df[id]! > maxDf) continue;
      const at = fill[id]!++;
      postingItem[at] = d;
      postingWeight[at] = weights[i]!;
    }
  }

  const groups = shared(Int32Array, n);
  items.forEach((x, d) => (groups[d] = x.group));
  // Terms found in one group only can never lead to another group's text: never query with them.
  const termGroup = new Int32Array(df.length).fill(-1);
  const crossGroup = shared(Uint8Array, df.length);
  for (let d = 0; d < n; d++) {
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) {
      const id = terms[i]!;
      if (termGroup[id] === -1) termGroup[id] = groups[d]!;
      else if (termGroup[id] !== groups[d]) crossGroup[id] = 1;
    }
  }
  return { n, offsets, terms, weights, df, start, postingItem, postingWeight, groups, crossGroup, maxDf };
}

/**
 * Cosine of item `b` with query `q`, whose weights are scattered into the dense `query`
 * array. A long candidate is probed with the query's terms instead of walked in full.
 */
function cosineWithQuery(v: SimilarityIndex, query: Float32Array, q: number, b: number): number {
  const bFrom = v.offsets[b]!;
  const bLength = v.offsets[b + 1]! - bFrom;
  const qFrom = v.offsets[q]!;
  const qLength = v.offsets[q + 1]! - qFrom;
  let dot = 0;
  if (bLength <= 8 * qLength) {
    for (let j = bFrom; j < bFrom + bLength; j++) dot += query[v.terms[j]!]! * v.weights[j]!;
    return dot;
  }
  for (let i = qFrom; i < qFrom + qLength; i++) {
    const id = v.terms[i]!;
    let lo = bFrom, hi = bFrom + bLength - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = v.terms[mid]!;
      if (x === id) { dot += query[id]! * v.weights[mid]!; break; }
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return dot;
}

export type Scored = { index: number; score: number };

/** Where the queries write their results: item q's are at q*k.., count[q] of them. */
export type SimilarityResults = { index: Int32Array; score: Float32Array; count: Int32Array };

function similarityResults(n: number, k: number): SimilarityResults {
  return { index: shared(Int32Array, n * k), score: shared(Float32Array, n * k), count: shared(Int32Array, n) };
}

/** Answers the queries of items q ≡ part (mod parts), writing into `out`. */
export function queryItems(v: SimilarityIndex, options: SimilarityOptions, out: SimilarityResults, part = 0, parts = 1): void {
  const { k, threshold, queryTerms, candidates, minTerms } = settings(options);
  const { n, offsets, terms, weights, df, start, postingItem, postingWeight, groups, crossGroup, maxDf } = v;
  const acc = new Float32Array(n);
  const query = new Float32Array(df.length);
  // Typed scratch space reused by every query: this loop runs once per clause of the corpus.
  const touched = new Int32Array(n);
  const chosen = new Int32Array(queryTerms);
  const top = new Int32Array(candidates);
  for (let q = part; q < n; q += parts) {
    const from = offsets[q]!;
    const length = offsets[q + 1]! - from;
    if (length < minTerms) continue;
    // The query's most distinctive terms: the heaviest ones rare enough to have short postings.
    let nChosen = 0;
    for (let i = from; i < from + length; i++) {
      const id = terms[i]!;
      if (df[id]! > maxDf || crossGroup[id] === 0) continue;
      if (nChosen === queryTerms && weights[i]! <= weights[chosen[nChosen - 1]!]!) continue;
      let at = nChosen < queryTerms ? nChosen++ : queryTerms - 1;
      while (at > 0 && weights[i]! > weights[chosen[at - 1]!]!) { chosen[at] = chosen[at - 1]!; at--; }
      chosen[at] = i;
    }
    let nTouched = 0;
    const group = groups[q];
    for (let c = 0; c < nChosen; c++) {
      const i = chosen[c]!;
      const id = terms[i]!;
      const wq = weights[i]!;
      for (let p = start[id]!, end = start[id + 1]!; p < end; p++) {
        const d = postingItem[p]!;
        if (groups[d] === group) continue;
        if (acc[d] === 0) touched[nTouched++] = d;
        acc[d]! += wq * postingWeight[p]!;
      }
    }
    // The best candidates by partial score, then their exact cosine.
    let nTop = 0;
    for (let j = 0; j < nTouched; j++) {
      const d = touched[j]!;
      const s = acc[d]!;
      if (nTop === candidates && (s < acc[top[nTop - 1]!]! || (s === acc[top[nTop - 1]!]! && d > top[nTop - 1]!))) continue;
      let at = nTop < candidates ? nTop++ : candidates - 1;
      while (at > 0 && (s > acc[top[at - 1]!]! || (s === acc[top[at - 1]!]! && d < top[at - 1]!))) { top[at] = top[at - 1]!; at--; }
      top[at] = d;
    }
    for (let j = 0; j < nTouched; j++) acc[touched[j]!] = 0;
    for (let i = from; i < from + length; i++) query[terms[i]!] = weights[i]!;
    const scored: Scored[] = [];
    for (let j = 0; j < nTop; j++) {
      const d = top[j]!;
      if (offsets[d + 1]! - offsets[d]! < minTerms) continue;
      const score = cosineWithQuery(v, query, q, d);
      if (score >= threshold) scored.push({ index: d, score });
    }
    for (let i = from; i < from + length; i++) query[terms[i]!] = 0;
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    const kept = Math.min(k, scored.length);
    for (let j = 0; j < kept; j++) { out.index[q * k + j] = scored[j]!.index; out.score[q * k + j] = scored[j]!.score; }
    out.count[q] = kept;
  }
}

/** Below this many items the queries run on the calling thread alone (starting a worker costs more). */
const PARALLEL_FROM = 20_000;

/**
 * For each item, its most similar items of other groups with their cosine, best first.
 * Each item's answer depends on the index only, so the queries are shared out among worker
 * threads (one per core, the calling thread included) with the same result as one thread.
 */
export async function similarItems(items: SimilarityItem[], options: SimilarityOptions & { threads?: number } = {}): Promise<Scored[][]> {
  const { threads: wanted, ...rest } = options;
  const { k } = settings(rest);
  const v = similarityIndex(items, rest);
  const out = similarityResults(v.n, k);
  const threads = Math.max(1, wanted ?? (v.n >= PARALLEL_FROM ? Math.min(4, availableParallelism()) : 1));
  const workers = Array.from({ length: threads - 1 }, (_, w) =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./similarity-worker.ts', import.meta.url), { workerData: { index: v, options: rest, out, part: w + 1, parts: threads } });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`similarity worker exited with code ${code}`))));
    }),
  );
  queryItems(v, rest, out, 0, threads);
  await Promise.all(workers);
  return Array.from({ length: v.n }, (_, q) =>
    Array.from({ length: out.count[q]! }, (_, j) => ({ index: out.index[q * k + j]!, score: out.score[q * k + j]! })),
  );
}
