/**
 * Writes the Pagefind index of some search records directly, in Pagefind 1.6's file format
 * (pagefind-files.ts, merge-index.ts): the files Pagefind's own indexing writes for the same
 * records, but for the metadata's words (below) and the fragments, bundled in groups of one
 * document's records (GROUP_BYTES), and read by Pagefind's own search script.
 *
 * Why not Pagefind's indexing: on the corpus (165,826 records) its shards took about 86 s
 * on both cores, most of it writing (these take 28–65 s): every record's fragment and every
 * word-index chunk compressed at the highest level (chunks the merge then decompresses
 * again), and every record's metadata (the parts' texts, the title, the place) cut at
 * whitespace into words of the index: 488,000 of its 758,000 words, long runs of Han text no
 * query can match, since queries are Han bigrams written as codes (tokens.ts). Here the
 * metadata is shown, not searched: pages have no meta locations.
 *
 * The records' content must be what tokens.ts writes: words of ASCII lower-case letters and
 * digits separated by single spaces, which Pagefind indexes as they are, each at its
 * position. Anything else is refused, naming the record: Pagefind would fold, decompose or
 * cut such words into parts, which this does not do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'cborg';
import { CborBytes } from './cbor-words';
import type { SearchRecord } from './records';
import {
  byteOrder,
  claimName,
  cutChunkBounds,
  type Entry,
  fragmentGroupJson,
  groupNames,
  LEVEL,
  type MetaChunk,
  type MetaPage,
  metaName,
  PagefindFileError,
  WORD_INDEX_LEVEL,
  wordChunks,
  writePagefindFile,
} from './pagefind-files';
import { pageOf } from './parts';
import { type Postings, PostingsBuilder } from './postings';

/** What the index is written for: Pagefind's runtime, as its own run writes it (see writeRuntime). */
export type Runtime = Pick<Entry, 'version' | 'include_characters'> & { wasm: Record<string, string | null> };

/**
 * The mark before a page's locations of text at the default weight, as Pagefind writes it:
 * weights are 24 per unit of data-pagefind-weight, and a change of weight to w is written
 * as -(w + 1) before the locations it applies to.
 */
const DEFAULT_WEIGHT_MARK = -25;

/** A word Pagefind stores as it is. */
const PLAIN_WORD = /^[0-9a-z]+$/;
/** Content of such words only, separated by single spaces (or none). */
const PLAIN_CONTENT = /^(?:[0-9a-z]+(?: [0-9a-z]+)*)?$/;

/**
 * A record's fragment (what a result shows: its title, place and parts) is not a file of its
 * own but an entry of a fragment group, the fragments of consecutive records of one document
 * up to this many bytes, as Pagefind bundles fragments with --max-fragments (its search
 * script loads a group once for every result in it). A file per record made 165,826 files on
 * the corpus, and creating them was the most expensive part of the index: 11 s of system
 * time on a good day, over 40 s soon after an earlier build's were deleted (this file system
 * is slow to hand out inodes just freed). Grouped, the corpus has 10,876, gzipped as the
 * other files (a result page's dozen fetches ~5 kB each rather than ~1.2 kB uncompressed).
 */
export const GROUP_BYTES = 16_000;

/** One chunk of words (ids into `postings`) as Pagefind's CBOR: [[[word, [[page − previous page, [mark, position deltas…], []]…], []]…]]. */
function chunkCbor(postings: Postings, ids: number[]): Buffer {
  const { words, start, page, position, pageCount } = postings;
  const out = new CborBytes();
  out.head(4, 1);
  out.head(4, ids.length);
  for (const id of ids) {
    out.head(4, 3);
    out.text(Buffer.from(words[id]!));
    out.head(4, pageCount[id]!);
    let previous = 0;
    for (let i = start[id]!, end = start[id + 1]!; i < end; ) {
      const p = page[i]!;
      let last = i + 1;
      while (last < end && page[last] === p) last++;
      out.head(4, 3);
      out.head(0, p - previous);
      previous = p;
      out.head(4, last - i + 1);
      out.int(DEFAULT_WEIGHT_MARK);
      let at = 0;
      for (; i < last; i++) {
        out.head(0, position[i]! - at);
        at = position[i]!;
      }
      out.head(4, 0);
    }
    out.head(4, 0);
  }
  return out.bytes();
}

