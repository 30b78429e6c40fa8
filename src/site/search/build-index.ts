/**
 * Writes the clause search index: one Pagefind record per article (records.ts), through
 * Pagefind's Node API, into <outDir>/pagefind/; and beside it common-bigrams.json, the Han
 * bigrams found in the most records, which the search page leaves out of a query where it
 * can (engine.ts: coverOffsets).
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentRecords, type SearchRecord } from './records';
import { COMMON_BIGRAMS_FILE, decodeToken } from './tokens';

export type IndexStats = {
  documents: number;
  records: number;
  /** seconds spent adding the records (reading data, building records, Pagefind reading them) */
  addSeconds: number;
  /** seconds spent writing the index once `writeAfter` had settled */
  writeSeconds: number;
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
  /** change the records before they are added (for measuring alternatives) */
  transform?: (record: SearchRecord) => SearchRecord;
  /** called after each document with the records added so far */
  progress?: (records: number, documents: number) => void;
  /**
   * The index is written only once this has settled (and not at all if it rejects). The
   * build adds the records while the Astro build runs, which empties the output folder as
   * it starts, and writes after it: Pagefind's peak memory is in writing, and the two
   * peaks are not to meet.
   */
  writeAfter?: Promise<unknown>;
};

export class SearchIndexError extends Error {}

export async function buildSearchIndex({ dataDir, outDir, transform, progress, writeAfter }: IndexOptions): Promise<IndexStats> {
  const started = performance.now();
  // its rejection is this function's to report, once the records are added
  writeAfter?.catch(() => {});
  const pagefind = await import('pagefind');
  try {
    // one fragment file per clause: a result page loads only the fragments it shows
    const { index, errors } = await pagefind.createIndex({ maxFragments: 10_000_000 });
    if (!index || errors.length > 0) throw new SearchIndexError(`pagefind: createIndex failed: ${errors.join('; ')}`);
    let documents = 0;
    let records = 0;
    const recordCounts = new Map<string, number>();
    for (const batch of contentRecords(dataDir)) {
      documents += 1;
      for (const r of batch) for (const token of new Set(r.content.split(' '))) recordCounts.set(token, (recordCounts.get(token) ?? 0) + 1);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(transform ? transform(r) : r)));
      for (const [i, result] of added.entries()) {
        if (result.errors.length > 0) throw new SearchIndexError(`pagefind: adding ${batch[i].url} failed: ${result.errors.join('; ')}`);
      }
      records += batch.length;
      progress?.(records, documents);
    }
    if (records === 0) console.warn(`  warning: no clauses to index in ${dataDir}`);
    const addSeconds = (performance.now() - started) / 1000;
    await writeAfter;
    const writing = performance.now();
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new SearchIndexError(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
    fs.writeFileSync(path.join(outDir, 'pagefind', COMMON_BIGRAMS_FILE), `${JSON.stringify(commonBigrams(recordCounts))}\n`);
    return { documents, records, addSeconds, writeSeconds: (performance.now() - writing) / 1000 };
  } finally {
    await pagefind.close();
  }
}
