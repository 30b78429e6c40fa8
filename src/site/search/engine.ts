/**
 * The search itself, in the browser, on top of Pagefind's JS API (pagefind.js), over the
 * article records of records.ts.
 *
 * 1. The query becomes its tokens (Han bigrams, other words: tokens.ts). Pagefind is asked
 *    for a cover of them, not all: enough that no two neighbours are both left out, so that
 *    every character of the phrase is still in some token (挂牌督办制度 → 挂牌 督办 制度 of
 *    挂牌 牌督 督办 办制 制度). Where there is a choice, the cover leaves out the corpus's
 *    most common bigrams (人民, 政府: the index builder lists them), whose long postings
 *    fill the largest index chunks. So about half the chunks are fetched and intersected,
 *    and the biggest seldom. See coverOffsets for the ends and for short queries.
 * 2. Every candidate (an article, see records.ts) is ranked without loading anything more:
 *    Pagefind reports where the matched tokens stand (result.words), and a record holding the
 *    query as a phrase has the cover's tokens at their offsets from one start. Candidates
 *    with such a start come first, then by how many of the cover's tokens line up, then by
 *    Pagefind's score.
 * 3. Only the results shown are loaded (one small fragment each); the part (clause) holding
 *    the phrase is picked from it, its text confirms the exact phrase, and an exact result
 *    moves ahead of one that only looked exact.
 */
import { decodeParts } from './parts';
import { containsPhrase, encodeToken, highlightRanges, phraseOf, queryTokens } from './tokens';

/** The parts of Pagefind's browser API used here. */
export type PagefindResult = { id: string; score: number; words: number[]; data: () => Promise<PagefindData> };
export type PagefindData = { url: string; meta: Record<string, string>; filters?: Record<string, string[]> };
export type FilterCounts = Record<string, Record<string, number>>;
export type PagefindSearch = { results: PagefindResult[]; unfilteredResultCount: number; filters: FilterCounts; totalFilters: FilterCounts };
export type PagefindApi = {
  options: (o: Record<string, unknown>) => Promise<void>;
  init?: () => Promise<void>;
  preload: (term: string) => Promise<void>;
  search: (term: string, options?: { filters?: Record<string, unknown> }) => Promise<PagefindSearch | null>;
  filters: () => Promise<FilterCounts>;
};

export type Candidate = {
  result: PagefindResult;
  /** how many of the cover's tokens stand at their offsets from the best start */
  run: number;
  /** whether every token of the cover does */
  phrase: boolean;
  /** the position of the phrase's first token at the best start (-1 when nothing matched) */
  start: number;
};

/**
 * Which of a query's tokens to search for, as offsets into them. Every character of the
 * query stays in some token searched for, except perhaps one at either end of a long query:
 * no two neighbours are both left out, choosing the fewest tokens and, among those, leaving
 * out the `common` ones where it can. Of five tokens or more, a common token at an end may
 * go too (应当加强对… → 当加 强对 …: 应当 alone fills the largest index chunk), as long as
 * three are searched; shorter queries keep their ends, and queries of up to three tokens
 * keep all: two tokens at a distance of two line up by accident too easily (创新创业 for
 * 创业创新; 二十二条第 for 第十二条第). A character left out is still checked against the
 * text of the results shown (loadHits).
 */
export function coverOffsets(tokens: string[], common: ReadonlySet<string> = new Set()): number[] {
  const n = tokens.length;
  if (n <= 3) return tokens.map((_, i) => i);
  const withEnds = cheapestCover(n, (i) => common.has(tokens[i]), false);
  if (n < 5) return withEnds;
  const withoutEnds = cheapestCover(n, (i) => common.has(tokens[i]), true);
  return withoutEnds.length >= 3 ? withoutEnds : withEnds;
}

/** The cheapest offsets with no two neighbours left out (and, if `dropEnds`, an end left out where it is common). */
function cheapestCover(n: number, isCommon: (i: number) => boolean, dropEnds: boolean): number[] {
  // a common token costs more than all the others together, so it is left out whenever it
  // can be; leaving out an end costs a little more than a rare token, so only a common one goes
  const cost = (i: number) => (isCommon(i) ? 1 + n : 1);
  const endLeftOut = 1.5;
  // best[i]: the cheapest cover of tokens 0..i that searches i
  const best: { cost: number; prev: number }[] = [{ cost: cost(0), prev: -1 }];
  for (let i = 1; i < n; i++) {
    // the token searched before i is i-1 or i-2 (one left out between them at most), or
    // none when i is the second token (the first left out)
    const options = [i - 1, i - 2].filter((j) => j >= 0).map((j) => ({ cost: best[j].cost + cost(i), prev: j }));
    if (i === 1 && dropEnds) options.push({ cost: endLeftOut + cost(1), prev: -1 });
    best.push(options.reduce((a, b) => (b.cost < a.cost ? b : a)));
  }
  const offsets: number[] = [];
  const last = dropEnds && best[n - 2].cost + endLeftOut < best[n - 1].cost ? n - 2 : n - 1;
  for (let i = last; i >= 0; i = best[i].prev) offsets.unshift(i);
  return offsets;
}

/**
 * The start that lines up the most of the tokens at `offsets` with the matched `positions`
 * (the phrase at start s has its token at offset o on position s + o), and how many line up.
 */
