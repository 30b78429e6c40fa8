/**
 * /search/: clause search over the Pagefind index of src/site/search/build-index.ts.
 *
 * The query and filters live in the address (?q=…&place=…), so a search can be shared and
 * the back button works. Results are rendered as <li data-search-result>, whose first link
 * is the clause; the no-results state is [data-search-empty]. When a search has been
 * rendered, the list carries data-search-query (the query) and data-search-ms (time from
 * starting the search to the results on screen, whatever of Pagefind's loading was still
 * under way included); data-search-ready once Pagefind has loaded.
 *
 * Filter counts need Pagefind's filter files, which are loaded only once the reader opens
 * the filter panel (or arrives with a filter in the address).
 *
 * Pagefind (its script, WebAssembly and the index's metadata) starts loading as soon as the
 * page does, not at the first search: by the time a reader has typed a phrase, only the
 * index chunks of its words and the fragments of the results shown are left to fetch.
 */
import { excerpt, loadHits, search, type FilterCounts, type Hit, type PagefindApi, type SearchState } from '../search/engine';
import { FACET_SEPARATOR, facetLabel } from '../search/facets';
import { COMMON_BIGRAMS_FILE } from '../search/tokens';

const PAGE = 10;
const FILTER_KEYS = ['place', 'doc', 'level', 'status', 'topic'];
const MAX_OPTIONS = 300;

const form = document.querySelector<HTMLFormElement>('[data-search-form]')!;
const input = document.querySelector<HTMLInputElement>('[data-search-input]')!;
const list = document.querySelector<HTMLOListElement>('[data-search-results]')!;
const status = document.querySelector<HTMLElement>('[data-search-status]')!;
const more = document.querySelector<HTMLButtonElement>('[data-search-more]')!;
const empty = document.querySelector<HTMLElement>('[data-search-empty]')!;
const emptyMessage = document.querySelector<HTMLElement>('[data-search-empty-message]')!;
const emptyFilters = document.querySelector<HTMLElement>('[data-search-empty-filters]')!;
const hints = document.querySelector<HTMLElement>('[data-search-hints]')!;
const panel = document.querySelector<HTMLDetailsElement>('[data-search-filters]')!;
const panelSummary = document.querySelector<HTMLElement>('[data-search-filter-summary]')!;
const selects = new Map([...document.querySelectorAll<HTMLSelectElement>('[data-search-filter]')].map((s) => [s.dataset.searchFilter!, s]));

let pagefindPromise: Promise<PagefindApi> | null = null;
function pagefind(): Promise<PagefindApi> {
  if (!pagefindPromise) {
    const url = '/pagefind/pagefind.js';
    pagefindPromise = import(/* @vite-ignore */ url).then(async (pf: PagefindApi) => {
      await pf.options({ excerptLength: 0 });
      // resolves once Pagefind has loaded its WebAssembly and the index's metadata
      await pf.preload('');
      list.dataset.searchReady = '';
      return pf;
    });
  }
  return pagefindPromise;
}

/** The corpus's most common bigrams (written by the index builder), which a query leaves out where it can. */
let commonPromise: Promise<ReadonlySet<string>> | null = null;
function commonBigrams(): Promise<ReadonlySet<string>> {
  commonPromise ??= fetch(`/pagefind/${COMMON_BIGRAMS_FILE}`)
    .then((r) => (r.ok ? (r.json() as Promise<string[]>) : []))
    .then((list) => new Set(list))
    .catch(() => new Set<string>());
  return commonPromise;
}

let filtersLoaded = false;
let sequence = 0;
let state: SearchState | null = null;
let shown = 0;

function readAddress(): { q: string; filters: Record<string, string> } {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return { q: params.get('q') ?? '', filters };
}

function currentFilters(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, select] of selects) if (select.value) out[key] = select.value;
  return out;
}

function writeAddress(q: string, filters: Record<string, string>, push: boolean) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function renderHit(hit: Hit, query: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  li.setAttribute('data-search-result', '');
  if (hit.exact) li.dataset.exact = '';
  const link = document.createElement('a');
  link.className = 'search-result__link';
  link.href = hit.url;
  if (hit.num) {
    const num = document.createElement('span');
    num.className = 'search-result__num';
    num.textContent = hit.num;
    link.append(num);
  }
  const title = document.createElement('span');
  title.className = 'search-result__title';
  title.textContent = `《${hit.title}》`;
  link.append(title);
  const place = document.createElement('p');
  place.className = 'search-result__place';
  place.textContent = hit.place;
  const text = document.createElement('p');
  text.className = 'search-result__excerpt';
  for (const piece of excerpt(hit.text, query)) {
    if (piece.marked) {
      const mark = document.createElement('mark');
      mark.textContent = piece.text;
      text.append(mark);
    } else text.append(piece.text);
  }
  li.append(link, place, text);
  if (hit.also.length > 0) {
    // the article's other clauses with the phrase: one result per article, every clause reachable
    const also = document.createElement('p');
    also.className = 'search-result__also';
    also.append('本条另见：');
    hit.also.forEach((a, i) => {
      const more = document.createElement('a');
      more.href = a.url;
      more.textContent = a.num || a.url.split('#')[1];
      also.append(...(i > 0 ? ['、'] : []), more);
    });
    li.append(also);
  }
  return li;
}

/** A filter value as shown: the name, indented by depth for places (division codes). */
function optionLabel(key: string, value: string, count: number): string {
  let label = facetLabel(value);
  if (key === 'place') {
    const code = value.split(FACET_SEPARATOR)[1] ?? '';
    const depth = code === '100000' ? 0 : code.length > 6 ? 3 : code.endsWith('0000') ? 0 : code.endsWith('00') ? 1 : 2;
    label = `${'　'.repeat(depth)}${label}`;
  }
  return `${label}（${count}）`;
}

