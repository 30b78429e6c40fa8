/**
 * The words of Pagefind word-index chunks as CBOR bytes, for merging (merge-index.ts)
 * without decoding every page of every word into objects: most of a merge's time went into
 * building and collecting those objects, and re-encoding them.
 *
 * A chunk is [[word, [page…], []]…], a page [number minus the previous page's number,
 * [locations…], [meta locations…]]. When shards are joined, each page keeps its bytes
 * except the first of each shard's run, whose number is now counted from the last page of
 * the run before it. Definite lengths only, as Pagefind (minicbor) writes them.
 */

export class CborWordsError extends Error {}

/** One word of one shard: its pages as they are, but the first page's number, absolute. */
export type WordRun = {
  word: string;
  /** the word's UTF-8 bytes: Pagefind orders words by them */
  key: Buffer;
  pages: number;
  /** the first and the last page's numbers, the shard's offset added */
  first: number;
  last: number;
  /** the first page after its number (its two lists of locations) */
  firstRest: Uint8Array;
  /** the pages after the first, as they are */
  rest: Uint8Array;
  /** locations and meta locations, plus one per page (what Pagefind cuts chunks by) */
  units: number;
};

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** An item's major type and argument (a value, length or count). */
  head(): [major: number, value: number] {
    const b = this.bytes;
    const initial = b[this.pos++];
    const major = initial >> 5;
    const info = initial & 31;
    if (info < 24) return [major, info];
    if (info === 24) return [major, b[this.pos++]];
    if (info === 25) return [major, (b[this.pos++] << 8) | b[this.pos++]];
    if (info === 26) return [major, ((b[this.pos++] << 24) >>> 0) + ((b[this.pos++] << 16) | (b[this.pos++] << 8) | b[this.pos++])];
    if (info === 27) {
      const v = Buffer.from(b.buffer, b.byteOffset + this.pos, 8).readBigUInt64BE();
      this.pos += 8;
      return [major, Number(v)];
    }
    throw new CborWordsError(`unsupported CBOR item (initial byte ${initial}) at ${this.pos - 1}`);
  }

  expect(major: number, what: string): number {
    const [m, v] = this.head();
    if (m !== major) throw new CborWordsError(`expected ${what} at ${this.pos}`);
    return v;
  }

  /** Moves past one whole item. */
  skip(): void {
    const [major, value] = this.head();
    if (major === 2 || major === 3) this.pos += value;
    else if (major === 4) for (let i = 0; i < value; i++) this.skip();
    else if (major === 5) for (let i = 0; i < 2 * value; i++) this.skip();
    else if (major === 6) this.skip();
  }

  /** Moves past a list of numbers, returning its length. */
  skipList(): number {
    const n = this.expect(4, 'a list of locations');
    for (let i = 0; i < n; i++) this.skip();
    return n;
  }
}

const utf8 = new TextDecoder();

/** The words of one chunk's CBOR (after Pagefind's prefix), pages numbered from `offset`. */
export function* chunkWords(bytes: Uint8Array, offset: number): Generator<WordRun> {
  const r = new Reader(bytes);
  if (r.expect(4, 'the chunk') < 1) return;
  const words = r.expect(4, 'the list of words');
  for (let w = 0; w < words; w++) {
    if (r.expect(4, 'a word') !== 3) throw new CborWordsError(`a word of other than 3 fields at ${r.pos}`);
    const length = r.expect(3, "the word's text");
    const key = Buffer.from(bytes.buffer, bytes.byteOffset + r.pos, length);
    r.pos += length;
    const pages = r.expect(4, "the word's pages");
    let page = offset;
    let units = 0;
    let first = 0;
    let firstRest: Uint8Array = new Uint8Array();
    let restStart = r.pos;
    for (let p = 0; p < pages; p++) {
      if (r.expect(4, 'a page') !== 3) throw new CborWordsError(`a page of other than 3 fields at ${r.pos}`);
      page += r.expect(0, "a page's number");
      const locations = r.pos;
      units += r.skipList() + r.skipList() + 1;
      if (p === 0) {
        first = page;
        firstRest = bytes.subarray(locations, r.pos);
        restStart = r.pos;
      }
    }
    const rest = bytes.subarray(restStart, r.pos);
    if (r.expect(4, "the word's variants") !== 0) throw new CborWordsError(`word ${utf8.decode(key)} has variants, which merging does not support`);
    yield { word: utf8.decode(key), key, pages, first, last: page, firstRest, rest, units };
  }
}

/** CBOR written into a growing buffer: heads, integers and text, definite lengths only, as minicbor writes them. */
export class CborBytes {
  private buf: Buffer;
  length = 0;

  constructor(size = 1 << 16) {
    this.buf = Buffer.alloc(size);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** A head: major type and argument (a value, length or count), in the fewest bytes. */
  head(major: number, value: number): this {
    this.room(9);
    const m = major << 5;
    if (value < 24) this.buf[this.length++] = m | value;
    else if (value < 0x100) {
      this.buf[this.length++] = m | 24;
      this.buf[this.length++] = value;
    } else if (value < 0x10000) {
      this.buf[this.length++] = m | 25;
      this.buf.writeUInt16BE(value, this.length);
      this.length += 2;
    } else if (value < 0x100000000) {
      this.buf[this.length++] = m | 26;
      this.buf.writeUInt32BE(value, this.length);
      this.length += 4;
    } else {
      this.buf[this.length++] = m | 27;
      this.buf.writeBigUInt64BE(BigInt(value), this.length);
      this.length += 8;
    }
    return this;
  }

  int(value: number): this {
    return value >= 0 ? this.head(0, value) : this.head(1, -1 - value);
  }

  /** A text string from its UTF-8 bytes. */
  text(utf8: Uint8Array): this {
    this.head(3, utf8.length);
    this.room(utf8.length);
    this.buf.set(utf8, this.length);
    this.length += utf8.length;
    return this;
  }

  /** What was written (a view, not a copy: nothing is to be written after). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** A CBOR head on its own. */
function head(major: number, value: number): Buffer {
  return new CborBytes(9).head(major, value).bytes();
}

const PAGE = Buffer.from([0x83]);
const NO_VARIANTS = Buffer.from([0x80]);

/** One word's CBOR from its runs in the shards, in order (their pages in ascending numbers). */
export function encodeWord(runs: WordRun[]): Uint8Array[] {
  const parts: Uint8Array[] = [head(4, 3), head(3, runs[0].key.length), runs[0].key, head(4, runs.reduce((n, r) => n + r.pages, 0))];
  let previous = 0;
  for (const r of runs.filter((r) => r.pages > 0)) {
    parts.push(PAGE, head(0, r.first - previous), r.firstRest, r.rest);
    previous = r.last;
  }
  parts.push(NO_VARIANTS);
  return parts;
}

/** A chunk's CBOR from its words' parts. */
export function encodeChunk(words: Uint8Array[][]): Buffer {
  return Buffer.concat([head(4, 1), head(4, words.length), ...words.flat()]);
}