export function bestAlignment(positions: number[], offsets: number[]): { start: number; count: number } {
  if (positions.length === 0 || offsets.length === 0) return { start: -1, count: 0 };
  const have = new Set(positions);
  let best = { start: -1, count: 0 };
  const tried = new Set<number>();
  for (const position of [...have].sort((a, b) => a - b)) {
    for (const offset of offsets) {
      const start = position - offset;
      if (tried.has(start)) continue;
      tried.add(start);
      let count = 0;
      for (const o of offsets) if (have.has(start + o)) count += 1;
      if (count > best.count) best = { start, count };
    }
  }
  return best;
}

/** Candidates holding the cover at its offsets first, then by how much of it lines up, then Pagefind's score. */
export function rankCandidates(results: PagefindResult[], offsets: number[]): Candidate[] {
  const ranked = results.map((result, order) => {
    const { start, count } = bestAlignment(result.words, offsets);
    return { result, run: count, phrase: count >= offsets.length, start, order };
  });
  ranked.sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.run - a.run || a.order - b.order);
  return ranked.map(({ order: _order, ...c }) => c);
}

export type Hit = {
  url: string;
  title: string;
  place: string;
  num: string;
  text: string;
  /** the clause holds the query verbatim */
  exact: boolean;
  /** the other clauses of the same article that hold it too */
  also: { url: string; num: string }[];
};

export type SearchState = {
  query: string;
  tokens: string[];
  candidates: Candidate[];
  /** counts per filter value over the candidates (when loaded), and over all clauses */
  filters: FilterCounts;
  totalFilters: FilterCounts;
};

/** The tokens at `offsets`, as Pagefind is asked for them: encoded, separated by spaces. */
function coverTerm(tokens: string[], offsets: number[]): string {
  return offsets.map((i) => encodeToken(tokens[i])).join(' ');
}

/** The term Pagefind is asked for: the cover of the query's tokens ('' when it has none). */
export function pagefindTerm(query: string, common?: ReadonlySet<string>): string {
  const tokens = queryTokens(query);
  return coverTerm(tokens, coverOffsets(tokens, common));
}

export async function search(pagefind: PagefindApi, query: string, filters: Record<string, string> = {}, common?: ReadonlySet<string>): Promise<SearchState> {
  const tokens = queryTokens(query);
  const empty: SearchState = { query, tokens, candidates: [], filters: {}, totalFilters: {} };
  if (tokens.length === 0) return empty;
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const offsets = coverOffsets(tokens, common);
  const found = await pagefind.search(coverTerm(tokens, offsets), { filters: active });
  if (!found) return empty;
  return { query, tokens, candidates: rankCandidates(found.results, offsets), filters: found.filters, totalFilters: found.totalFilters };
}

/**
 * A loaded record as a hit: the first part that holds the query verbatim (and the others
 * that do as `also`), else the part where the best-aligned tokens start, else the first.
 */
export function toHit(data: PagefindData, query: string, start = -1): Hit {
  const parts = decodeParts(data.meta.parts, data.url);
  const base = { title: data.meta.title ?? '', place: data.meta.place ?? '' };
  if (parts.length === 0) return { ...base, url: data.url, num: '', text: '', exact: false, also: [] };
  const [exact, ...more] = parts.filter((p) => containsPhrase(p.text, query));
  const at = start >= 0 ? parts.findLast((p) => p.at <= start) : undefined;
  const part = exact ?? at ?? parts[0];
  const also = more.map(({ url, num }) => ({ url, num }));
  return { ...base, url: part.url, num: part.num, text: part.text, exact: exact !== undefined, also };
}

/**
 * The hits from `start` to `start + count` of a search, loaded. Within what is loaded, a
 * clause that holds the phrase moves ahead of one that does not (the position check can be
 * fooled by punctuation between two runs of the phrase).
 */
export async function loadHits(state: SearchState, start: number, count: number): Promise<Hit[]> {
  const slice = state.candidates.slice(start, start + count);
  const hits = await Promise.all(slice.map(async (c) => toHit(await c.result.data(), state.query, c.start)));
  return hits.map((hit, i) => ({ hit, i })).sort((a, b) => Number(b.hit.exact) - Number(a.hit.exact) || a.i - b.i).map((x) => x.hit);
}

export type Excerpt = { text: string; marked: boolean }[];

/**
 * A window of about `length` characters of the text around the first match, as pieces to
 * render, the matches marked; … where the text is cut.
 */
export function excerpt(text: string, query: string, length = 90): Excerpt {
  const ranges = highlightRanges(text, query);
  const chars = text.length;
  let from = 0;
  if (ranges.length > 0 && chars > length) {
    const [s, e] = ranges[0];
    from = Math.max(0, Math.min(s - Math.floor((length - (e - s)) / 3), chars - length));
  }
  const to = Math.min(chars, from + length);
  const pieces: Excerpt = [];
  if (from > 0) pieces.push({ text: '…', marked: false });
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const ms = Math.max(s, from);
    const me = Math.min(e, to);
    if (ms > at) pieces.push({ text: text.slice(at, ms), marked: false });
    pieces.push({ text: text.slice(ms, me), marked: true });
    at = me;
  }
  if (at < to) pieces.push({ text: text.slice(at, to), marked: false });
  if (to < chars) pieces.push({ text: '…', marked: false });
  return pieces;
}

export { phraseOf };
