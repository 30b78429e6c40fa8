/**
 * The word index of some records as flat typed arrays: every word's pages and, on each page,
 * the positions it stands at, both ascending.
 *
 * Why not a map of word → pages → position lists: the corpus's records hold some 18 million
 * tokens, and an object per word, an array per (word, page) pair and a look-up per distinct
 * word of each page made the index writer's loop over them, with the garbage it left, about
 * half of the writer's time (1,000 documents: 5.6–8.5 s → 3.1–3.8 s, the same files).
 * Here each token is looked up once (word → id) and written as a number; the postings are
 * then laid out by a counting sort over the ids, which keeps pages and positions in order.
 */

/** The index: word `w`'s occurrences are `page[i]`, `position[i]` for i in start[w]..start[w + 1]. */
export type Postings = {
  /** the words, by id (order of first appearance) */
  words: string[];
  start: Int32Array;
  page: Int32Array;
  position: Int32Array;
  /** how many pages each word is on */
  pageCount: Int32Array;
};

/** Collects the tokens of records, one record (page) after another. */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private tokens = new Int32Array(1 << 16);
  private length = 0;
  /** where each page's tokens end in `tokens` */
  private readonly ends: number[] = [];

  /** Adds the next page: its words separated by single spaces (none when empty); returns how many tokens it has. */
  add(content: string): number {
    const from = this.length;
    if (content.length > 0) {
      for (let at = 0; ; ) {
        const space = content.indexOf(' ', at);
        const word = space < 0 ? content.slice(at) : content.slice(at, space);
        let id = this.ids.get(word);
        if (id === undefined) {
          id = this.words.length;
          this.ids.set(word, id);
          this.words.push(word);
        }
        if (this.length === this.tokens.length) {
          const grown = new Int32Array(this.tokens.length * 2);
          grown.set(this.tokens);
          this.tokens = grown;
        }
        this.tokens[this.length++] = id;
        if (space < 0) break;
        at = space + 1;
      }
    }
    this.ends.push(this.length);
    return this.length - from;
  }

  finish(): Postings {
    const n = this.words.length;
    const start = new Int32Array(n + 1);
    const pageCount = new Int32Array(n);
    const lastPage = new Int32Array(n).fill(-1);
    let from = 0;
    this.ends.forEach((end, p) => {
      for (let i = from; i < end; i++) {
        const id = this.tokens[i]!;
        start[id + 1]!++;
        if (lastPage[id] !== p) {
          lastPage[id] = p;
          pageCount[id]!++;
        }
      }
      from = end;
    });
    for (let w = 0; w < n; w++) start[w + 1]! += start[w]!;
    const next = start.slice(0, n);
    const page = new Int32Array(this.length);
    const position = new Int32Array(this.length);
    from = 0;
    this.ends.forEach((end, p) => {
      for (let i = from; i < end; i++) {
        const at = next[this.tokens[i]!]!++;
        page[at] = p;
        position[at] = i - from;
      }
      from = end;
    });
    return { words: this.words, start, page, position, pageCount };
  }
}
