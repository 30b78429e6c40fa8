/**
 * One shard of the search index: the Pagefind index of some records (pagefind-writer.ts),
 * written to a folder, or with a cache folder kept there under the hash of the records (and
 * of the writer's format and Pagefind's runtime) and taken from there when a later build has
 * the same records. Shared by the build's shard threads (index-shard-worker.ts) and the
 * ingest's early shards (early-shards-worker.ts), so that a shard either of them wrote is
 * found by the other.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { writePagefindIndex, type Runtime } from './pagefind-writer.ts';
import type { SearchRecord } from './records.ts';

/** Changed whenever what pagefind-writer.ts writes for the same records changes, so that cached shards are not taken. */
const WRITER = 'tiaowen-pagefind-writer 6';
/** A shard is merged, not served: its word index, filters and meta are left uncompressed (see writePagefindIndex). */
const MERGED = { compress: false };

/** The file a shard's index is complete with: the last one written. */
const ENTRY = 'pagefind-entry.json';

export type ShardTarget = { runtime: Runtime; outputPath: string; cacheDir?: string };

/** The name of a shard's entry in the cache. */
export function shardKey(records: SearchRecord[], runtime: Runtime): string {
  return createHash('sha256').update(JSON.stringify({ writer: WRITER, runtime, records })).digest('hex').slice(0, 32);
}

/** The folder of the cache's shard named `key`, if the cache has it whole. */
export function cachedShard(cacheDir: string, key: string): string | undefined {
  const dir = path.join(cacheDir, key);
  return fs.existsSync(path.join(dir, ENTRY)) ? dir : undefined;
}

/** Writes the shard's index (or finds it in the cache); `dir`: where it is (outputPath, or its entry in the cache), `key`: its name there. */
export function writeShard(records: SearchRecord[], { runtime, outputPath, cacheDir }: ShardTarget): { dir: string; cached: boolean; key?: string } {
  if (!cacheDir) {
    writePagefindIndex(records, outputPath, runtime, MERGED);
    return { dir: outputPath, cached: false };
  }
  const key = shardKey(records, runtime);
  const found = cachedShard(cacheDir, key);
  if (found) return { dir: found, cached: true, key };
  const cached = path.join(cacheDir, key);
  // into the cache through a folder of its own, so that an entry is there whole or not at all
  const target = `${cached}.${process.pid}.${threadId}.tmp`;
  fs.rmSync(target, { recursive: true, force: true });
  writePagefindIndex(records, target, runtime, MERGED);
  fs.rmSync(cached, { recursive: true, force: true });
  fs.renameSync(target, cached);
  return { dir: cached, cached: false, key };
}