function renderFilters(counts: FilterCounts, chosen: Record<string, string>) {
  for (const [key, select] of selects) {
    const values = counts[key] ?? {};
    const entries = Object.entries(values).filter(([v, n]) => n > 0 || v === chosen[key]);
    if (key === 'place') entries.sort((a, b) => (a[0].split(FACET_SEPARATOR)[1] ?? '').localeCompare(b[0].split(FACET_SEPARATOR)[1] ?? ''));
    else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
    const options = [new Option('全部', '')];
    for (const [value, count] of entries.slice(0, MAX_OPTIONS)) options.push(new Option(optionLabel(key, value, count), value));
    if (chosen[key] && !entries.slice(0, MAX_OPTIONS).some(([v]) => v === chosen[key])) options.push(new Option(optionLabel(key, chosen[key], 0), chosen[key]));
    select.replaceChildren(...options);
    select.value = chosen[key] ?? '';
    select.disabled = false;
  }
  const n = Object.keys(chosen).length;
  panelSummary.textContent = n > 0 ? `（已选 ${n} 项）` : '';
}

async function run(q: string, filters: Record<string, string>) {
  const mine = ++sequence;
  const started = performance.now();
  const query = q.trim();
  hints.hidden = query.length > 0;
  panel.hidden = query.length === 0;
  if (!query) {
    list.replaceChildren();
    status.textContent = '';
    empty.hidden = true;
    more.hidden = true;
    list.dataset.searchQuery = '';
    return;
  }
  status.textContent = '正在检索…';
  const pf = await pagefind();
  if (filtersLoaded === false && (panel.open || Object.keys(filters).length > 0)) {
    await pf.filters();
    filtersLoaded = true;
  }
  const found = await search(pf, query, filters, await commonBigrams());
  if (mine !== sequence) return;
  const hits = await loadHits(found, 0, PAGE);
  if (mine !== sequence) return;
  state = found;
  shown = hits.length;
  list.replaceChildren(...hits.map((h) => renderHit(h, query)));
  const total = found.candidates.length;
  const phrases = found.candidates.filter((c) => c.phrase).length;
  empty.hidden = total > 0;
  more.hidden = shown >= total;
  if (total === 0) {
    emptyMessage.textContent = found.tokens.length === 0 ? `“${query}”中没有可以检索的文字。` : `没有找到包含“${query}”的条文。`;
    emptyFilters.hidden = Object.keys(filters).length === 0;
    status.textContent = '没有结果';
  } else {
    status.textContent = phrases > 0 && phrases < total ? `找到 ${total} 条，其中 ${phrases} 条包含完整的“${query}”` : `找到 ${total} 条`;
  }
  if (filtersLoaded) renderFilters(found.filters, filters);
  list.dataset.searchQuery = query;
  list.dataset.searchMs = String(Math.round(performance.now() - started));
}

async function showMore() {
  if (!state) return;
  const mine = sequence;
  const hits = await loadHits(state, shown, PAGE);
  if (mine !== sequence) return;
  const first = hits.length > 0 ? renderHit(hits[0], state.query) : null;
  list.append(...(first ? [first] : []), ...hits.slice(1).map((h) => renderHit(h, state!.query)));
  shown += hits.length;
  more.hidden = shown >= state.candidates.length;
  first?.querySelector('a')?.focus();
}

let timer: number | undefined;
input.addEventListener('input', () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    writeAddress(input.value.trim(), currentFilters(), false);
    void run(input.value, currentFilters());
  }, 180);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  writeAddress(input.value.trim(), currentFilters(), true);
  void run(input.value, currentFilters());
});

for (const select of selects.values()) {
  select.addEventListener('change', () => {
    writeAddress(input.value.trim(), currentFilters(), true);
    void run(input.value, currentFilters());
  });
}

panel.addEventListener('toggle', () => {
  if (panel.open && !filtersLoaded && input.value.trim()) void run(input.value, currentFilters());
});

document.querySelector('[data-search-clear]')?.addEventListener('click', () => {
  for (const select of selects.values()) select.value = '';
  writeAddress(input.value.trim(), {}, true);
  void run(input.value, {});
  input.focus();
});

more.addEventListener('click', () => void showMore());

// Keyboard: ↓ from the box to the first result, ↑/↓ between results, Esc back to the box.
const resultLinks = () => [...list.querySelectorAll<HTMLAnchorElement>('[data-search-result] a.search-result__link')];
input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' && resultLinks().length > 0) {
    event.preventDefault();
    resultLinks()[0].focus();
  }
});
list.addEventListener('keydown', (event) => {
  const links = resultLinks();
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  if (event.key === 'ArrowDown' && at + 1 < links.length) {
    event.preventDefault();
    links[at + 1].focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    (at > 0 ? links[at - 1] : input).focus();
  } else if (event.key === 'Escape') {
    input.focus();
  }
});

function fromAddress() {
  const { q, filters } = readAddress();
  input.value = q;
  if (Object.keys(filters).length > 0) panel.open = true;
  for (const [key, select] of selects) {
    const value = filters[key] ?? '';
    if (value && ![...select.options].some((o) => o.value === value)) select.append(new Option(facetLabel(value), value));
    select.value = value;
  }
  void run(q, filters);
}

window.addEventListener('popstate', fromAddress);
fromAddress();
void pagefind();
void commonBigrams();

export {};
