/**
 * The words of Pagefind indexes written in shards, merged in byte order, for one range of
 * words (merge-index.ts): the merge's longest part, after the last shard is written. The
 * words above a split point are merged on a second thread (merge-words-worker.ts) while the
 * calling thread merges those below it; the chunks are then cut in one pass over both, so
 * the index is the one a single pass writes.
 */
import path from 'node:path';
import { chunkWords, CborWordsError, encodeWord, type WordRun } from './cbor-words';
import { tsWorker } from './ts-worker';
import { byteOrder, type MetaChunk, pagefindCbor, PagefindFileError } from './pagefind-files';

export class MergeIndexError extends PagefindFileError {}

/** A shard's word-index chunks, and the number of its first page in the merged index. */
export type WordShard = { dir: string; chunks: MetaChunk[]; offset: number };

/** Words from `from` (inclusive) to `to` (exclusive), in byte order; either end open. */
export type WordRange = { from?: string; to?: string };

/** A word of the merged index: its CBOR in parts, its units (see wordChunks) and its number of pages. */
export type MergedWord = { word: string; parts: Uint8Array[]; units: number; pages: number };

/**
 * The words of one shard in `range`, in order, read one chunk at a time. A chunk whose next
 * chunk starts at or below `from` is not read: the bound a chunk starts at (cutChunkBounds)
 * is above every word of the chunk before it.
 */
function* shardWords({ dir, chunks, offset }: WordShard, { from, to }: WordRange): Generator<WordRun> {
  const low = from === undefined ? undefined : Buffer.from(from);
  const high = to === undefined ? undefined : Buffer.from(to);
  for (const [i, [start, , hash]] of chunks.entries()) {
    if (from !== undefined && i + 1 < chunks.length && byteOrder(chunks[i + 1][0], from) <= 0) continue;
    if (to !== undefined && byteOrder(start, to) >= 0) return;
    const cbor = pagefindCbor(path.join(dir, 'index', `${hash}.pf_index`));
    try {
      for (const run of chunkWords(cbor, offset)) {
        if (low && Buffer.compare(run.key, low) < 0) continue;
        if (high && Buffer.compare(run.key, high) >= 0) return;
        yield run;
      }
    } catch (e) {
      throw e instanceof CborWordsError ? new MergeIndexError(`${dir}: index chunk ${hash}: ${e.message}`) : e;
    }
  }
}

/** Every shard's words in `range` in byte order, each word's runs in the shards that have it joined, in shard order. */
export function* mergedWords(shards: WordShard[], range: WordRange = {}): Generator<MergedWord> {
  const cursors = shards.map((s) => shardWords(s, range));
  const heads = cursors.map((c) => c.next().value as WordRun | undefined);
  for (;;) {
    let least: Buffer | undefined;
    for (const h of heads) if (h && (least === undefined || Buffer.compare(h.key, least) < 0)) least = h.key;
    if (least === undefined) return;
    const runs: WordRun[] = [];
    heads.forEach((h, i) => {
      if (h && h.key.equals(least)) {
        runs.push(h);
        heads[i] = cursors[i].next().value as WordRun | undefined;
      }
    });
    yield { word: runs[0].word, parts: encodeWord(runs), units: runs.reduce((n, r) => n + r.units, 0), pages: runs.reduce((n, r) => n + r.pages, 0) };
  }
}

/**
 * Where to split the words between two threads: the middle of every shard's chunk starts
 * (chunks are of about the same size), or undefined when there are fewer than `least` chunks.
 */
export function splitPoint(shards: WordShard[], least: number): string | undefined {
  const starts = shards.flatMap((s) => s.chunks.map((c) => c[0])).sort(byteOrder);
  return starts.length >= Math.max(2, least) ? starts[starts.length >> 1] : undefined;
}

/** Merged words in one buffer, for passing between threads. */
export type PackedWords = { words: string[]; units: Int32Array; pages: Int32Array; ends: Int32Array; bytes: Uint8Array };

export function packWords(words: Iterable<MergedWord>): PackedWords {
  const list: string[] = [];
  const units: number[] = [];
  const pages: number[] = [];
  const ends: number[] = [];
  let bytes = new Uint8Array(1 << 20);
  let length = 0;
  for (const w of words) {
    for (const part of w.parts) {
      if (length + part.length > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, length + part.length));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      bytes.set(part, length);
      length += part.length;
    }
    list.push(w.word);
    units.push(w.units);
    pages.push(w.pages);
    ends.push(length);
  }
  return { words: list, units: Int32Array.from(units), pages: Int32Array.from(pages), ends: Int32Array.from(ends), bytes: bytes.slice(0, length) };
}

export function* unpackWords({ words, units, pages, ends, bytes }: PackedWords): Generator<MergedWord> {
  for (let i = 0; i < words.length; i++) yield { word: words[i], parts: [bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i])], units: units[i], pages: pages[i] };
}

/** What the worker posts back. */
export type WordsResult = { packed: PackedWords } | { error: string };

/** The merged words of `range`, merged on a worker thread. */
export function mergeWordsOnWorker(shards: WordShard[], range: WordRange): Promise<PackedWords> {
  return new Promise((resolve, reject) => {
    const file = new URL('./merge-words-worker.ts', import.meta.url);
    const worker = tsWorker(file, { workerData: { shards, range } });
    let result: WordsResult | undefined;
    worker.once('message', (m: WordsResult) => (result = m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result && 'packed' in result) resolve(result.packed);
      else reject(new MergeIndexError(result?.error ?? `the word merge's thread stopped (exit code ${code})`));
    });
  });
}
