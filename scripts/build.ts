/**
 * npm run build [-- --sources DIR [--sources DIR …]] [--skip-ingest] [--out-dir DIR] [--force] [--index-shard-mb N]
 *
 *   1. ingest: `scripts/ingest.ts` into content/ (default), or with --sources DIR
 *      `scripts/ingest.ts --sources DIR --out <TIAOWEN_CONTENT, default .tiaowen/content>`,
 *      and the next steps read that content root. --skip-ingest builds whatever content
 *      root TIAOWEN_CONTENT (default content/) already holds. Astro starts with the ingest,
 *      reads the MDX as soon as the ingest has written it, and bundles the pages while the
 *      ingest finishes (src/site/data-ready.ts).
 *   2. astro build → dist/ (or --out-dir); document pages and their JSON whose code and data
 *      are unchanged since the previous build are copied from it (Astro's incremental
 *      builds; --force renders every page again, and indexes every shard again)
 *      (the source files the ingest read are copied to dist/sources/: from --sources DIR,
 *      else TIAOWEN_SOURCES, else content/sources). --sources may be given more than once:
 *      `--sources ../shared/corpus --sources content/sources` is the corpus with the bundled
 *      documents, each source's path beginning with its folder's name (corpus/…, sources/…)
 *   3. the clause search index (src/site/search/build-index.ts): one Pagefind record per
 *      article, built from <content root>/data → dist/pagefind/, in shards of a bounded
 *      size (--index-shard-mb: the documents' MDX per shard, default 2.5), the first of them
 *      written by the ingest while it compares provisions (at the lowest priority), one of
 *      them at a time while step 2 runs and one per core (at most four) after it; the shards are merged
 *      as soon as they are written, and the index is moved into dist/pagefind/ when step 2
 *      has finished. A shard whose records are those of an earlier build is taken from
 *      .tiaowen/cache/index/<content root hash>/ instead of being indexed again.
 *
 * Child processes run with process.execPath, i.e. the Node that runs this script
 * (Node 22 from the `node` devDependency when started through npm).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSearchIndex, SearchIndexError } from '../src/site/search/build-index.ts';
import { contentRootKey } from '../src/site/content-root.ts';
import { treeRss } from './lib/measure.ts';
import { removeLater } from './lib/remove-later.ts';
import { ASTRO_ALLOCATOR_ENV, ASTRO_NODE_FLAGS } from './lib/astro-memory.ts';
import { DATA_PENDING_ENV, isMdxWritten, MDX_PENDING_ENV } from '../src/site/data-ready.ts';
import { isKnownShardsMessage, type KnownShard } from '../src/site/search/early-shards.ts';

const require = createRequire(import.meta.url);
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type BuildOptions = {
  /** folders of source documents to ingest instead of the bundled content/sources */
  sources?: string | string[];
  /** do not run the ingest; build the existing content root */
  skipIngest?: boolean;
  /** output directory (default dist/), absolute or relative to the project root */
  outDir?: string;
  /** extra environment for the child processes */
  env?: NodeJS.ProcessEnv;
  /** render every page and index every shard again, ignoring what the previous build left (and Astro's --force) */
  force?: boolean;
  /** the documents' data files per search index shard, in MB (default 8) */
  indexShardMB?: number;
};

export class StepError extends Error {}

/**
 * The peak resident memory of what `sample` measures (kB → MB), sampled every 250 ms until
 * stop(): each stage's peak, which the bench reads from the `  peak <stage> <MB> MB` lines.
 */
function peakOf(sample: () => number): { stop(stage: string): void } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 250);
  return {
    stop(stage) {
      clearInterval(timer);
      console.log(`  peak ${stage} ${Math.round(Math.max(peak, sample()) / 1024)} MB`);
    },
  };
}

type Started = (pid: number) => void;
type OnMessage = (message: unknown) => void;

