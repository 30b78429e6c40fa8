/**
 * The thread of the ingest's early shards (early-shards.ts): at the lowest priority, writes
 * the search index's shards, as the ingest sends them (in the build's plan and order), into
 * the build's index cache.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { EarlyShard, EarlyShardsData, EarlyShardsMessage } from './early-shards.ts';
import { writeRuntime } from './pagefind-writer.ts';
import { documentRecords, RECORD_LANGUAGE } from './records.ts';
import { lowerThreadPriority } from './thread-priority.ts';
import { writeShard } from './write-shard.ts';

const { context, cacheDir, work } = workerData as EarlyShardsData;
const post = (m: EarlyShardsMessage) => parentPort!.postMessage(m);

// at the priority of a build's other threads, this would slow the ingest down instead of using what it leaves idle
if (lowerThreadPriority() === null) {
  post({ stopped: 'this system cannot lower a thread’s priority' });
  parentPort!.close();
} else {
  const places = new Map(context.jurisdictions.map((j) => [j.id, j]));
  // what the shards' cache keys name: the runtime the build writes (the same Pagefind)
  const runtime = writeRuntime(path.join(work, 'runtime'), [RECORD_LANGUAGE]);
  // its failure is met where the first shard awaits it
  runtime.catch(() => undefined);
  fs.mkdirSync(cacheDir, { recursive: true });
  // one shard after another, in the order they come; the first failure stops the thread
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  parentPort!.on('message', ({ shard, of, documents }: EarlyShard) => {
    queue = queue
      .then(async () => {
        if (failed) return;
        const records = documents.flatMap((d) => documentRecords(d, context, places));
        const { cached, key } = writeShard(records, { runtime: await runtime, outputPath: path.join(work, `shard-${shard}`), cacheDir });
        post({ shard, cached, key: key!, records: records.length });
        if (shard === of - 1) parentPort!.close();
      })
      .catch((e: unknown) => {
        if (failed) return;
        failed = true;
        post({ stopped: e instanceof Error ? e.message : String(e) });
        parentPort!.close();
      });
  });
}
