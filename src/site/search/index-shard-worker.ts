/**
 * A worker thread writing the Pagefind index of one shard: the records of some documents,
 * through a Pagefind service of its own (a module instance per thread, so a process per
 * shard, whose memory is returned when it closes). See build-index.ts.
 *
 * With a cache folder, the index is kept there under the hash of the shard's records (and
 * of Pagefind's version and settings), and taken from there when a later build has the
 * same records.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { contentRecords, type RecordContext, type SearchRecord } from './records.ts';

/** `context`: what the records need from data/index.json, read once by the caller rather than once per shard */
export type ShardJob = { dataDir: string; ids: string[]; context: RecordContext; outputPath: string; cacheDir?: string };
/** `dir`: where the shard's index is (outputPath, or its entry in the cache) */
export type ShardDone = { dir: string; cached: boolean; records: number; documents: number; recordCounts: [string, number][] };
export type ShardResult = ShardDone | { error: string };

// one fragment file per record: a result page loads only the fragments it shows
const CONFIG = { maxFragments: 10_000_000 };
/** The installed Pagefind's version (its package.json is not among its exports). */
function pagefindVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind'))); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pagefind' && pkg.version) return pkg.version;
    }
  }
  throw new Error('cannot find the version of the installed Pagefind');
}
const PAGEFIND_VERSION = pagefindVersion();

const { dataDir, ids, context, outputPath, cacheDir } = workerData as ShardJob;

/** Indexes the records with a Pagefind service of this thread's own, written to outputPath. */
async function writeIndex(records: SearchRecord[], target: string): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex(CONFIG);
    if (!index || errors.length > 0) throw new Error(`createIndex failed: ${errors.join('; ')}`);
    // a few hundred at a time: one round trip to the service per record is slower
    for (let i = 0; i < records.length; i += 256) {
      const batch = records.slice(i, i + 256);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
      for (const [j, result] of added.entries()) if (result.errors.length > 0) throw new Error(`adding ${batch[j].url} failed: ${result.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length > 0) throw new Error(`writing the index failed: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
    // Pagefind's process is killed by close(), not awaited: a moment for this thread's loop
    // to reap it, or it stays a zombie until the build exits
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

try {
  const records = [...contentRecords(dataDir, { ids, context })].flat();
  const recordCounts = new Map<string, number>();
  for (const r of records) for (const token of new Set(r.content.split(' '))) recordCounts.set(token, (recordCounts.get(token) ?? 0) + 1);
  const key = createHash('sha256').update(JSON.stringify({ pagefind: PAGEFIND_VERSION, config: CONFIG, records })).digest('hex').slice(0, 32);
  const cached = cacheDir && path.join(cacheDir, key);
  const hit = Boolean(cached && fs.existsSync(path.join(cached, 'pagefind-entry.json')));
  if (!hit && cached) {
    // into the cache through a folder of its own, so that an entry is there whole or not at all
    const target = `${cached}.${process.pid}.tmp`;
    await writeIndex(records, target);
    fs.rmSync(cached, { recursive: true, force: true });
    fs.renameSync(target, cached);
  } else if (!hit) await writeIndex(records, outputPath);
  parentPort!.postMessage({ dir: cached || outputPath, cached: hit, records: records.length, documents: ids.length, recordCounts: [...recordCounts] } satisfies ShardResult);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ShardResult);
}
