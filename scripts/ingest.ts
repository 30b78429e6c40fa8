/**
 * npm run ingest [-- --sources DIR [--sources DIR …]] [--out DIR] [--check] [--strict] [--index-cache DIR [--index-shard-mb N]]
 *
 * Reads every source under DIR (default content/sources; with several folders, each
 * source's path begins with its folder's name: corpus/…, sources/…), writes clause-level MDX to
 * <out>/regulations/ and data to <out>/data/ (default out: content). --check writes
 * nothing and exits 1 when the files on disk differ from what the sources give.
 * --strict exits 1 when any source had a problem. --index-cache DIR (the build's search index
 * cache of this content root): the search index's first shards are written into it while
 * the provisions are compared, on what the comparison leaves of the cores idle
 * (src/site/search/early-shards.ts); --index-shard-mb as the build's.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { ingestCollection, type ParseCache, type SourceFile } from '../src/ingest/ingest.ts';
import type { ParsedSource } from '../src/ingest/parse-source.ts';
import { GENERATED_DIRS, collectionOutputPaths, generateData, generateMdx, mdxPath, type MdxCache } from '../src/ingest/outputs.ts';
import { listFiles, readSourceFolders } from '../src/ingest/source-folder.ts';
import { MDX_WRITTEN } from '../src/site/data-ready.ts';
import { parseTaxonomy } from '../src/ingest/topics.ts';
import { startEarlyShards, type EarlyShards, type KnownShardsMessage } from '../src/site/search/early-shards.ts';

const { values } = parseArgs({
  options: {
    sources: { type: 'string', multiple: true, default: ['content/sources'] },
    out: { type: 'string', default: 'content' },
    check: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    topics: { type: 'string', default: 'content/topics.yaml' },
    cache: { type: 'string', default: '.tiaowen/cache/ingest' },
    'no-cache': { type: 'boolean', default: false },
    'index-cache': { type: 'string' },
    'index-shard-mb': { type: 'string' },
  },
});
const sourceDirs = values.sources!;
const outDir = values.out!;

/**
 * The caches on disk, under DIR/<code version>/: parsed sources as <content hash>.json, and
 * generated MDX as mdx/<hash of the document's data>.mdx. The version is a hash of the
 * ingest's own code and of the installed packages (package-lock.json), so a change to the
 * parser or the serialiser never reuses old results, and the folders of other versions are
 * removed.
 */
function fileCaches(dir: string): { parse: ParseCache; mdx: MdxCache } {
  const code = createHash('sha256');
  const ingestDir = fileURLToPath(new URL('../src/ingest/', import.meta.url));
  for (const f of readdirSync(ingestDir).sort()) code.update(f).update(readFileSync(join(ingestDir, f)));
  const lock = fileURLToPath(new URL('../package-lock.json', import.meta.url));
  if (existsSync(lock)) code.update(readFileSync(lock));
  const version = code.digest('hex').slice(0, 16);
  const root = join(dir, version);
  // results of other versions of the code are never read again (the folder is the ingest's
  // own: the Astro build keeps its caches beside it, in .tiaowen/cache/<content root hash>/)
  if (existsSync(dir)) for (const old of readdirSync(dir)) if (old !== version && /^[0-9a-f]{16}$/.test(old)) rmSync(join(dir, old), { recursive: true, force: true });
  const read = (file: string) => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  return {
    parse: {
      get: (key) => {
        const text = read(`${key}.json`);
        return text === undefined ? undefined : (JSON.parse(text) as ParsedSource);
      },
      set: (key, value) => write(`${key}.json`, JSON.stringify(value)),
    },
    mdx: { get: (key) => read(`mdx/${key}.mdx`), set: (key, mdx) => write(`mdx/${key}.mdx`, mdx) },
  };
}

