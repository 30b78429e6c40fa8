/**
 * The search index's first shards, written by the ingest while it compares provisions.
 *
 * A shard needs a document's clauses, topics and places, which the ingest has before its
 * comparison (the similar provisions, its longest stage and about half a core idle); the
 * build's own shards (build-index.ts) start only once the ingest has written the data files.
 * So the ingest hands its documents to a thread of the lowest priority (thread-priority.ts),
 * which writes the shards the build would write first, in the build's order, into the
 * build's index cache (write-shard.ts): it runs on what the other threads leave idle, and
 * the build finds those shards there. The ingest stops it when it is done; a shard cut short
 * is left as a temporary folder, which the build's cache clean-up removes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shardPlan } from './build-index.ts';
import type { RecordContext, RecordDocument } from './records.ts';
import { recordDocument } from './records.ts';
import { tsWorker } from './ts-worker.ts';

export type EarlyShardsJob = {
  /** the collection's documents, in its order */
  documents: RecordDocument[];
  context: RecordContext;
  /** the content root's data/ folder (its MDX, beside it, is written: the shards are planned by it) */
  dataDir: string;
  /** the build's index cache of this content root */
  cacheDir: string;
  shardBytes?: number;
};

/** What the thread tells: a shard written (or found in the cache) with its name there and its records, or why it stopped. */
export type EarlyShardsMessage = { shard: number; cached: boolean; key: string; records: number } | { stopped: string };

/**
 * A shard whose index the ingest's thread wrote (or found) in the cache: its documents, its
 * name in the cache, its records. The build takes these from the cache without reading the
 * documents' data files again to compute the name (build-index.ts: knownShards); they hold
 * for the data files of the ingest that told them, and only for those.
 */
export type KnownShard = { ids: string[]; key: string; records: number };

export type EarlyShards = {
  /** Stops the thread at once, or with `finish` waits for it to write every shard; resolves to the shards written or found. */
  stop(options?: { finish?: boolean }): Promise<{ written: number; cached: number; stopped?: string; shards: KnownShard[] }>;
};

/** The ingest's word to the build that started it (over IPC): the shards its thread wrote or found. */
export type KnownShardsMessage = { type: 'index-shards'; shards: KnownShard[] };

export function isKnownShardsMessage(message: unknown): message is KnownShardsMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'index-shards' && Array.isArray((message as { shards?: unknown }).shards);
}

/** What the thread is given: where to write, and a folder of its own (removed by stop, which may cut the thread short). */
export type EarlyShardsData = Pick<EarlyShardsJob, 'context' | 'cacheDir'> & { work: string };
/** Then each shard's documents, in order, and how many shards there are. */
export type EarlyShard = { shard: number; of: number; documents: RecordDocument[] };

export function startEarlyShards({ documents, context, dataDir, cacheDir, shardBytes }: EarlyShardsJob): EarlyShards {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-early-shards-'));
  const worker = tsWorker(new URL('./early-shards-worker.ts', import.meta.url), { workerData: { context, cacheDir, work } satisfies EarlyShardsData });
  // the ingest's process ends when the ingest is done, whatever this thread is doing
  worker.unref();
  // a message per shard, all at once (the ingest's thread is busy from here on): the thread
  // reads one at a time, so that it holds one shard's documents, not all of them
  const byId = new Map(documents.map((d) => [d.id, d]));
  const plan = shardPlan(dataDir, documents.map((d) => d.id), shardBytes);
  plan.forEach((ids, shard) => worker.postMessage({ shard, of: plan.length, documents: ids.map((id) => recordDocument(byId.get(id)!)) } satisfies EarlyShard));
  let written = 0;
  let cached = 0;
  let stopped: string | undefined;
  const shards: KnownShard[] = [];
  worker.on('message', (m: EarlyShardsMessage) => {
    if ('stopped' in m) {
      stopped = m.stopped;
      return;
    }
    if (m.cached) cached += 1;
    else written += 1;
    shards.push({ ids: plan[m.shard], key: m.key, records: m.records });
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (e) => (stopped = e.message));
  return {
    async stop({ finish = false } = {}) {
      if (finish) await exited;
      else await worker.terminate();
      fs.rmSync(work, { recursive: true, force: true });
      return { written, cached, ...(stopped ? { stopped } : {}), shards };
    },
  };
}