/** A JSON object with its keys in byte order, as Pagefind's (BTreeMap) fields are. */
function sortedObject(entries: Record<string, unknown>): string {
  return `{${Object.keys(entries)
    .sort(byteOrder)
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(entries[k])}`)
    .join(',')}}`;
}

/**
 * A record's fragment, as Pagefind serializes it, but for its content, which is left empty.
 * Pagefind keeps a page's text there for the excerpts its own interface cuts; the search page
 * shows the parts in the record's meta instead (engine.ts: toHit, excerpt) and asks Pagefind
 * for no excerpt, and a record's content is its tokens as codes (tokens.ts), which no reader
 * could use. On the corpus the index was 185.4 MB with it, 133.8 MB without.
 */
export function fragmentJson(record: SearchRecord, wordCount: number): string {
  return `{"url":${JSON.stringify(record.url)},"content":"","word_count":${wordCount},"filters":${sortedObject(record.filters)},"meta":${sortedObject(record.meta)},"anchors":[]}`;
}

/** Writes `bytes` as <sub>/<lang>_<short hash>.<ext>, the name lengthened while taken; returns the name. */
function writeNamed(dir: string, sub: string, ext: string, lang: string, bytes: Uint8Array, taken: Set<string>, compress: boolean, level = LEVEL): string {
  const name = claimName(lang, bytes, taken);
  writePagefindFile(path.join(dir, sub, `${name}.${ext}`), bytes, compress, level);
  return name;
}

/** One language's records into outDir; returns its meta file's name and page count. */
function writeLanguage(lang: string, records: SearchRecord[], outDir: string, version: string, compress: boolean): { hash: string; pages: number } {
  const postings = new PostingsBuilder();
  const filters = new Map<string, Map<string, number[]>>();
  const metaFields = new Set<string>();
  const pages: MetaPage[] = [];
  // each page's group (its index in `groups`) and place in it; each group's fragments in page order
  const pageGroup: number[] = [];
  const pageAt: number[] = [];
  const groups: string[][] = [];
  let groupPage = '';
  let groupBytes = 0;

  records.forEach((record, page) => {
    // one pass of the regular expression over the whole content; the word is looked for only to name it
    if (!PLAIN_CONTENT.test(record.content)) {
      const word = record.content.split(' ').find((w) => !PLAIN_WORD.test(w)) ?? '';
      throw new PagefindFileError(`${record.url}: the search content has the word ${JSON.stringify(word)}, which is not one Pagefind keeps as it is`);
    }
    const tokens = postings.add(record.content);
    for (const [name, values] of Object.entries(record.filters)) {
      const byValue = filters.get(name) ?? new Map<string, number[]>();
      filters.set(name, byValue);
      for (const value of values) {
        const list = byValue.get(value);
        if (list) list.push(page);
        else byValue.set(value, [page]);
      }
    }
    for (const field of Object.keys(record.meta)) metaFields.add(field);

    // Pagefind counts a page of no words as one
    const wordCount = Math.max(1, tokens);
    const json = fragmentJson(record, wordCount);
    // a new group for another document, or when this fragment would take the group past its size
    const bytes = Buffer.byteLength(json);
    if (groups.length === 0 || pageOf(record.url) !== groupPage || groupBytes + bytes > GROUP_BYTES) {
      groups.push([]);
      groupPage = pageOf(record.url);
      groupBytes = 0;
    }
    const group = groups[groups.length - 1];
    pageGroup.push(groups.length - 1);
    pageAt.push(group.length);
    group.push(json);
    groupBytes += bytes;
    pages.push(['', wordCount, '']);
  });

  const taken = new Set<string>();
  const named = groups.map((fragments) => {
    const names = groupNames(lang, fragments, (n) => taken.has(n));
    taken.add(names.group);
    writePagefindFile(path.join(outDir, 'fragment', `${names.group}.pf_fragment`), Buffer.from(fragmentGroupJson(new Map(fragments.map((f, i) => [names.pages[i], f])))));
    return names;
  });
  pages.forEach((p, i) => {
    const { group, pages: names } = named[pageGroup[i]];
    p[0] = names[pageAt[i]];
    p[2] = group;
  });

  // words in byte order (they are ASCII: the strings' order), cut into chunks as Pagefind cuts them
  const index = postings.finish();
  const { words, start, pageCount } = index;
  const sorted = Array.from(words.keys()).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
  const chunks: MetaChunk[] = [];
  for (const chunk of wordChunks(sorted, (id) => start[id + 1]! - start[id]! + 2 * pageCount[id]!)) {
    chunks.push([words[chunk[0]!]!, words[chunk[chunk.length - 1]!]!, writeNamed(outDir, 'index', 'pf_index', lang, chunkCbor(index, chunk), taken, compress, WORD_INDEX_LEVEL)]);
  }
  cutChunkBounds(chunks);

  const filterMeta: [string, string][] = [];
  for (const name of [...filters.keys()].sort(byteOrder)) {
    const values = [...filters.get(name)!].sort((a, b) => byteOrder(a[0], b[0]));
    filterMeta.push([name, writeNamed(outDir, 'filter', 'pf_filter', lang, encode([name, values]), taken, compress)]);
  }

  const meta = encode([version, pages, chunks, filterMeta, [], [...metaFields].sort(byteOrder)]);
  const hash = metaName(lang, meta);
  writePagefindFile(path.join(outDir, `pagefind.${hash}.pf_meta`), meta, compress);
  return { hash, pages: pages.length };
}

/**
 * Writes the index of `records` (in this order) into outDir, which must not hold one yet:
 * its fragment groups, word index, filters, meta and entry files; not Pagefind's runtime (the
 * merge takes that from writeRuntime's folder). `compress: false` leaves the word index,
 * filters and meta uncompressed: for an index that is merged (which reads and writes them
 * again) rather than served; fragment groups are served as they are written (compressed).
 */
export function writePagefindIndex(records: SearchRecord[], outDir: string, runtime: Runtime, { compress = true } = {}): { pages: number } {
  for (const sub of ['fragment', 'index', 'filter']) fs.mkdirSync(path.join(outDir, sub), { recursive: true });
  const byLanguage = new Map<string, SearchRecord[]>();
  for (const r of records) {
    const list = byLanguage.get(r.language);
    if (list) list.push(r);
    else byLanguage.set(r.language, [r]);
  }
  const entry: Entry = { version: runtime.version, languages: {}, include_characters: runtime.include_characters };
  let pages = 0;
  for (const lang of [...byLanguage.keys()].sort(byteOrder)) {
    if (!(lang in runtime.wasm)) throw new PagefindFileError(`no Pagefind runtime for the language ${lang}`);
    const written = writeLanguage(lang, byLanguage.get(lang)!, outDir, runtime.version, compress);
    entry.languages[lang] = { hash: written.hash, wasm: runtime.wasm[lang], page_count: written.pages };
    pages += written.pages;
  }
  fs.writeFileSync(path.join(outDir, 'pagefind-entry.json'), JSON.stringify(entry));
  return { pages };
}

/**
 * Pagefind's runtime (its search script, worker, WebAssembly and UI files) for `languages`,
 * written into dir by a Pagefind run over one record per language; returns what an index
 * written for it must say of it.
 */
export async function writeRuntime(dir: string, languages: string[]): Promise<Runtime> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index || errors.length > 0) throw new PagefindFileError(`Pagefind: createIndex failed: ${errors.join('; ')}`);
    for (const language of languages) {
      const added = await index.addCustomRecord({ url: `/${language}/`, content: 'runtime', language });
      if (added.errors.length > 0) throw new PagefindFileError(`Pagefind: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length > 0) throw new PagefindFileError(`Pagefind: writing its runtime failed: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as Entry;
  return { version: entry.version, include_characters: entry.include_characters, wasm: Object.fromEntries(Object.entries(entry.languages).map(([lang, l]) => [lang, l.wasm])) };
}