/** A full garbage collection, without starting Node with --expose-gc. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

for (const dir of sourceDirs) {
  if (!existsSync(dir)) {
    console.error(`ingest: sources folder "${dir}" does not exist`);
    process.exit(2);
  }
}
let read;
try {
  read = readSourceFolders(sourceDirs);
} catch (e) {
  console.error(`ingest: ${(e as Error).message}`);
  process.exit(2);
}
const { files, orphanSidecars } = read;
for (const f of orphanSidecars) console.warn(`ingest: ${f}: sidecar has no source file next to it`);

let topics;
try {
  topics = parseTaxonomy(readFileSync(values.topics!, 'utf8'));
} catch (e) {
  console.error(`ingest: ${values.topics}: ${(e as Error).message}`);
  process.exit(2);
}
const started = performance.now();
const caches = values['no-cache'] ? undefined : fileCaches(values.cache!);
const existing = new Set(GENERATED_DIRS.flatMap((d) => (existsSync(join(outDir, d)) ? listFiles(join(outDir, d)).map((f) => `${d}/${f}`) : [])));
const changed: string[] = [];
/** Writes the files that differ from what is on disk (in --check mode only notes them). */
function writeChanged(files: Iterable<[string, string]>): void {
  for (const [path, text] of files) {
    // compared as bytes: decoding the file (208 MB of mostly Han text on the corpus) took longer than reading it
    const bytes = Buffer.from(text);
    if (existing.has(path) && readFileSync(join(outDir, path)).equals(bytes)) continue;
    changed.push(path);
    if (values.check) continue;
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), bytes);
  }
}
const staleOf = (paths: Set<string>, dir: string) => [...existing].filter((p) => p.startsWith(`${dir}/`) && !paths.has(p));

// The MDX goes out as soon as the references are linked, and a build that started this
// ingest (scripts/build.ts, over IPC) is told, so that Astro bundles the pages during the
// comparison; the data files follow once the comparison is done.
process.channel?.unref();
let staleMdx: string[] = [];
let earlyShards: EarlyShards | undefined;
const indexCache = values.check ? undefined : values['index-cache'];
const collection = await ingestCollection(files, {
  topics,
  ...(caches ? { cache: caches.parse } : {}),
  linked: (documents) => {
    writeChanged(generateMdx(documents, caches?.mdx));
    staleMdx = staleOf(new Set(documents.map(mdxPath)), 'regulations');
    if (!values.check) for (const p of staleMdx) rmSync(join(outDir, p));
    process.send?.(MDX_WRITTEN);
  },
  searchable: (documents, context) => {
    if (!indexCache) return;
    const shardMB = Number(values['index-shard-mb']);
    earlyShards = startEarlyShards({ documents, context, dataDir: join(outDir, 'data'), cacheDir: indexCache, ...(shardMB > 0 ? { shardBytes: shardMB * 1e6 } : {}) });
  },
});
const staleData = staleOf(new Set(collectionOutputPaths(collection)), 'data');
const stale = [...staleMdx, ...staleData];

for (const p of collection.report.problems) console.warn(`ingest: ${p.severity}: ${p.source}: ${p.message}`);
const errors = collection.report.problems.filter((p) => p.severity === 'error').length;
const warnings = collection.report.problems.length - errors;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`ingest stages: ${Object.entries(collection.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
console.log(`ingest: ${files.length} sources (${collection.cachedSources} from the parse cache) → ${collection.documents.length} documents, ${collection.documents.reduce((n, d) => n + d.clauses.length, 0)} clauses; ${errors} errors, ${warnings} warnings (${seconds} s)`);

// Files are generated, compared and written one at a time.
// The whole-collection stages leave about a gigabyte of garbage (similarity vectors and
// postings); V8 sized its heap while they were live and, left alone, let the output strings
// pile up on top before collecting: the corpus ingest peaked at 2.0–2.1 GB in two runs of
// four, and at 1.58–1.70 GB in five runs with the garbage collected here (no time lost).
collectGarbage();
const writing = performance.now();
writeChanged(generateData(collection));

if (earlyShards) {
  const early = await earlyShards.stop();
  console.log(`ingest: ${early.written} search index shard(s) written while comparing${early.cached ? `, ${early.cached} found in the cache` : ''}${early.stopped ? ` (stopped: ${early.stopped})` : ''}`);
  // the build that started this ingest takes these from the cache without reading their data files again
  if (process.send && early.shards.length > 0) {
    const message: KnownShardsMessage = { type: 'index-shards', shards: early.shards };
    await new Promise<void>((resolve) => process.send!(message, () => resolve()));
  }
}

if (values.check) {
  if (changed.length || stale.length) {
    for (const p of changed) console.error(`ingest --check: out of date: ${join(outDir, p)}`);
    for (const p of stale) console.error(`ingest --check: no longer generated: ${join(outDir, p)}`);
    console.error('ingest --check: generated files differ from their sources; run `npm run ingest` and commit the result');
    process.exit(1);
  }
  console.log('ingest --check: generated files are up to date');
} else {
  for (const p of staleData) rmSync(join(outDir, p));
  console.log(`ingest: wrote ${changed.length} files, removed ${stale.length} to ${outDir}/ (MDX generated and compared in ${collection.timings.mdx!.toFixed(1)} s, data in ${((performance.now() - writing) / 1000).toFixed(1)} s)`);
}
if (values.strict && collection.report.problems.length) process.exit(1);
