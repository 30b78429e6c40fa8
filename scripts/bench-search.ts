/**
 * npm run bench:search [-- --sources DIR] [--phrases N] [--seed N] [--no-naive] [--reuse]
 *
 * How well /search/ finds a clause from a phrase of it, in headless Chromium.
 *
 * What it builds (under .tiaowen/bench-search/):
 *   - without --sources: the whole site of the bundled documents (content/, as committed),
 *     `scripts/build.ts --skip-ingest` → seeds/dist
 *   - with --sources DIR: the ingest of DIR → corpus/content, the clause search index of it
 *     → corpus/dist/pagefind, and the search page with its scripts and styles copied from a
 *     build of the bundled site (the page holds no data: everything it shows comes from the
 *     index). The document pages of the corpus are not built (that is the site build's job).
 *   - the naive Pagefind site of the same documents (scripts/naive-search.ts) → naive/
 *
 * Then it draws phrases of 4–10 Han characters from clause texts (mulberry32 PRNG, --seed)
 * and searches each twice, in a fresh browser context (empty cache) each time:
 *   - typed: opens /search/, waits until the page has loaded Pagefind (its script,
 *     WebAssembly and the index's metadata, which the page fetches as it opens), types the
 *     phrase into the box and presses Enter: what a reader on the search page waits for;
 *   - cold: opens /search/?q=<phrase>, a shared link: Pagefind's loading is part of the
 *     search.
 * and prints for each:
 *   - hit@1: the first result links to the clause the phrase was drawn from, or to a clause
 *     whose heading or text also holds the phrase verbatim; hit@5 likewise in the first five
 *   - time to results: from the page starting the search (after Enter, or as the page opens)
 *     to the results rendered, as the page reports it (index chunks fetched, results ranked,
 *     their fragments fetched, rendered; and for cold, Pagefind loaded)
 *   - KB fetched per query: response bodies of the index, fragment and filter files fetched
 *     for the search; and, once per visit, the runtime (pagefind.js, its WebAssembly, the
 *     index's metadata)
 * --reuse keeps what an earlier run built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { ApiIndex, Document } from '../src/lib/types';
import { serveStatic } from '../src/site/static-server';
import { buildSearchIndex } from '../src/site/search/build-index';
import { clauseText } from '../src/site/search/records';
import { launch } from '../tests/e2e/browser';
import { build, projectRoot } from './build.ts';
import { buildNaive } from './naive-search.ts';

const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    sources: { type: 'string' },
    phrases: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    'no-naive': { type: 'boolean' },
    reuse: { type: 'boolean' },
  },
  strict: true,
});

const work = path.join(projectRoot, '.tiaowen', 'bench-search');
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (${code})`))));
  });
}

function copyDir(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
}

/** mulberry32: a small seeded PRNG, the same phrases for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Clause = { url: string; text: string };
type Phrase = { phrase: string; url: string };

function loadClauses(dataDir: string): Clause[] {
  const index = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')) as ApiIndex;
  const out: Clause[] = [];
  for (const d of index.documents) {
    const doc = JSON.parse(fs.readFileSync(path.join(dataDir, 'docs', `${d.id}.json`), 'utf8')) as Document;
    for (const c of doc.clauses) out.push({ url: c.url, text: clauseText(c) });
  }
  return out;
}

/** n phrases: a clause drawn uniformly among those with a run of ≥ 4 Han characters, a run of it, a length 4–10, a start. */
export function drawPhrases(clauses: Clause[], n: number, seed: number): Phrase[] {
  const random = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const eligible = clauses.map((c) => ({ c, runs: c.text.match(/\p{Script=Han}{4,}/gu) ?? [] })).filter((x) => x.runs.length > 0);
  const phrases: Phrase[] = [];
  while (phrases.length < n) {
    const { c, runs } = pick(eligible);
    const run = [...pick(runs)];
    const length = 4 + Math.floor(random() * (Math.min(10, run.length) - 3));
    const start = Math.floor(random() * (run.length - length + 1));
    phrases.push({ phrase: run.slice(start, start + length).join(''), url: c.url });
  }
  return phrases;
}

