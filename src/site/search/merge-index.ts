/**
 * Merges Pagefind indexes written for disjoint runs of records (shards) into the one index
 * a single Pagefind run over all the records, in the same order, writes.
 *
 * Why: Pagefind holds every record, and while writing every (record, word) pair several
 * times over, until its index is written; on the corpus that is about 10 GB. Shards of a
 * bounded size keep that bounded, and the merge itself streams: it holds one word-index
 * chunk per shard at a time.
 *
 * Pagefind 1.6's files, as read here (each "pagefind_dcd" + CBOR, gzipped or not, named
 * <language>_<start of the SHA-1 of their bytes>; see pagefind-files.ts):
 * - pagefind.<lang>_<hash>.pf_meta: [version, pages: [page name, word count, fragment group or ""],
 *   word-index chunks: [from, to, hash], filters: [name, hash], sorts, meta field names];
 * - index/*.pf_index: [words: [word, pages: [page number minus the previous page's
 *   number, content locations, meta locations], []]], words in byte order, cut into a
 *   chunk once its pages' locations (plus one per page) reach 20,000 (read and written as
 *   bytes, cbor-words.ts: a word's pages from each shard keep theirs but the first's number);
 * - filter/*.pf_filter: [name, values: [value, page numbers]];
 * - fragment/*.pf_fragment: a fragment group, pages' JSON by page name (the writer's), or
 *   one page's JSON, named by its own hash (Pagefind's without --max-fragments); named by
 *   hashes, so they do not depend on where the pages are numbered: they move as they are,
 *   unless two shards gave two different groups (or pages) the same short name, when the
 *   later one is renamed the way Pagefind lengthens a colliding name (see moveFragments).
 * Anything else (sorts, words with variants) is refused rather than merged wrongly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { encode } from 'cborg';
import { encodeChunk } from './cbor-words';
import { type MergedWord, mergedWords, MergeIndexError, mergeWordsOnWorker, splitPoint, unpackWords, type WordShard } from './merge-words';
import {
  byteOrder,
  claimName,
  chunkCutter,
  cutChunkBounds,
  type Entry,
  fragmentFile,
  fragmentGroupJson,
  freeName,
  groupNames,
  LEVEL,
  type Meta,
  type MetaChunk,
  type MetaPage,
  metaName,
  pagefindBytes,
  pagefindHash,
  PREFIX,
  readFragment,
  readFragmentGroup,
  readPagefind,
  WORD_INDEX_LEVEL,
  writePagefindFile,
} from './pagefind-files';

export { MergeIndexError };

/**
 * A kept shard's fragment in the merged index: a hard link where the two folders share a
 * file system (no bytes copied; fragments are written once and never changed in place),
 * else a copy.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

const gzip = promisify(zlib.gzip);

/**
 * Writes files gzipped as Pagefind reads them (at LEVEL unless told, as writePagefindFile
 * does), a few at a time on libuv's threads; `drain` waits for them all.
 */
function gzipWriter(inFlight = 4) {
  const pending = new Set<Promise<void>>();
  let failed: unknown;
  return {
    async write(file: string, bytes: Uint8Array, level = LEVEL): Promise<void> {
      if (failed !== undefined) throw failed;
      const p = gzip(Buffer.concat([PREFIX, bytes]), { level })
        .then((gz) => fs.promises.writeFile(file, gz))
        .catch((e: unknown) => void (failed ??= e))
        .finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= inFlight) await Promise.race(pending);
    },
    async drain(): Promise<void> {
      await Promise.all(pending);
      if (failed !== undefined) throw failed;
    },
  };
}

type Writer = ReturnType<typeof gzipWriter>;

/** Told of every word of the merged index with the number of its pages (per language). */
export type OnWord = (word: string, pages: number) => void;

/**
 * `keep`: link (or copy) the shards' fragments instead of moving them, leaving the shards
 * whole; `runtimeDir`: where Pagefind's runtime files are (default: the first shard);
 * `onWord`: told each word's number of pages as the words are merged; `wordThreads`: 1 to
 * merge the words on this thread alone, 2 to split them with a second thread however few
 * (default: split when the shards have SPLIT_FROM_CHUNKS word-index chunks or more).
 */
