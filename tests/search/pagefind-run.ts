/** For the tests of the search index's files: an index written by Pagefind itself, and its files read back. */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { decode } from 'cborg';
import { expect } from 'vitest';
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

/** A Pagefind file's bytes, unzipped if they are compressed (as Pagefind's search reads them). */
export function readRaw(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  return bytes.subarray(0, PREFIX.length).toString() === PREFIX ? bytes : zlib.gunzipSync(bytes);
}

/** A Pagefind file's CBOR, decoded. */
export function read(file: string): any {
  return decode(readRaw(file).subarray(PREFIX.length));
}
