/**
 * Writes the clause search index: one Pagefind record per article (records.ts), in
 * Pagefind's format (pagefind-writer.ts) with Pagefind's runtime, into <outDir>/pagefind/;
 * and beside it common-bigrams.json, the Han bigrams found in the most records, which the
 * search page leaves out of a query where it can (engine.ts: coverOffsets).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ApiIndex } from '../../lib/types';
import type { KnownShard } from './early-shards';
import type { ShardDone, ShardJob, ShardResult } from './index-shard-worker';
import { IndexMerger } from './merge-index';
import { PagefindFileError } from './pagefind-files';
import { writeRuntime } from './pagefind-writer';
import { RECORD_LANGUAGE } from './records';
import { COMMON_BIGRAMS_FILE, decodeToken } from './tokens';
import { tsWorker } from './ts-worker';
import { cachedShard } from './write-shard';

export type IndexStats = {
  documents: number;
  records: number;
  shards: number;
  /** seconds from the start until every shard was written */
  shardSeconds: number;
  /** seconds spent merging the shards (beside the output folder, as soon as they are written) */
  mergeSeconds: number;
  /** shards whose index was taken from the cache */
  cachedShards: number;
};

/** How many of the most common bigrams the search page is told about. */
export const COMMON_BIGRAMS = 500;