export type MergeOptions = { keep?: boolean; runtimeDir?: string; onWord?: OnWord; wordThreads?: 1 | 2 };

/** Below this many word-index chunks in all (about 20,000 locations each), starting a thread costs more than it saves. */
const SPLIT_FROM_CHUNKS = 64;

/** Writes CBOR bytes under a name from their hash (Pagefind's short hash, lengthened while taken). */
async function writeNamed(writer: Writer, dir: string, sub: string, ext: string, lang: string, bytes: Uint8Array, taken: Set<string>, level = LEVEL): Promise<string> {
  const name = claimName(lang, bytes, taken);
  await writer.write(path.join(dir, sub, `${name}.${ext}`), bytes, level);
  return name;
}

/** A shard's pagefind-entry.json and its meta file of each language. */
type ShardFiles = { dir: string; entry: Entry; metas: Map<string, Meta> };

/** One language's pages so far: what each added shard brought, its fragments already moved. */
type LanguageMerge = {
  metas: Meta[];
  offsets: number[];
  pages: MetaPage[];
  /** fragment files in the merged index (pages' own and groups, by name) */
  moved: Set<string>;
  /** the names of the pages whose fragment is a file of its own, with the first such page (a grouped page's name is its group's, see groupNames) */
  where: Map<string, MetaPage>;
};

/**
 * Merges shards into outDir as they are added (in record order): each shard's fragments
 * are moved (or linked) into it at once, so that a build can do it while later shards are
 * written; `finish` merges the words and filters of all of them and writes the meta and
 * entry files. The merged index is the one a single run over all the records writes.
 */
export class IndexMerger {
  private readonly dirs: string[] = [];
  private readonly languages = new Map<string, LanguageMerge>();
  private first: ShardFiles | undefined;

  constructor(
    private readonly outDir: string,
    private readonly options: MergeOptions = {},
  ) {
    for (const sub of ['fragment', 'index', 'filter']) fs.mkdirSync(path.join(outDir, sub), { recursive: true });
  }

  /** A shard's entry and meta files, checked against `reference` (the first shard's). */
  static read(dir: string, reference?: ShardFiles): ShardFiles {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as Entry;
    const first = reference?.entry ?? entry;
    if (entry.version !== first.version) throw new MergeIndexError(`${dir}: Pagefind ${entry.version}, not ${first.version}`);
    const languages = Object.keys(entry.languages).sort();
    if (JSON.stringify(languages) !== JSON.stringify(Object.keys(first.languages).sort())) {
      throw new MergeIndexError(`${dir}: languages ${Object.keys(entry.languages).join(', ')}, not ${Object.keys(first.languages).join(', ')}`);
    }
    const metas = new Map(languages.map((lang) => [lang, readPagefind<Meta>(path.join(dir, `pagefind.${entry.languages[lang].hash}.pf_meta`))]));
    for (const [lang, m] of metas) {
      const [version, , , , , metaFields] = reference?.metas.get(lang) ?? m;
      if (m.length !== 6) throw new MergeIndexError(`${dir}: a Pagefind meta index of ${m.length} fields, not 6`);
      if (m[0] !== version) throw new MergeIndexError(`${dir}: Pagefind ${m[0]}, not ${version}`);
      if (m[4].length > 0) throw new MergeIndexError(`${dir}: sorted indexes cannot be merged`);
      if (JSON.stringify(m[5]) !== JSON.stringify(metaFields)) throw new MergeIndexError(`${dir}: meta fields ${m[5].join(', ')}, not ${metaFields.join(', ')}`);
    }
    return { dir, entry, metas };
  }

  /** Adds the next shard (its folder, read and checked here, or its files as read) and moves its fragments. */
  add(shard: string | ShardFiles): void {
    const files = typeof shard === 'string' ? IndexMerger.read(shard, this.first) : shard;
    const { dir } = files;
    this.first ??= files;
    this.dirs.push(dir);
    for (const [lang, meta] of files.metas) {
      const merge = this.languages.get(lang) ?? { metas: [], offsets: [], pages: [], moved: new Set<string>(), where: new Map<string, MetaPage>() };
      this.languages.set(lang, merge);
      merge.offsets.push(merge.pages.length);
      merge.metas.push(meta);
      this.moveFragments(lang, dir, meta, merge);
    }
  }