type Measured = { ms: number; queryBytes: number; runtimeBytes: number; urls: string[] };
type Mode = 'typed' | 'cold';

async function measure(siteDir: string, phrases: Phrase[], label: string, mode: Mode): Promise<Measured[]> {
  const server = await serveStatic(siteDir);
  const browser = await launch();
  const out: Measured[] = [];
  try {
    for (const [i, p] of phrases.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let queryBytes = 0;
      let runtimeBytes = 0;
      let searching = mode === 'cold';
      const pending: Promise<void>[] = [];
      page.on('response', (response) => {
        const pathname = decodeURIComponent(new URL(response.url()).pathname);
        if (!pathname.startsWith('/pagefind/')) return;
        const forQuery = /^\/pagefind\/(index|fragment|filter)\//.test(pathname);
        if (forQuery && !searching) return;
        pending.push(
          response
            .body()
            .then((body) => {
              if (forQuery) queryBytes += body.length;
              else runtimeBytes += body.length;
            })
            .catch(() => {}),
        );
      });
      if (mode === 'cold') {
        await page.goto(`${server.url}/search/?q=${encodeURIComponent(p.phrase)}`);
      } else {
        await page.goto(`${server.url}/search/`);
        await page.waitForSelector('[data-search-results][data-search-ready]', { state: 'attached', timeout: 60_000 });
        searching = true;
        await page.fill('[data-search-input]', p.phrase);
        await page.press('[data-search-input]', 'Enter');
      }
      await page.waitForFunction((q) => document.querySelector('[data-search-results]')?.getAttribute('data-search-query') === q, p.phrase, { timeout: 60_000 });
      const result = await page.evaluate(() => ({
        ms: Number(document.querySelector('[data-search-results]')!.getAttribute('data-search-ms')),
        urls: [...document.querySelectorAll('[data-search-result]')].map((li) => decodeURIComponent(new URL(li.querySelector('a')!.href).pathname + new URL(li.querySelector('a')!.href).hash)),
      }));
      await Promise.all(pending);
      out.push({ ...result, queryBytes, runtimeBytes });
      await context.close();
      if ((i + 1) % 50 === 0) console.log(`  ${label}: ${i + 1}/${phrases.length}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

function report(label: string, phrases: Phrase[], measured: Measured[], textOf: Map<string, string>) {
  const ok = (url: string | undefined, p: Phrase) => url !== undefined && (url === p.url || (textOf.get(url) ?? '').includes(p.phrase));
  const hit1 = measured.filter((m, i) => ok(m.urls[0], phrases[i])).length;
  const hit5 = measured.filter((m, i) => m.urls.slice(0, 5).some((u) => ok(u, phrases[i]))).length;
  const pct = (n: number) => `${((100 * n) / phrases.length).toFixed(1)}%`;
  const kb = (n: number) => (n / 1024).toFixed(1);
  const qb = measured.map((m) => m.queryBytes);
  return {
    label,
    'hit@1': pct(hit1),
    'hit@5': pct(hit5),
    'median ms': quantile(measured.map((m) => m.ms), 0.5),
    'p95 ms': quantile(measured.map((m) => m.ms), 0.95),
    'KB/query median': kb(quantile(qb, 0.5)),
    'KB/query p95': kb(quantile(qb, 0.95)),
    'KB/query max': kb(Math.max(...qb)),
    'runtime KB': kb(quantile(measured.map((m) => m.runtimeBytes), 0.5)),
    misses: measured
      .map((m, i) => ({ m, p: phrases[i] }))
      .filter(({ m, p }) => !ok(m.urls[0], p))
      .slice(0, 5)
      .map(({ m, p }) => `${p.phrase} → ${m.urls[0] ?? '(none)'} (wanted ${p.url})`),
  };
}

const n = Number(values.phrases);
const seed = Number(values.seed);
const started = performance.now();
let siteDir: string;
let dataDir: string;
let what: string;

const seedsDist = path.join(work, 'seeds', 'dist');
if (!values.reuse || !fs.existsSync(path.join(seedsDist, 'search', 'index.html'))) {
  console.log('▶ building the site of the bundled documents (content/) → .tiaowen/bench-search/seeds/dist');
  await build({ skipIngest: true, outDir: seedsDist, env: { TIAOWEN_CONTENT: path.join(projectRoot, 'content') } });
}

if (values.sources) {
  const sources = path.resolve(values.sources);
  const content = path.join(work, 'corpus', 'content');
  dataDir = path.join(content, 'data');
  siteDir = path.join(work, 'corpus', 'dist');
  if (!values.reuse || !fs.existsSync(path.join(dataDir, 'index.json'))) {
    const t = performance.now();
    console.log(`▶ ingest ${sources} → .tiaowen/bench-search/corpus/content`);
    await run([require.resolve('tsx/cli'), 'scripts/ingest.ts', '--sources', sources, '--out', content]);
    console.log(`✔ ingest (${seconds(t)})`);
  }
  if (!values.reuse || !fs.existsSync(path.join(siteDir, 'pagefind', 'pagefind-entry.json'))) {
    fs.rmSync(siteDir, { recursive: true, force: true });
    const t = performance.now();
    console.log('▶ clause search index → .tiaowen/bench-search/corpus/dist/pagefind');
    const stats = await buildSearchIndex({ dataDir, outDir: siteDir });
    console.log(`✔ ${stats.records} records of ${stats.documents} documents indexed (${seconds(t)})`);
  }
  // the search page, its scripts and styles: data-free, taken from the bundled site's build
  for (const part of ['search', '_astro', 'favicon.svg', '404.html']) {
    if (fs.existsSync(path.join(seedsDist, part))) copyDir(path.join(seedsDist, part), path.join(siteDir, part));
  }
  what = `corpus (${sources}): ingest + clause search index + the search page (no document pages)`;
} else {
  dataDir = path.join(projectRoot, 'content', 'data');
  siteDir = seedsDist;
  what = 'the bundled documents (content/): the whole site';
}

const naiveDir = path.join(work, values.sources ? 'corpus' : 'seeds', 'naive');
if (!values['no-naive'] && (!values.reuse || !fs.existsSync(path.join(naiveDir, 'pagefind', 'pagefind-entry.json')))) {
  const t = performance.now();
  console.log(`▶ naive Pagefind site (each document one page, addDirectory) → ${path.relative(projectRoot, naiveDir)}`);
  const { pages } = await buildNaive(dataDir, naiveDir);
  console.log(`✔ ${pages} pages indexed (${seconds(t)})`);
}

const clauses = loadClauses(dataDir);
const textOf = new Map(clauses.map((c) => [c.url, c.text]));
const phrases = drawPhrases(clauses, n, seed);
console.log(`\n${phrases.length} phrases of 4–10 Han characters (seed ${seed}) from ${clauses.length} clauses, e.g. ${phrases.slice(0, 3).map((p) => p.phrase).join('、')}`);

const rows = [
  report('clause search, typed on /search/', phrases, await measure(siteDir, phrases, 'typed', 'typed'), textOf),
  report('clause search, cold /search/?q=', phrases, await measure(siteDir, phrases, 'cold', 'cold'), textOf),
];
if (!values['no-naive']) rows.push(report('naive Pagefind, cold ?q=', phrases, await measure(naiveDir, phrases, 'naive', 'cold'), textOf));

console.log(`\nbench:search — ${what}`);
console.table(rows.map(({ misses: _m, ...r }) => r));
for (const r of rows) if (r.misses.length > 0) console.log(`${r.label}, first misses:\n  ${r.misses.join('\n  ')}`);
console.log(`\n(${seconds(started)} in all)`);
