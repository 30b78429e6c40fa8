/** For the tests of the search index's files: an index written by Pagefind itself, and its files read back. */
import { expect } from 'vitest';
import { readPagefind } from '../../src/site/search/pagefind-files';
import type { SearchRecord } from '../../src/site/search/records';

export const PREFIX = 'pagefind_dcd';

/** One Pagefind run over `records` (one fragment file per record, as the site's index has), written to dir. */
export async function pagefindIndex(records: (SearchRecord & { sort?: Record<string, string> })[], dir: string): Promise<string> {
  const pagefind = await import('pagefind');
  try {
    const { index } = await pagefind.createIndex({ maxFragments: 10_000_000 });
    for (const r of records) expect((await index!.addCustomRecord(r)).errors).toEqual([]);
    expect((await index!.writeFiles({ outputPath: dir })).errors).toEqual([]);
  } finally {
    await pagefind.close();
  }
  return dir;
}

/** A Pagefind file's bytes, prefix included, as the site's code reads them. */
export { pagefindBytes as readRaw } from '../../src/site/search/pagefind-files';

/** A Pagefind file's CBOR, decoded (any shape: the tests take it apart). */
export const read = (file: string): any => readPagefind(file);