  /**
   * The shard's fragments into the merged index: its fragment groups under their names, or
   * where another shard gave a different group the same short name, under a longer one, the
   * group's pages renamed with it (their names are made from the group's, see groupNames);
   * fragments that are files of their own (as Pagefind writes them without groups) under
   * their names, or a longer one where another shard gave a different page the same.
   */
  private moveFragments(lang: string, dir: string, meta: Meta, merge: LanguageMerge): void {
    const { pages, moved, where } = merge;
    const out = (name: string) => path.join(this.outDir, 'fragment', `${name}.pf_fragment`);
    const place = (from: string, name: string) => (this.options.keep ? linkOrCopy : fs.renameSync)(from, out(name));
    const spend = (file: string) => this.options.keep || fs.rmSync(file);
    // a page's own fragment as the merged index has it (looked up only when two shards give the same name, which is rare)
    const mergedFragment = (name: string) => readFragment(this.outDir, where.get(name)!);
    // the names each of the shard's pages and groups get
    const pageName = new Map<string, string>();
    const groupName = new Map<string, string>();
    const members = new Map<string, string[]>();
    for (const [hash, , group] of meta[1]) {
      if (!group) continue;
      const list = members.get(group);
      if (list) list.push(hash);
      else members.set(group, [hash]);
    }
    for (const [group, hashes] of members) {
      const from = path.join(dir, 'fragment', `${group}.pf_fragment`);
      let name = group;
      if (!moved.has(group)) place(from, group);
      else if (pagefindBytes(from).equals(pagefindBytes(out(group)))) spend(from);
      else {
        const fragments = readFragmentGroup(from);
        const distinct = [...new Set(hashes)];
        const inOrder = distinct.map((h) => fragments.get(h)!);
        const named = groupNames(lang, inOrder, (n) => moved.has(n));
        name = named.group;
        distinct.forEach((h, i) => pageName.set(h, named.pages[i]));
        const json = fragmentGroupJson(new Map(inOrder.map((f, i) => [named.pages[i], f])));
        writePagefindFile(out(name), Buffer.from(json));
        spend(from);
      }
      moved.add(name);
      groupName.set(group, name);
    }
    for (const page of meta[1]) {
      const [hash, wordCount, group] = page;
      if (group) {
        pages.push([pageName.get(hash) ?? hash, wordCount, groupName.get(group)!]);
        continue;
      }
      let name = pageName.get(hash);
      if (name === undefined) {
        const from = fragmentFile(dir, page);
        name = hash;
        if (where.has(hash)) {
          const json = readFragment(dir, page);
          if (mergedFragment(hash) !== json) name = freeName(lang, pagefindHash(json), hash.length - lang.length - 1, (n) => where.has(n) && mergedFragment(n) !== json);
        }
        if (moved.has(name)) spend(from);
        else place(from, name);
        moved.add(name);
        pageName.set(hash, name);
      }
      pages.push([name, wordCount, '']);
      if (!where.has(name)) where.set(name, pages[pages.length - 1]);
    }
  }

  /** Merges the words and filters of every shard added and writes the meta and entry files. */
  async finish(): Promise<{ pages: number }> {
    if (this.dirs.length === 0) throw new MergeIndexError('no indexes to merge');
    // the runtime (scripts, styles, WebAssembly): the same in every index Pagefind writes
    const runtimeDir = this.options.runtimeDir ?? this.dirs[0];
    for (const f of fs.readdirSync(runtimeDir, { withFileTypes: true })) {
      if (f.isFile() && !f.name.endsWith('.pf_meta') && f.name !== 'pagefind-entry.json') fs.copyFileSync(path.join(runtimeDir, f.name), path.join(this.outDir, f.name));
    }
    const first = this.first!.entry;
    const entry: Entry = { ...first, languages: {} };
    let pages = 0;
    for (const lang of [...this.languages.keys()].sort()) {
      const merge = this.languages.get(lang)!;
      const hash = await this.mergeLanguage(lang, merge);
      const count = merge.pages.length;
      entry.languages[lang] = { ...first.languages[lang], hash, page_count: count };
      pages += count;
    }
    fs.writeFileSync(path.join(this.outDir, 'pagefind-entry.json'), JSON.stringify(entry));
    return { pages };
  }