function run(step: string, args: string[], env: NodeJS.ProcessEnv, started?: Started, onMessage?: OnMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: onMessage ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit' });
    if (onMessage) child.on('message', onMessage);
    if (child.pid !== undefined) started?.(child.pid);
    child.on('error', (error) => reject(new StepError(`${step}: could not start ${process.execPath}: ${error.message}`)));
    // 'close' rather than 'exit': after the last of the child's messages
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new StepError(`${step} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

/** run(), printing the peak memory of the child's process tree as the stage's. */
async function runWithPeak(step: string, args: string[], env: NodeJS.ProcessEnv, started?: Started, onMessage?: OnMessage): Promise<void> {
  let peak: { stop(stage: string): void } | undefined;
  try {
    await run(
      step,
      args,
      env,
      (pid) => {
        peak = peakOf(() => treeRss(pid));
        started?.(pid);
      },
      onMessage,
    );
  } finally {
    peak?.stop(step);
  }
}

async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  console.log(`\n▶ ${step}`);
  const result = await fn();
  console.log(`✔ ${step} (${((performance.now() - start) / 1000).toFixed(1)}s)`);
  return result;
}

/** Runs the whole build; throws StepError (with a message naming the step) on failure. */
export async function build(options: BuildOptions = {}): Promise<{ outDir: string; contentRoot: string }> {
  const outDir = path.resolve(projectRoot, options.outDir ?? 'dist');
  // Astro would empty it before it bundles: the corpus site's took 18 s before anything else could start
  removeLater(outDir);
  return buildSteps(options, outDir);
}

/** The search index's cache of a content root: the index of a shard whose records are unchanged is reused. */
function indexCacheOf(contentRoot: string): string {
  return path.join(projectRoot, '.tiaowen', 'cache', 'index', contentRootKey(contentRoot));
}

async function buildSteps(options: BuildOptions, outDir: string): Promise<{ outDir: string; contentRoot: string }> {
  const env: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, ...options.env };

  const folders = options.sources === undefined ? [] : [options.sources].flat();
  const dirs = folders.map((f) => path.resolve(process.cwd(), f));
  if (dirs.length > 0) {
    for (const [i, dir] of dirs.entries()) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new StepError(`--sources ${folders[i]}: not a directory`);
    }
    env.TIAOWEN_CONTENT = path.resolve(projectRoot, env.TIAOWEN_CONTENT || path.join('.tiaowen', 'content'));
    // the originals offered for download at /sources/ (see src/site/sources.ts)
    env.TIAOWEN_SOURCES = dirs.join(path.delimiter);
  }
  const contentRoot = path.resolve(projectRoot, env.TIAOWEN_CONTENT || 'content');
  // --force: every shard is indexed again; the earlier cache is deleted in the background
  if (options.force) removeLater(indexCacheOf(contentRoot));
  const astro = path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  const astroEnv: NodeJS.ProcessEnv = { ...ASTRO_ALLOCATOR_ENV, ...env };
  // Astro starts with the ingest and gets through its own start while the ingest parses (one
  // core was idle for those seconds); it reads the pages' MDX once the ingest has written it,
  // before its longest stage (the comparison), and says so; Astro bundles the pages while the
  // ingest goes on, and waits for the data files before anything reads them
  // (src/site/data-ready.ts). The search index is built from the data files, so it starts
  // when the ingest is done.
  let ingested: Promise<void> = Promise.resolve();
  const pending: string[] = [];
  // the index shards the ingest wrote or found in the cache, with their names there
  const knownShards: KnownShard[] = [];
  if (options.skipIngest) {
    const index = path.join(contentRoot, 'data', 'index.json');
    if (!fs.existsSync(index)) {
      throw new StepError(`no ingest output at ${index}; run \`npm run ingest\` or \`npm run build\` without --skip-ingest`);
    }
  } else {
    const args = dirs.length > 0 ? [...dirs.flatMap((d) => ['--sources', d]), '--out', contentRoot] : [];
    // the search index's first shards are written by the ingest, into the index's cache (see src/site/search/early-shards.ts)
    args.push('--index-cache', indexCacheOf(contentRoot), ...(options.indexShardMB ? ['--index-shard-mb', String(options.indexShardMB)] : []));
    const label = dirs.length > 0 ? `ingest ${dirs.join(' + ')} → ${path.relative(projectRoot, contentRoot) || '.'}` : 'ingest content/sources → content/';
    const [mdxPending, dataPending] = ['mdx', 'data'].map((what) => path.join(projectRoot, '.tiaowen', `ingest-${process.pid}.${what}.pending`));
    fs.mkdirSync(path.dirname(mdxPending), { recursive: true });
    for (const file of [mdxPending, dataPending]) fs.writeFileSync(file, '');
    pending.push(mdxPending, dataPending);
    astroEnv[MDX_PENDING_ENV] = mdxPending;
    astroEnv[DATA_PENDING_ENV] = dataPending;
    // node --import tsx rather than tsx's command line, which would stand between the two processes' IPC
    ingested = timed(label, () =>
      runWithPeak('ingest', ['--import', 'tsx', 'scripts/ingest.ts', ...args], env, undefined, (m) => {
        if (isMdxWritten(m)) fs.rmSync(mdxPending, { force: true });
        else if (isKnownShardsMessage(m)) knownShards.push(...m.shards);
      }),
    );
  }

  let astroPid: number | undefined;
  const astroBuilt = timed(`astro build → ${path.relative(projectRoot, outDir) || '.'}`, () =>
    runWithPeak('astro build', [...ASTRO_NODE_FLAGS, astro, 'build', '--outDir', outDir, ...(options.force ? ['--force'] : [])], astroEnv, (pid) => (astroPid = pid)),
  );
  // its failure is reported below, after the ingest's; until then it must not count as unhandled
  astroBuilt.catch(() => undefined);
  try {
    await ingested;
  } catch (error) {
    // Astro is waiting for data that will not come
    try {
      if (astroPid !== undefined) process.kill(astroPid);
    } catch {
      // it has stopped already
    }
    await astroBuilt.catch(() => undefined);
    throw error;
  } finally {
    for (const file of pending) fs.rmSync(file, { force: true });
  }

  // The index's shards are written and merged while Astro builds (one at a time: the two
  // share the machine's cores and memory); the index is moved into the output folder after
  // Astro has finished.
  const indexCache = indexCacheOf(contentRoot);
  // the index's memory: this process tree (its shard threads, the merge, Pagefind writing its runtime) without Astro's
  const indexPeak = peakOf(() => treeRss(process.pid) - (astroPid === undefined ? 0 : treeRss(astroPid)));
  const indexed = buildSearchIndex({
    dataDir: path.join(contentRoot, 'data'),
    outDir,
    writeAfter: astroBuilt,
    ...(options.indexShardMB ? { shardBytes: options.indexShardMB * 1e6 } : {}),
    cacheDir: indexCache,
    knownShards,
  });
  // both settle before the build reports (a failed index must not leave Astro running)
  const [astroResult, indexResult] = await Promise.allSettled([astroBuilt, indexed]);
  indexPeak.stop('search index');
  if (astroResult.status === 'rejected') throw astroResult.reason;
  if (indexResult.status === 'rejected') {
    const error = indexResult.reason;
    throw error instanceof SearchIndexError ? new StepError(error.message) : error;
  }
  const stats = indexResult.value;
  console.log(`✔ search index shards written (${stats.shardSeconds.toFixed(1)}s)`);
  console.log(`  indexed ${stats.records} records (articles and other clauses) of ${stats.documents} documents in ${stats.shards} shard(s), ${stats.cachedShards} of them unchanged (from the cache)`);
  console.log(`✔ search index shards merged (${stats.mergeSeconds.toFixed(1)}s)`);
  return { outDir, contentRoot };
}

