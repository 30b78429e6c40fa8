/**
 * Similar provisions: for every text, the most similar texts of *other* groups
 * (jurisdictions) by TF-IDF cosine over Han character bigrams. Candidates come from an
 * inverted index queried with each text's most distinctive terms, so the work grows with
 * the number of texts, not with the number of pairs.
 */

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

type Vectors = { terms: Int32Array[]; weights: Float32Array[]; df: Int32Array };

function vectorise(items: SimilarityItem[]): Vectors {
  const ids = new Map<number, number>();
  // Term ids per item, then counts in a scratch array: no per-item maps on a 300,000-item corpus.
  const raw: Int32Array[] = items.map(({ text }) => {
    const out = new Int32Array(Math.max(0, text.length - 1));
    let n = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (!isHan(a) || !isHan(b)) continue;
      const key = a * 65536 + b;
      let id = ids.get(key);
      if (id === undefined) { id = ids.size; ids.set(key, id); }
      out[n++] = id;
    }
    return out.subarray(0, n).sort();
  });
  const df = new Int32Array(ids.size);
  const terms: Int32Array[] = [];
  const counts: Int32Array[] = [];
  for (const sorted of raw) {
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const t = new Int32Array(distinct);
    const c = new Int32Array(distinct);
    let j = -1;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) { t[++j] = sorted[i]!; df[sorted[i]!]!++; }
      c[j]!++;
    }
    terms.push(t);
    counts.push(c);
  }
  const n = items.length;
  const weights: Float32Array[] = terms.map((t, k) => {
    const c = counts[k]!;
    const w = new Float32Array(t.length);
    let norm = 0;
    for (let i = 0; i < t.length; i++) { w[i] = (1 + Math.log(c[i]!)) * Math.log(n / df[t[i]!]!); norm += w[i]! * w[i]!; }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < w.length; i++) w[i]! /= norm;
    return w;
  });
  return { terms, weights, df };
}

/**
 * Cosine of item `b` with query `q`, whose weights are scattered into the dense `query`
 * array. A long candidate is probed with the query's terms instead of walked in full.
 */
function cosineWithQuery(v: Vectors, query: Float32Array, q: number, b: number): number {
  const tb = v.terms[b]!;
  const wb = v.weights[b]!;
  const tq = v.terms[q]!;
  let dot = 0;
  if (tb.length <= 8 * tq.length) {
    for (let j = 0; j < tb.length; j++) dot += query[tb[j]!]! * wb[j]!;
    return dot;
  }
  for (let i = 0; i < tq.length; i++) {
    const id = tq[i]!;
    let lo = 0, hi = tb.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = tb[mid]!;
      if (x === id) { dot += query[id]! * wb[mid]!; break; }
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return dot;
}

export type Scored = { index: number; score: number };


/** For each item, its most similar items of other groups with their cosine, best first. */
export function similarItems(items: SimilarityItem[], options: SimilarityOptions = {}): Scored[][] {
  const { k = 5, threshold = 0.3, queryTerms = 8, maxDfShare = 0.02, maxDfCap = 500, candidates = k + 10, minTerms = 6 } = options;
  const n = items.length;
  const v = vectorise(items);
  const maxDf = Math.min(maxDfCap, Math.max(50, Math.floor(n * maxDfShare)));

  // Inverted index over terms rare enough to find candidates with.
  const start = new Int32Array(v.df.length + 1);
  for (let id = 0; id < v.df.length; id++) start[id + 1] = start[id]! + (v.df[id]! <= maxDf ? v.df[id]! : 0);
  const postingItem = new Int32Array(start[v.df.length]!);
  const postingWeight = new Float32Array(start[v.df.length]!);
  const fill = start.slice(0, v.df.length);
  for (let d = 0; d < n; d++) {
    const t = v.terms[d]!;
    for (let i = 0; i < t.length; i++) {
      const id = t[i]!;
      if (v.df[id]! > maxDf) continue;
      const at = fill[id]!++;
      postingItem[at] = d;
      postingWeight[at] = v.weights[d]![i]!;
    }
  }

  const groups = Int32Array.from(items.map((x) => x.group));
  // Terms found in one group only can never lead to another group's text: never query with them.
  const termGroup = new Int32Array(v.df.length).fill(-1);
  const crossGroup = new Uint8Array(v.df.length);
  for (let d = 0; d < n; d++) {
    const t = v.terms[d]!;
    for (let i = 0; i < t.length; i++) {
      const id = t[i]!;
      if (termGroup[id] === -1) termGroup[id] = groups[d]!;
      else if (termGroup[id] !== groups[d]) crossGroup[id] = 1;
    }
  }
  const acc = new Float32Array(n);
  const query = new Float32Array(v.df.length);
  // Typed scratch space reused by every query: this loop runs once per clause of the corpus.
  const touched = new Int32Array(n);
  const chosen = new Int32Array(queryTerms);
  const top = new Int32Array(candidates);
  const result: Scored[][] = [];
  for (let q = 0; q < n; q++) {
    const t = v.terms[q]!;
    if (t.length < minTerms) { result.push([]); continue; }
    const w = v.weights[q]!;
    // The query's most distinctive terms: the heaviest ones rare enough to have short postings.
    let nChosen = 0;
    for (let i = 0; i < t.length; i++) {
      const df = v.df[t[i]!]!;
      if (df > maxDf || crossGroup[t[i]!] === 0) continue;
      if (nChosen === queryTerms && w[i]! <= w[chosen[nChosen - 1]!]!) continue;
      let at = nChosen < queryTerms ? nChosen++ : queryTerms - 1;
      while (at > 0 && w[i]! > w[chosen[at - 1]!]!) { chosen[at] = chosen[at - 1]!; at--; }
      chosen[at] = i;
    }
    let nTouched = 0;
    const group = groups[q];
    for (let c = 0; c < nChosen; c++) {
      const i = chosen[c]!;
      const id = t[i]!;
      const wq = w[i]!;
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
    for (let i = 0; i < t.length; i++) query[t[i]!] = w[i]!;
    const scored: Scored[] = [];
    for (let j = 0; j < nTop; j++) {
      const d = top[j]!;
      if (v.terms[d]!.length < minTerms) continue;
      const score = cosineWithQuery(v, query, q, d);
      if (score >= threshold) scored.push({ index: d, score });
    }
    for (let i = 0; i < t.length; i++) query[t[i]!] = 0;
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    result.push(scored.slice(0, k));
  }
  return result;
}
