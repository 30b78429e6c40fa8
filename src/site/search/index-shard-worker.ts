/**
 * A worker thread writing the Pagefind index of one shard: the records of some documents,
 * through a Pagefind service of its own (a module instance per thread, so a process per
 * shard, whose memory is returned when it closes). See build-index.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { contentRecords } from './records.ts';

export type ShardJob = { dataDir: string; ids: string[]; outputPath: string };
export type ShardResult = { records: number; documents: number; recordCounts: [string, number][] } | { error: string };

const { dataDir, ids, outputPath } = workerData as ShardJob;
const pagefind = await import('pagefind');
try {
  // one fragment file per record: a result page loads only the fragments it shows
  const { index, errors } = await pagefind.createIndex({ maxFragments: 10_000_000 });
  if (!index || errors.length > 0) throw new Error(`createIndex failed: ${errors.join('; ')}`);
  let records = 0;
  const recordCounts = new Map<string, number>();
  for (const batch of contentRecords(dataDir, ids)) {
    for (const r of batch) for (const token of new Set(r.content.split(' '))) recordCounts.set(token, (recordCounts.get(token) ?? 0) + 1);
    const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
    for (const [i, result] of added.entries()) if (result.errors.length > 0) throw new Error(`adding ${batch[i].url} failed: ${result.errors.join('; ')}`);
    records += batch.length;
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`writing the index failed: ${written.errors.join('; ')}`);
  parentPort!.postMessage({ records, documents: ids.length, recordCounts: [...recordCounts] } satisfies ShardResult);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ShardResult);
} finally {
  await pagefind.close();
}
