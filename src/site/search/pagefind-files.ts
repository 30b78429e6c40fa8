/**
 * What Pagefind 1.6's index files have in common, for the code that writes them
 * (pagefind-writer.ts) and merges them (merge-index.ts): each is gzip of "pagefind_dcd" +
 * CBOR (fragments: + JSON), named <language>_<start of the SHA-1 of its bytes>.
 *
 * A page's fragment is either a file of its own, fragment/<page hash>.pf_fragment, or one
 * entry of a fragment group, fragment/<language>_group_<hash>.pf_fragment: a JSON object of
 * fragments by page name, named in the page's meta entry (Pagefind's --max-fragments writes
 * these; its search script loads a group once for all the pages in it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decode } from 'cborg';

export const PREFIX = Buffer.from('pagefind_dcd');

/** Pagefind's word-index chunk size: a chunk ends once its pages' locations, plus one per page, reach this. */
const CHUNK_UNITS = 20_000;

/**
 * Cuts words (given in order, one at a time) into chunks as Pagefind cuts them; `units`: a
 * word's locations and meta locations, plus one per page. `add` returns a chunk when one is
 * full, `rest` the last one.
 */
export function chunkCutter<T>(units: (word: T) => number): { add(word: T): T[] | undefined; rest(): T[] | undefined } {
  let chunk: T[] = [];
  let total = 0;
  return {
    add(word) {
      chunk.push(word);
      total += units(word);
      if (total < CHUNK_UNITS) return undefined;
      const full = chunk;
      chunk = [];
      total = 0;
      return full;
    },
    rest: () => (chunk.length > 0 ? chunk : undefined),
  };
}

/** Words (in order) cut into chunks as Pagefind cuts them (see chunkCutter). */
export function* wordChunks<T>(words: Iterable<T>, units: (word: T) => number): Generator<T[]> {
  const cut = chunkCutter(units);
  for (const word of words) {
    const full = cut.add(word);
    if (full) yield full;
  }
  const rest = cut.rest();
  if (rest) yield rest;
}

export class PagefindFileError extends Error {}

/**
 * Deflate level of the files served to browsers (Pagefind uses 9: a few % smaller, several
 * times slower; on the corpus's word index 1.6% more bytes at 6, a quarter of the time).
 */
export const LEVEL = 6;

/**
 * Deflate level of the word index's chunks, the most bytes compressed (102 MB on the
 * corpus) and what a query fetches most of: at 5, 43.2 MB in 3.3 s of processor time; at 6,
 * 42.5 MB in 5.3–5.7 s (at 4, 45.2 MB in 1.9 s). The merge compresses them after the last
 * shard, when the build waits for nothing else.
 */
export const WORD_INDEX_LEVEL = 5;

/** Writes a Pagefind file: the prefix and the bytes, gzipped at `level` unless `compress` is false. */
export function writePagefindFile(file: string, bytes: Uint8Array, compress = true, level = LEVEL): void {
  const data = Buffer.concat([PREFIX, bytes]);
  fs.writeFileSync(file, compress ? zlib.gzipSync(data, { level }) : data);
}

/** A page of the meta file: its hash, its word count and its fragment group ('' when its fragment is a file of its own). */
export type MetaPage = [hash: string, wordCount: number, group: string];
export type MetaChunk = [from: string, to: string, hash: string];
/** pagefind.<lang>_<hash>.pf_meta */
export type Meta = [version: string, pages: MetaPage[], chunks: MetaChunk[], filters: [string, string][], sorts: unknown[], metaFields: string[]];
/** pagefind-entry.json */
export type Entry = { version: string; languages: Record<string, { hash: string; wasm: string | null; page_count: number }>; include_characters: string[] };

/** A Pagefind file's bytes, prefix included: unzipped, unless it is not compressed (which Pagefind's search also reads). */
export function pagefindBytes(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  return bytes.subarray(0, PREFIX.length).equals(PREFIX) ? bytes : zlib.gunzipSync(bytes);
}

/** A Pagefind file's CBOR: its prefix checked and cut. */
export function pagefindCbor(file: string): Buffer {
  const raw = pagefindBytes(file);
  if (!raw.subarray(0, PREFIX.length).equals(PREFIX)) throw new PagefindFileError(`${file}: not a Pagefind index file`);
  return raw.subarray(PREFIX.length);
}

export function readPagefind<T>(file: string): T {
  return decode(pagefindCbor(file)) as T;
}

