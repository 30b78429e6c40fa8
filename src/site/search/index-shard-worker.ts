/**
 * A worker thread writing the Pagefind index of shards, one at a time as the build sends
 * them: the records of some documents, written by pagefind-writer.ts. See build-index.ts.
 *
 * With a cache folder, the index is kept there under the hash of the shard's records (and
 * of the writer's format and Pagefind's version), and taken from there when a later build
 * has the same records.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { writePagefindIndex, type Runtime } from './pagefind-writer.ts';
import { contentRecords, type RecordContext } from './records.ts';

/** `context`: what the records need from data/index.json, read once by the caller rather than once per shard */
export type ShardJob = { dataDir: string; ids: string[]; context: RecordContext; runtime: Runtime; outputPath: string; cacheDir?: string };
/** `dir`: where the shard's index is (outputPath, or its entry in the cache) */
export type ShardDone = { dir: string; cached: boolean; records: number; documents: number };
export type ShardResult = ShardDone | { error: string };

/** Changed whenever what pagefind-writer.ts writes for the same records changes, so that cached shards are not taken. */
const WRITER = 'tiaowen-pagefind-writer 6';
/** A shard is merged, not served: its word index, filters and meta are left uncompressed (see writePagefindIndex). */
const MERGED = { compress: false };

/** Writes one shard's index (or finds it in the cache). */
function writeShard({ dataDir, ids, context, runtime, outputPath, cacheDir }: ShardJob): ShardDone {
  const records = [...contentRecords(dataDir, { ids, context })].flat();
  const done = { records: records.length, documents: ids.length };
  if (!cacheDir) {
    writePagefindIndex(records, outputPath, runtime, MERGED);
    return { dir: outputPath, cached: false, ...done };
  }
  const key = createHash('sha256').update(JSON.stringify({ writer: WRITER, runtime, records })).digest('hex').slice(0, 32);
  const cached = path.join(cacheDir, key);
  if (fs.existsSync(path.join(cached, 'pagefind-entry.json'))) return { dir: cached, cached: true, ...done };
  // into the cache through a folder of its own, so that an entry is there whole or not at all
  const target = `${cached}.${process.pid}.${threadId}.tmp`;
  fs.rmSync(target, { recursive: true, force: true });
  writePagefindIndex(records, target, runtime, MERGED);
  fs.rmSync(cached, { recursive: true, force: true });
  fs.renameSync(target, cached);
  return { dir: cached, cached: false, ...done };
}

// one shard after another, as the build hands them out
parentPort!.on('message', (job: ShardJob) => {
  try {
    parentPort!.postMessage(writeShard(job) satisfies ShardResult);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ShardResult);
  }
});
