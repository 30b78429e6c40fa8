/**
 * The search itself, in the browser, on top of Pagefind's JS API (pagefind.js), over the
 * clause records of records.ts.
 *
 * 1. The query becomes its tokens (Han bigrams, other words: tokens.ts) and Pagefind finds
 *    the clauses holding all of them.
 * 2. Every candidate is ranked without loading anything more: Pagefind reports where the
 *    matched tokens stand in the clause (result.words), and a clause holding the query as a
 *    phrase has all of the query's tokens at consecutive positions. Candidates with such a
 *    run come first, then by the longest run, then by Pagefind's score.
 * 3. Only the results shown are loaded (one small fragment each); their text confirms the
 *    exact phrase, and an exact clause moves ahead of one that only looked exact.
 */
import { containsPhrase, encodeToken, highlightRanges, phraseOf, queryTokens } from './tokens';

/** The parts of Pagefind's browser API used here. */
export type PagefindResult = { id: string; score: number; words: number[]; data: () => Promise<PagefindData> };
export type PagefindData = { url: string; meta: Record<string, string>; filters?: Record<string, string[]> };
export type FilterCounts = Record<string, Record<string, number>>;
export type PagefindSearch = { results: PagefindResult[]; unfilteredResultCount: number; filters: FilterCounts; totalFilters: FilterCounts };
export type PagefindApi = {
  options: (o: Record<string, unknown>) => Promise<void>;
  init?: () => Promise<void>;
  search: (term: string, options?: { filters?: Record<string, unknown> }) => Promise<PagefindSearch | null>;
  filters: () => Promise<FilterCounts>;
};

export type Candidate = {
  result: PagefindResult;
  /** the longest run of consecutive matched positions */
  run: number;
  /** whether the run covers every token of the query */
  phrase: boolean;
};

/** The length of the longest run of consecutive numbers in a list. */
export function longestRun(positions: number[]): number {
  if (positions.length === 0) return 0;
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  let best = 1;
  let run = 1;
  for (let i = 1; i < sorted.length; i++) {
    run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** Candidates holding the query's tokens as a phrase first, then by longest run, then Pagefind's score. */
export function rankCandidates(results: PagefindResult[], tokenCount: number): Candidate[] {
  const ranked = results.map((result, order) => {
    const run = tokenCount > 1 ? longestRun(result.words) : 1;
    return { result, run, phrase: run >= tokenCount, order };
  });
  ranked.sort((a, b) => Number(b.phrase) - Number(a.phrase) || Math.min(b.run, tokenCount) - Math.min(a.run, tokenCount) || a.order - b.order);
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
};

export type SearchState = {
  query: string;
  tokens: string[];
  candidates: Candidate[];
  /** counts per filter value over the candidates (when loaded), and over all clauses */
  filters: FilterCounts;
  totalFilters: FilterCounts;
};

/** The term Pagefind is asked for: the query's tokens separated by spaces ('' when it has none). */
export function pagefindTerm(query: string): string {
  return queryTokens(query).map(encodeToken).join(' ');
}

export async function search(pagefind: PagefindApi, query: string, filters: Record<string, string> = {}): Promise<SearchState> {
  const tokens = queryTokens(query);
  const empty: SearchState = { query, tokens, candidates: [], filters: {}, totalFilters: {} };
  if (tokens.length === 0) return empty;
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const found = await pagefind.search(pagefindTerm(query), { filters: active });
  if (!found) return empty;
  return { query, tokens, candidates: rankCandidates(found.results, tokens.length), filters: found.filters, totalFilters: found.totalFilters };
}

function toHit(data: PagefindData, query: string): Hit {
  const text = data.meta.text ?? '';
  return { url: data.url, title: data.meta.title ?? '', place: data.meta.place ?? '', num: data.meta.num ?? '', text, exact: containsPhrase(text, query) };
}

/**
 * The hits from `start` to `start + count` of a search, loaded. Within what is loaded, a
 * clause that holds the phrase moves ahead of one that does not (the position check can be
 * fooled by punctuation between two runs of the phrase).
 */
export async function loadHits(state: SearchState, start: number, count: number): Promise<Hit[]> {
  const slice = state.candidates.slice(start, start + count);
  const hits = await Promise.all(slice.map(async (c) => toHit(await c.result.data(), state.query)));
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