/** The `limit` Han bigrams in the most records, most common first (ties in code point order). */
export function commonBigrams(recordCounts: Map<string, number>, limit = COMMON_BIGRAMS): string[] {
  return [...recordCounts]
    .map(([encoded, count]) => ({ token: decodeToken(encoded), count }))
    .filter(({ token }) => /^\p{Script=Han}{2}$/u.test(token))
    .sort((a, b) => b.count - a.count || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
    .slice(0, limit)
    .map(({ token }) => token);
}

export type IndexOptions = {
  /** the content root's data/ folder */
  dataDir: string;
  /** the site's output folder; the index goes to <outDir>/pagefind */
  outDir: string;
  /** called after each shard with the records and documents written so far */
  progress?: (records: number, documents: number) => void;
  /**
   * The index is written to <outDir>/pagefind only once this has settled (and not at all if
   * it rejects). The build passes its Astro build, which empties the output folder as it
   * starts and whose memory peak is not to meet the index's.
   */
  writeAfter?: Promise<unknown>;
  /** the documents' MDX, in bytes, per shard (default SHARD_BYTES; see shardPlan) */
  shardBytes?: number;
  /** shards written at once after `writeAfter` has settled (default: one per core, at most 4) */
  lanes?: number;
  /** shards written at once before it has (default 1: beside the Astro build) */
  lanesBefore?: number;
  /**
   * A folder keeping each shard's index under the hash of its records, so that a build
   * after some documents changed indexes only their shards again; entries this build did
   * not use are removed. One folder per content root: two builds must not share one at once.
   */
  cacheDir?: string;
  /**
   * Shards whose name in the cache is known already, from the records the ingest made of the
   * same documents in the same build (early-shards.ts): taken from the cache without their
   * data files being read again to compute it. Only those the cache has; any other shard is
   * indexed (or found) from its data files as usual.
   */
  knownShards?: KnownShard[];
};

export class SearchIndexError extends Error {}

/** On average one document in this many starts a shard whatever the sizes (see planShards). */
export const ANCHOR_EVERY = 128;

/** Whether a shard starts at this document: a property of its id alone. */
export function isAnchor(id: string): boolean {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % ANCHOR_EVERY === 0;
}

/**
 * Runs of consecutive documents whose sizes add up to at most `shardBytes` (a larger
 * document alone). A run also ends before each anchor document (one in ANCHOR_EVERY, by the
 * hash of its id), so that where the runs are cut depends on the documents near the cut
 * only: a document that grows, or one added, changes its own shard and rarely another, and
 * the others' indexes are taken from the cache.
 */
export function planShards(documents: { id: string; bytes: number }[], shardBytes: number, anchor: (id: string) => boolean = isAnchor): string[][] {
  const shards: string[][] = [];
  let bytes = Infinity;
  for (const d of documents) {
    if (bytes + d.bytes > shardBytes || (bytes > 0 && anchor(d.id))) {
      shards.push([]);
      bytes = 0;
    }
    shards.at(-1)!.push(d.id);
    bytes += d.bytes;
  }
  return shards;
}

/** The documents' MDX per shard, in bytes, by default: about 8 MB of data files, 53 shards on the corpus. */
export const SHARD_BYTES = 2.5e6;

/**
 * The shards of a content root's documents (planShards), each document counted by the size
 * of its MDX file (or, in a data folder without MDX beside it, of its data file). The MDX,
 * not the data file: the ingest writes it before the comparison, so the ingest's early
 * shards (early-shards.ts), which start then, plan the same shards as the build does after.
 */
export function shardPlan(dataDir: string, ids: string[], shardBytes = SHARD_BYTES): string[][] {
  const mdxDir = path.join(dataDir, '..', 'regulations');
  const bytes = (id: string) => {
    try {
      return fs.statSync(path.join(mdxDir, `${id}.mdx`)).size;
    } catch {
      return fs.statSync(path.join(dataDir, 'docs', `${id}.json`)).size;
    }
  };
  return planShards(ids.map((id) => ({ id, bytes: bytes(id) })), shardBytes);
}

/**
 * Worker threads (index-shard-worker.ts) writing one shard at a time each, kept for the next
 * shard (starting one costs about half a second); as many at once as shards are written at once.
 */
function shardWorkers() {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  return {
    write(job: ShardJob): Promise<ShardDone> {
      const worker = idle.pop() ?? tsWorker(new URL('./index-shard-worker.ts', import.meta.url));
      all.add(worker);
      return new Promise((resolve, reject) => {
        const settle = (result: ShardResult | { exit: number } | { failure: Error }) => {
          worker.off('message', settle).off('error', onError).off('exit', onExit);
          if ('dir' in result) {
            idle.push(worker);
            resolve(result);
            return;
          }
          all.delete(worker);
          void worker.terminate();
          const reason = 'error' in result ? result.error : 'exit' in result ? `the shard's worker exited with code ${result.exit}` : result.failure.message;
          reject(new SearchIndexError(`search index: ${reason} (${job.outputPath})`));
        };
        const onError = (failure: Error) => settle({ failure });
        const onExit = (exit: number) => settle({ exit });
        worker.on('message', settle).on('error', onError).on('exit', onExit);
        worker.postMessage(job);
      });
    },
    async close(): Promise<void> {
      await Promise.all([...all].map((w) => w.terminate()));
    },
  };
}

/**
 * Runs task(0), task(1), … task(count - 1) in order, at most limit() at a time (asked again
 * whenever a task ends or wake() is called). After a failure (a task's, or one given to
 * fail()) no task starts, and `done` rejects with the first once the running ones have ended.
 */
function runLanes(count: number, limit: () => number, task: (i: number) => Promise<void>): { done: Promise<void>; wake(): void; fail(reason: unknown): void } {
  let next = 0;
  let active = 0;
  let failure: { reason: unknown } | undefined;
  const { promise: done, resolve, reject } = Promise.withResolvers<void>();
  const wake = () => {
    if (failure) {
      if (active === 0) reject(failure.reason);
      return;
    }
    while (active < limit() && next < count) {
      active += 1;
      task(next++)
        .catch(fail)
        .finally(() => {
          active -= 1;
          wake();
        });
    }
    if (active === 0 && next === count) resolve();
  };
  const fail = (reason: unknown) => {
    failure ??= { reason };
    wake();
  };
  wake();
  return { done, wake, fail };
}

/**
 * Writes the index in shards of a bounded size, each by a worker thread (so that two cores
 * share the work, the memory stays bounded, and a shard whose records are unchanged is
 * taken from the cache), then merges them (merge-index.ts) into the one index a single run
 * over all the records gives, and moves that into <outDir>/pagefind once `writeAfter` has
 * settled.
 */
export async function buildSearchIndex({ dataDir, outDir, progress, writeAfter, shardBytes = SHARD_BYTES, lanes = Math.min(4, os.availableParallelism()), lanesBefore = 1, cacheDir, knownShards = [] }: IndexOptions): Promise<IndexStats> {
  const started = performance.now();
  // handled below once the shards are under way; until then, a rejection is not unhandled
  writeAfter?.catch(() => {});
  const index = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')) as ApiIndex;
  const context = { jurisdictions: index.jurisdictions, topics: index.topics };
  const shards = shardPlan(dataDir, index.documents.map((d) => d.id), shardBytes);
  if (cacheDir) fs.mkdirSync(cacheDir, { recursive: true });
  // beside the output folder: on its file system (the merge moves files) and out of Astro's way;
  // the folders above it may not be there yet (Astro makes them when it writes)
  const beside = path.dirname(path.resolve(outDir));
  fs.mkdirSync(beside, { recursive: true });
  const work = fs.mkdtempSync(path.join(beside, '.index-shards-'));
  try {
    // Pagefind's runtime (search script, WebAssembly), for the index to be read with
    const runtimeDir = path.join(work, 'runtime');
    const runtime = await writeRuntime(runtimeDir, [RECORD_LANGUAGE]).catch((e: unknown) => {
      throw e instanceof PagefindFileError ? new SearchIndexError(`search index: ${e.message}`) : e;
    });
    const dirs = shards.map((_, i) => path.join(work, `shard-${i}`));
    const workers = shardWorkers();
    // merged beside the output folder, which Astro empties as it starts, and moved into it after
    const merged = path.join(work, 'pagefind');
    const recordCounts = new Map<string, number>();
    // a word's pages are the records that have it; only bigrams written as codes (8 characters) can be common bigrams
    const onWord = (word: string, pages: number) => {
      if (word.length === 8) recordCounts.set(word, (recordCounts.get(word) ?? 0) + pages);
    };
    // shards in the cache stay there (their fragments are linked), others are spent
    const merger = new IndexMerger(merged, { keep: cacheDir !== undefined, runtimeDir, onWord });
    // each shard's fragments go into the merged index as soon as it and those before it are written
    const written: boolean[] = [];
    let added = 0;
    const mergeFailed = (e: unknown) => (e instanceof PagefindFileError ? new SearchIndexError(`search index: merging the shards failed: ${e.message}`) : e);
    const addWritten = () => {
      try {
        for (; added < shards.length && written[added]; added++) merger.add(dirs[added]);
      } catch (e) {
        throw mergeFailed(e);
      }
    };
    const knownByIds = new Map(knownShards.map((k) => [k.ids.join('\n'), k]));
    let cachedShards = 0;
    let records = 0;
    let documents = 0;
    let settled = writeAfter === undefined;
    const running = runLanes(
      shards.length,
      () => (settled ? Math.max(1, lanes) : lanesBefore),
      async (i) => {
        const known = knownByIds.get(shards[i].join('\n'));
        const taken = known && cacheDir ? cachedShard(cacheDir, known.key) : undefined;
        const r = taken
          ? { dir: taken, cached: true, records: known!.records, documents: shards[i].length }
          : await workers.write({ dataDir, ids: shards[i], context, runtime, outputPath: dirs[i], cacheDir });
        dirs[i] = r.dir;
        written[i] = true;
        addWritten();
        if (r.cached) cachedShards += 1;
        records += r.records;
        documents += r.documents;
        progress?.(records, documents);
      },
    );
    // no shard is started after writeAfter has rejected; its reason is this function's to report
    writeAfter?.then(
      () => ((settled = true), running.wake()),
      (e: unknown) => ((settled = true), running.fail(e)),
    );
    await running.done.finally(() => workers.close());
    const shardSeconds = (performance.now() - started) / 1000;
    if (records === 0) console.warn(`  warning: no clauses to index in ${dataDir}`);
    const merging = performance.now();
    await merger.finish().catch((e: unknown) => {
      throw mergeFailed(e);
    });
    fs.writeFileSync(path.join(merged, COMMON_BIGRAMS_FILE), `${JSON.stringify(commonBigrams(recordCounts))}\n`);
    const mergeSeconds = (performance.now() - merging) / 1000;
    await writeAfter;
    const pagefindDir = path.join(outDir, 'pagefind');
    fs.rmSync(pagefindDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    fs.renameSync(merged, pagefindDir);
    if (cacheDir) {
      const used = new Set(dirs.map((d) => path.basename(d)));
      for (const entry of fs.readdirSync(cacheDir)) if (!used.has(entry)) fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
    }
    return { documents, records, shards: shards.length, shardSeconds, mergeSeconds, cachedShards };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
