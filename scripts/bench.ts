/**
 * npm run bench [-- --corpus DIR] [--sizes 300,1000,all] [--ingest-only] [--no-baseline]
 *
 * 1. Ingests the whole corpus and prints documents/s, MB/s, peak memory and each stage.
 * 2. Builds the site of the bundled sources, and sites of N corpus documents for each size
 *    (every (total/N)-th file in path order, so that each set has the corpus's mix of laws,
 *    regulations and provinces and the sizes compare like with like): per stage (ingest,
 *    references, topics and similar provisions, Astro build, search index) seconds, peak
 *    memory of the ingest, the Astro build and the search index, and in total seconds, peak
 *    memory, output and index size.
 * 3. Beside each corpus site, the plain baseline (scripts/baseline.ts: each document one MDX
 *    page of a bare Astro site, Pagefind CLI) built in the same run, as ratios.
 * 4. A rebuild of the largest site after one source changed (the ingest's caches and Astro's
 *    incremental build at work; the first builds pass --force, so they render every page).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { du, measure } from './lib/measure.ts';
import { removed } from './lib/remove-later.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus' },
    sizes: { type: 'string', default: '300,1000,all' },
    'ingest-only': { type: 'boolean', default: false },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const corpus = values.corpus!;
const tsx = ['--import', 'tsx'];
const work = '.tiaowen/bench';
const corpusFiles = readdirSync(corpus, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => relative(corpus, join(e.parentPath, e.name)))
  .sort();
const mb = (bytes: number) => bytes / 1e6;

// 1. The corpus ingest alone.
{
  const bytes = corpusFiles.reduce((n, f) => n + statSync(join(corpus, f)).size, 0);
  const out = join(work, 'ingest-out');
  rmSync(out, { recursive: true, force: true });
  const run = await measure(process.execPath, [...tsx, 'scripts/ingest.ts', '--sources', corpus, '--out', out, '--no-cache']);
  for (const line of run.stdout.split('\n').filter((l) => /^ingest( stages)?:/.test(l) && !/warning|error:/.test(l))) console.log(line);
  console.log(`bench ingest: ${corpusFiles.length} documents, ${mb(bytes).toFixed(1)} MB in ${run.seconds.toFixed(1)} s → ${(corpusFiles.length / run.seconds).toFixed(0)} documents/s, ${(mb(bytes) / run.seconds).toFixed(2)} MB/s, peak memory ${run.peakMB.toFixed(0)} MB (targets: ≤ 60 s, ≤ 2048 MB)`);
  rmSync(out, { recursive: true, force: true });
}
if (values['ingest-only']) process.exit(0);

/** n items spread evenly over xs (every (length/n)-th), in order. */
function evenly<T>(xs: T[], n: number): T[] {
  if (n >= xs.length) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!);
}

/** Waits for the folders a build set aside (its output's, the index caches') to be deleted. */
const deletionsDone = (outDir: string) => removed([dirname(outDir), join('.tiaowen', 'cache', 'index')]);

type Site = { name: string; documents: number; stages: Record<string, number>; peaks: Record<string, number>; seconds: number; peakMB: number; outputMB: number; indexMB: number };

/** Builds a site from `sources` (or the bundled ones) and reads the stage times the build prints. */
async function buildSite(name: string, sources: string | null, documents: number, { rebuild = false } = {}): Promise<Site> {
  const outDir = join(work, `${name}-dist`);
  rmSync(outDir, { recursive: true, force: true });
  await deletionsDone(outDir);
  // a first build renders every page (--force), whatever an earlier run left in Astro's cache
  const run = await measure(process.execPath, [...tsx, 'scripts/build.ts', ...(sources ? ['--sources', sources] : []), '--out-dir', outDir, ...(rebuild ? [] : ['--force'])]);
  // the earlier index cache, deleted in the background (scripts/lib/remove-later.ts), is gone before anything else is measured
  await deletionsDone(outDir);
  const stages: Record<string, number> = {};
  const ingestStages = /ingest stages: (.*)/.exec(run.stdout)?.[1] ?? '';
  for (const m of ingestStages.matchAll(/([^,]+?) ([\d.]+) s/g)) stages[m[1]!.trim()] = Number(m[2]);
  for (const m of run.stdout.matchAll(/^✔ (.+?) \(([\d.]+)s\)$/gm)) if (!m[1]!.startsWith('ingest')) stages[m[1]!.replace(/ → .*$/, '')] = Number(m[2]);
  // each stage's peak memory, as scripts/build.ts prints it
  const peaks = Object.fromEntries([...run.stdout.matchAll(/^ {2}peak (.+) (\d+) MB$/gm)].map((m) => [m[1]!, Number(m[2])]));
  const index = ['pagefind', 'search'].map((d) => join(outDir, d)).filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } });
  return { name, documents, stages, peaks, seconds: run.seconds, peakMB: run.peakMB, outputMB: mb(du(outDir)), indexMB: index.reduce((n, d) => n + mb(du(d)), 0) };
}

function print(site: Site, baseline?: { seconds: number; peakMB: number; outputMB: number; indexMB: number }) {
  const stages = Object.entries(site.stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
  console.log(`site ${site.name} (${site.documents} documents): ${site.seconds.toFixed(1)} s, peak ${site.peakMB.toFixed(0)} MB, output ${site.outputMB.toFixed(0)} MB, index ${site.indexMB.toFixed(1)} MB`);
  console.log(`  stages: ${stages}`);
  console.log(`  peak memory by stage: ${Object.entries(site.peaks).map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(', ')}`);
  if (baseline) {
    const r = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`  baseline: ${baseline.seconds.toFixed(1)} s, peak ${baseline.peakMB.toFixed(0)} MB, output ${baseline.outputMB.toFixed(0)} MB, index ${baseline.indexMB.toFixed(1)} MB → ratios: time ${r(site.seconds, baseline.seconds)}, memory ${r(site.peakMB, baseline.peakMB)}, output ${r(site.outputMB, baseline.outputMB)}, index ${r(site.indexMB, baseline.indexMB)}`);
  }
}

// 2. The bundled sources' site (target ≤ 20 s).
print(await buildSite('seeds', null, readdirSync('content/regulations').length));

// 3. Corpus sites of growing size, each beside its baseline.
let largest: { dir: string; files: string[] } | null = null;
for (const size of values.sizes!.split(',')) {
  const files = size === 'all' ? corpusFiles : evenly(corpusFiles, Number(size));
  const dir = join(work, `corpus-${files.length}`);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(corpus, f), join(dir, f));
  }
  const site = await buildSite(`corpus-${files.length}`, dir, files.length);
  let baseline;
  if (!values['no-baseline']) {
    const run = await measure(process.execPath, [...tsx, 'scripts/baseline.ts', '--corpus', dir, '--out', join(work, 'baseline')]);
    baseline = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  }
  print(site, baseline);
  largest = { dir, files };
}

// 4. A rebuild after one source changed: the ingest parses only that source again.
if (largest) {
  const changed = join(largest.dir, largest.files[0]!);
  writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n本条为基准测试追加的一行。\n`);
  const site = await buildSite(`${relative(work, largest.dir)}-rebuild`, largest.dir, largest.files.length, { rebuild: true });
  print(site);
}
