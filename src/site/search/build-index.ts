/**
 * Writes the clause search index: one Pagefind record per clause (records.ts), through
 * Pagefind's Node API, into <outDir>/pagefind/.
 */
import path from 'node:path';
import { contentRecords, type SearchRecord } from './records';

export type IndexStats = { documents: number; records: number };

export type IndexOptions = {
  /** the content root's data/ folder */
  dataDir: string;
  /** the site's output folder; the index goes to <outDir>/pagefind */
  outDir: string;
  /** change the records before they are added (for measuring alternatives) */
  transform?: (record: SearchRecord) => SearchRecord;
  /** called after each document with the records added so far */
  progress?: (records: number, documents: number) => void;
};

export class SearchIndexError extends Error {}

export async function buildSearchIndex({ dataDir, outDir, transform, progress }: IndexOptions): Promise<IndexStats> {
  const pagefind = await import('pagefind');
  try {
    // one fragment file per clause: a result page loads only the fragments it shows
    const { index, errors } = await pagefind.createIndex({ maxFragments: 10_000_000 });
    if (!index || errors.length > 0) throw new SearchIndexError(`pagefind: createIndex failed: ${errors.join('; ')}`);
    let documents = 0;
    let records = 0;
    for (const batch of contentRecords(dataDir)) {
      documents += 1;
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(transform ? transform(r) : r)));
      for (const [i, result] of added.entries()) {
        if (result.errors.length > 0) throw new SearchIndexError(`pagefind: adding ${batch[i].url} failed: ${result.errors.join('; ')}`);
      }
      records += batch.length;
      progress?.(records, documents);
    }
    if (records === 0) console.warn(`  warning: no clauses to index in ${dataDir}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new SearchIndexError(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
    return { documents, records };
  } finally {
    await pagefind.close();
  }
}