/** Pagefind's hash: SHA-1, each byte in hex without its leading zero. */
export function pagefindHash(bytes: Uint8Array | string): string {
  return [...createHash('sha1').update(bytes).digest()].map((b) => b.toString(16)).join('');
}

/** A name `lang_<first `length` characters of the hash>`, lengthened while it is taken. */
export function freeName(lang: string, hash: string, length: number, taken: (name: string) => boolean): string {
  let n = length;
  while (taken(`${lang}_${hash.slice(0, n)}`) && n < hash.length) n += 1;
  return `${lang}_${hash.slice(0, n)}`;
}

/** A file's name from the hash of its bytes (freeName), taken from `taken` and added to it. */
export function claimName(lang: string, bytes: Uint8Array, taken: Set<string>): string {
  const name = freeName(lang, pagefindHash(bytes), 7, (n) => taken.has(n));
  taken.add(name);
  return name;
}

/** The file of a page's fragment: its group's, or its own. */
export function fragmentFile(dir: string, [hash, , group]: MetaPage): string {
  return path.join(dir, 'fragment', `${group || hash}.pf_fragment`);
}

/** A fragment group's fragments by page name, as JSON text each. */
export function readFragmentGroup(file: string): Map<string, string> {
  const json = pagefindBytes(file).subarray(PREFIX.length).toString();
  let group: unknown;
  try {
    group = JSON.parse(json);
  } catch (e) {
    throw new PagefindFileError(`${file}: not a fragment group (${(e as Error).message})`);
  }
  if (typeof group !== 'object' || group === null || Array.isArray(group)) throw new PagefindFileError(`${file}: not a fragment group`);
  return new Map(Object.entries(group).map(([hash, fragment]) => [hash, JSON.stringify(fragment)]));
}

/** A fragment group's JSON: its fragments (JSON text each) by page name, in byte order. */
export function fragmentGroupJson(fragments: Map<string, string>): string {
  return `{${[...fragments.keys()]
    .sort(byteOrder)
    .map((hash) => `${JSON.stringify(hash)}:${fragments.get(hash)}`)
    .join(',')}}`;
}

/**
 * A fragment group's name, `lang_group_` and the start of the hash of its fragments in page
 * order (not of their names, which are made from it), lengthened while taken; and the names
 * of its pages, `lang_<that start>-<position in the group>`. Pagefind names a page by the
 * hash of its fragment, but in a group the name is only a key: made from the group's, it
 * costs the index's metadata, which every search visit loads and which names each page and
 * its group, about as many bytes as the group's name does (a hash per page made that
 * metadata a quarter larger).
 */
export function groupNames(lang: string, fragments: string[], taken: (name: string) => boolean): { group: string; pages: string[] } {
  const group = freeName(`${lang}_group`, pagefindHash(`[${fragments.join(',')}]`), 7, taken);
  const short = group.slice(`${lang}_group_`.length);
  return { group, pages: fragments.map((_, i) => `${lang}_${short}-${i.toString(36)}`) };
}

/** A page's fragment as JSON text, from its own file or its group's. */
export function readFragment(dir: string, page: MetaPage): string {
  const file = fragmentFile(dir, page);
  if (!page[2]) return pagefindBytes(file).subarray(PREFIX.length).toString();
  const json = readFragmentGroup(file).get(page[0]);
  if (json === undefined) throw new PagefindFileError(`${file}: no fragment of the page ${page[0]}`);
  return json;
}

/** The meta file's name part: `lang_` and the hash's first len(lang) + 8 characters. */
export function metaName(lang: string, meta: Uint8Array): string {
  return `${lang}_${pagefindHash(meta).slice(0, lang.length + 8)}`;
}

/** Pagefind's order of words, filters and values: by their UTF-8 bytes. */
export const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The shortest prefixes telling the last word of one chunk from the first of the next (Pagefind's get_prefixes). */
export function prefixes(a: string, b: string): [string, string] {
  const ac = [...a];
  const bc = [...b];
  let common = 0;
  while (common < ac.length && common < bc.length && ac[common] === bc[common]) common += 1;
  return [ac.slice(0, common + 1).join(''), bc.slice(0, common + 1).join('')];
}

/** Each chunk's last word and the next one's first cut to their shortest distinguishing prefixes, in place. */
export function cutChunkBounds(chunks: MetaChunk[]): MetaChunk[] {
  for (let i = 0; i + 1 < chunks.length; i++) [chunks[i][1], chunks[i + 1][0]] = prefixes(chunks[i][1], chunks[i + 1][0]);
  return chunks;
}
