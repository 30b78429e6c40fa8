/**
 * A worker thread writing the Pagefind index of shards, one at a time as the build sends
 * them: the records of some documents, read from their data files (write-shard.ts). See
 * build-index.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { Runtime } from './pagefind-writer.ts';
import { contentRecords, type RecordContext } from './records.ts';
import { writeShard } from './write-shard.ts';

/** `context`: what the records need from data/index.json, read once by the caller rather than once per shard */
export type ShardJob = { dataDir: string; ids: string[]; context: RecordContext; runtime: Runtime; outputPath: string; cacheDir?: string };
/** `dir`: where the shard's index is (outputPath, or its entry in the cache) */
export type ShardDone = { dir: string; cached: boolean; records: number; documents: number };
export type ShardResult = ShardDone | { error: string };

function shardOf({ dataDir, ids, context, ...target }: ShardJob): ShardDone {
  const records = [...contentRecords(dataDir, { ids, context })].flat();
  return { ...writeShard(records, target), records: records.length, documents: ids.length };
}

// one shard after another, as the build hands them out
parentPort!.on('message', (job: ShardJob) => {
  try {
    parentPort!.postMessage(shardOf(job) satisfies ShardResult);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ShardResult);
  }
});