  /** One language's words and filters; returns its meta file's hash. */
  private async mergeLanguage(lang: string, { metas, offsets, pages }: LanguageMerge): Promise<string> {
    const { outDir, dirs } = this;
    const { onWord } = this.options;
    const writer = gzipWriter();
    const [version, , , , , metaFields] = metas[0];
    // words: streamed in byte order, their pages' bytes joined, cut into chunks as Pagefind
    // cuts them; those above the split point merged on a second thread meanwhile
    const shards: WordShard[] = dirs.map((dir, i) => ({ dir, chunks: metas[i][2], offset: offsets[i] }));
    const split = this.options.wordThreads === 1 ? undefined : splitPoint(shards, this.options.wordThreads === 2 ? 2 : SPLIT_FROM_CHUNKS);
    const upper = split === undefined ? undefined : mergeWordsOnWorker(shards, { from: split });
    // a failure of this thread's part leaves the other's to finish unheard
    upper?.catch(() => {});
    const chunks: MetaChunk[] = [];
    const taken = new Set<string>();
    const cut = chunkCutter<MergedWord>((w) => w.units);
    const write = async (chunk: MergedWord[]) => {
      const name = await writeNamed(writer, outDir, 'index', 'pf_index', lang, encodeChunk(chunk.map((w) => w.parts)), taken, WORD_INDEX_LEVEL);
      chunks.push([chunk[0].word, chunk[chunk.length - 1].word, name]);
    };
    const next = (w: MergedWord) => {
      onWord?.(w.word, w.pages);
      return cut.add(w);
    };
    for (const w of mergedWords(shards, { to: split })) {
      const full = next(w);
      if (full) await write(full);
    }
    if (upper) {
      for (const w of unpackWords(await upper)) {
        const full = next(w);
        if (full) await write(full);
      }
    }
    const rest = cut.rest();
    if (rest) await write(rest);
    cutChunkBounds(chunks);

    // filters: each value's pages from every shard, values and filters in byte order
    const filters = new Map<string, Map<string, number[]>>();
    for (const [i, dir] of dirs.entries()) {
      for (const [name, hash] of metas[i][3]) {
        const [filter, values] = readPagefind<[string, [string, number[]][]]>(path.join(dir, 'filter', `${hash}.pf_filter`));
        if (filter !== name) throw new MergeIndexError(`${dir}: filter file ${hash} holds ${filter}, not ${name}`);
        const merged = filters.get(name) ?? new Map<string, number[]>();
        filters.set(name, merged);
        for (const [value, numbers] of values) {
          const list = merged.get(value) ?? [];
          merged.set(value, list);
          for (const n of numbers) list.push(n + offsets[i]);
        }
      }
    }
    const filterMeta: [string, string][] = [];
    for (const name of [...filters.keys()].sort(byteOrder)) {
      const values = [...filters.get(name)!].sort((a, b) => byteOrder(a[0], b[0])).map(([value, list]) => [value, list.sort((a, b) => a - b)]);
      filterMeta.push([name, await writeNamed(writer, outDir, 'filter', 'pf_filter', lang, encode([name, values]), taken)]);
    }

    const meta = encode([version, pages, chunks, filterMeta, [], metaFields]);
    const hash = metaName(lang, meta);
    await writer.write(path.join(outDir, `pagefind.${hash}.pf_meta`), meta);
    await writer.drain();
    return hash;
  }
}

/**
 * Merges the Pagefind indexes in shardDirs (each written by its own Pagefind run, their
 * records in this order) into outDir, which must not hold an index yet. The shards'
 * fragment files are moved, so the shards are spent afterwards, unless `keep` (copied).
 * `onWord` is told each word's number of pages as the words are merged.
 */
export async function mergeIndexes(
  shardDirs: string[],
  outDir: string,
  options: MergeOptions = {},
): Promise<{ pages: number }> {
  if (shardDirs.length === 0) throw new MergeIndexError('no indexes to merge');
  // every shard checked before any fragment is moved, so that a refused merge leaves the shards as they were
  const first = IndexMerger.read(shardDirs[0]);
  const files = shardDirs.map((dir, i) => (i === 0 ? first : IndexMerger.read(dir, first)));
  const merger = new IndexMerger(outDir, options);
  for (const f of files) merger.add(f);
  return merger.finish();
}