export function parseBuildArgs(argv: string[]): BuildOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sources: { type: 'string', multiple: true },
      'skip-ingest': { type: 'boolean' },
      'out-dir': { type: 'string' },
      force: { type: 'boolean' },
      'index-shard-mb': { type: 'string' },
    },
    strict: true,
  });
  const shardMB = values['index-shard-mb'] === undefined ? undefined : Number(values['index-shard-mb']);
  if (shardMB !== undefined && !(shardMB > 0)) throw new StepError(`--index-shard-mb ${values['index-shard-mb']}: not a positive number`);
  return { sources: values.sources, skipIngest: values['skip-ingest'], outDir: values['out-dir'], force: values.force, indexShardMB: shardMB };
}

async function main() {
  const start = performance.now();
  let options: BuildOptions;
  try {
    options = parseBuildArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`build: ${(error as Error).message}\nusage: npm run build [-- --sources DIR [--sources DIR …]] [--skip-ingest] [--out-dir DIR] [--force] [--index-shard-mb N]`);
    process.exit(2);
  }
  try {
    const { outDir } = await build(options);
    console.log(`\nBuilt ${path.relative(process.cwd(), outDir) || outDir}/ in ${((performance.now() - start) / 1000).toFixed(1)}s`);
  } catch (error) {
    console.error(`\n✖ build failed: ${error instanceof StepError ? error.message : (error as Error).stack}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
