/** The writer's word index as flat arrays: each word's pages and positions, in order. */
import { describe, expect, it } from 'vitest';
import { PostingsBuilder } from '../../src/site/search/postings';

/** word → [page, positions on it][] */
function decoded(contents: string[]): { counts: number[]; words: Record<string, [number, number[]][]> } {
  const builder = new PostingsBuilder();
  const counts = contents.map((c) => builder.add(c));
  const { words, start, page, position, pageCount } = builder.finish();
  const out: Record<string, [number, number[]][]> = {};
  words.forEach((word, id) => {
    const pages: [number, number[]][] = [];
    for (let i = start[id]!; i < start[id + 1]!; i++) {
      if (pages.at(-1)?.[0] !== page[i]) pages.push([page[i]!, []]);
      pages.at(-1)![1].push(position[i]!);
    }
    expect(pageCount[id]).toBe(pages.length);
    out[word] = pages;
  });
  return { counts, words: out };
}

describe('PostingsBuilder', () => {
  it('gives each word its pages and the positions it stands at on each, ascending', () => {
    expect(decoded(['ab cd ab', '', 'cd', 'ef ab ab cd'])).toEqual({
      counts: [3, 0, 1, 4],
      words: {
        ab: [[0, [0, 2]], [3, [1, 2]]],
        cd: [[0, [1]], [2, [0]], [3, [3]]],
        ef: [[3, [0]]],
      },
    });
  });

  it('grows past its first buffer of tokens without losing any', () => {
    const page = Array.from({ length: 50_000 }, (_, i) => `w${i % 7}`).join(' ');
    const { counts, words } = decoded([page, page]);
    expect(counts).toEqual([50_000, 50_000]);
    expect(Object.keys(words).sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    expect(words.w3!.map(([p, positions]) => [p, positions.length, positions[1]])).toEqual([[0, 7143, 10], [1, 7143, 10]]);
  });
});
