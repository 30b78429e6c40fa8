/** Merging Pagefind indexes written in shards: the seeds' records, indexed whole and in shards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decode, encode } from 'cborg';
import { afterAll, describe, expect, it } from 'vitest';
import { isAnchor, planShards } from '../../src/site/search/build-index';
import { MergeIndexError, mergeIndexes } from '../../src/site/search/merge-index';
import { splitPoint } from '../../src/site/search/merge-words';
import { chunkWords, encodeChunk, encodeWord } from '../../src/site/search/cbor-words';
import { contentRecords, RECORD_LANGUAGE, type SearchRecord } from '../../src/site/search/records';
import { writePagefindIndex, writeRuntime } from '../../src/site/search/pagefind-writer';
import { byteOrder, fragmentGroupJson, type MetaPage, pagefindHash, readFragment, readFragmentGroup } from '../../src/site/search/pagefind-files';
import { pagefindIndex, PREFIX, read, readRaw } from './pagefind-run';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-merge-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const batches = [...contentRecords(path.join(process.cwd(), 'content', 'data'))];
/** Pagefind's runtime for the writer's shards, written when first asked for (Pagefind runs one index at a time) */
let runtime: ReturnType<typeof writeRuntime> | undefined;
const theRuntime = () => (runtime ??= writeRuntime(path.join(work, 'runtime'), [RECORD_LANGUAGE]));

const metaFile = (dir: string) => path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.pf_meta'))!);

/** What an index says, decoded: its entry, pages with their fragments' JSON, word chunks, filters. */
function decoded(dir: string) {
  const [version, pages, chunks, filters, sorts, metaFields] = read(metaFile(dir));
  return {
    entry: JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')),
    version,
    pages: pages.map((page: MetaPage) => [...page, readFragment(dir, page)]),
    chunks: chunks.map(([from, to, hash]: string[]) => [from, to, hash, read(path.join(dir, 'index', `${hash}.pf_index`))]),
    filters: filters.map(([name, hash]: string[]) => [name, read(path.join(dir, 'filter', `${hash}.pf_filter`))]),
    sorts,
    metaFields,
  };
}

describe('mergeIndexes', () => {
  for (const wordThreads of [1, 2] as const) {
    it(`merges shards into the index one Pagefind run writes over the same records, chunk for chunk (words merged on ${wordThreads} thread(s))`, async () => {
      const all = batches.flat();
      const whole = await pagefindIndex(all, path.join(work, `whole-${wordThreads}`));
      const cut = [0, 40, 41, 200, all.length];
      const shards = [];
      for (let i = 0; i + 1 < cut.length; i++) shards.push(await pagefindIndex(all.slice(cut[i], cut[i + 1]), path.join(work, `shard-${wordThreads}-${i}`)));
      const counted = new Map<string, number>();
      const onWord = (word: string, pages: number) => counted.set(word, pages);
      expect(await mergeIndexes(shards, path.join(work, `merged-${wordThreads}`), { wordThreads, onWord })).toEqual({ pages: all.length });
      const merged = decoded(path.join(work, `merged-${wordThreads}`));
      expect(merged.pages).toHaveLength(all.length);
      expect(merged.chunks.length).toBeGreaterThan(1);
      expect(merged).toEqual(decoded(whole));
      if (wordThreads === 2) {
        // the split falls between words, some merged on either side of it
        const split = splitPoint(shards.map((dir) => ({ dir, chunks: read(metaFile(dir))[2], offset: 0 })), 2)!;
        const names = merged.chunks.flatMap((c: [string, string, string, [[string][]]]) => c[3][0].map(([w]) => w));
        expect(names.some((w: string) => byteOrder(w, split) < 0) && names.some((w: string) => byteOrder(w, split) >= 0)).toBe(true);
      }
      // every word told once, in byte order, with its pages in the whole index
      const words = merged.chunks.flatMap((c: [string, string, string, [[string, unknown[]][]]]) => c[3][0].map(([w, pages]) => [w, pages.length]));
      expect([...counted]).toEqual(words);
      // the runtime came along
      for (const f of ['pagefind.js', 'pagefind-worker.js', 'wasm.unknown.pagefind']) expect(fs.existsSync(path.join(work, `merged-${wordThreads}`, f))).toBe(true);
    });
  }

  // shards as Pagefind writes them, a fragment file per page (the writer's pages are named by their fragment groups, whose names are checked below)
  const writers: [string, (records: SearchRecord[], dir: string) => Promise<string>][] = [['Pagefind', pagefindIndex]];
  for (const [label, write] of writers) {
    it(`gives a page a name of its own when another shard gave a different page the same short name (shards written by ${label})`, async () => {
      const [a, b] = [batches[0], batches[1]];
      const dirA = await write(a, path.join(work, `clash-a-${label}`));
      const dirB = await write(b, path.join(work, `clash-b-${label}`));
      // shard B's first page takes the name of shard A's first page, as a 28-bit collision would
      const taken = read(metaFile(dirA))[1][0][0] as string;
      const meta = read(metaFile(dirB));
      const [own, , group] = meta[1][0] as MetaPage;
      if (group) {
        // in its group, under the group's name as it was
        const file = path.join(dirB, 'fragment', `${group}.pf_fragment`);
        const fragments = readFragmentGroup(file);
        fragments.set(taken, fragments.get(own)!);
        fragments.delete(own);
        fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([Buffer.from(PREFIX), Buffer.from(fragmentGroupJson(fragments))])));
      } else fs.renameSync(path.join(dirB, 'fragment', `${own}.pf_fragment`), path.join(dirB, 'fragment', `${taken}.pf_fragment`));
      meta[1][0][0] = taken;
      fs.writeFileSync(metaFile(dirB), zlib.gzipSync(Buffer.concat([Buffer.from(PREFIX), encode(meta)])));
      const before = [...decoded(dirA).pages, ...decoded(dirB).pages].map((p) => p[3]);

      const out = path.join(work, `clash-${label}`);
      // with Pagefind's runtime from where writeRuntime wrote it (shards of the writer have none)
      await theRuntime();
      await mergeIndexes([dirA, dirB], out, { runtimeDir: path.join(work, 'runtime') });
      const pages = decoded(out).pages;
      expect(pages.map((p: string[]) => p[3])).toEqual(before);
      expect(pages[0][0]).toBe(taken);
      expect(pages[a.length][0]).not.toBe(taken);
      expect(new Set(pages.map((p: string[]) => p[0])).size).toBe(pages.length);
      // a group with the renamed page is written again, named by the hash of its bytes
      if (group) {
        const json = zlib.gunzipSync(fs.readFileSync(path.join(out, 'fragment', `${pages[a.length][2]}.pf_fragment`))).subarray(PREFIX.length).toString();
        expect(pages[a.length][2]).toBe(`zxx_group_${pagefindHash(json).slice(0, 7)}`);
      }
      // every fragment file of the merged index is some page's
      const files = new Set(pages.map((p: string[]) => `${p[2] || p[0]}.pf_fragment`));
      expect(fs.readdirSync(path.join(out, 'fragment')).sort()).toEqual([...files].sort());
    });
  }

  it('gives a fragment group a name of its own when another shard gave a different group the same short name', async () => {
    const [a, b] = [batches[0], batches[1]];
    const write = async (records: SearchRecord[], dir: string) => (writePagefindIndex(records, dir, await theRuntime(), { compress: false }), dir);
    const dirA = await write(a, path.join(work, 'group-clash-a'));
    const dirB = await write(b, path.join(work, 'group-clash-b'));
    // shard B's first group takes the name of shard A's first group
    const taken = read(metaFile(dirA))[1][0][2] as string;
    const meta = read(metaFile(dirB));
    const own = meta[1][0][2] as string;
    fs.renameSync(path.join(dirB, 'fragment', `${own}.pf_fragment`), path.join(dirB, 'fragment', `${taken}.pf_fragment`));
    for (const page of meta[1]) if (page[2] === own) page[2] = taken;
    fs.writeFileSync(metaFile(dirB), zlib.gzipSync(Buffer.concat([Buffer.from(PREFIX), encode(meta)])));
    const before = [...decoded(dirA).pages, ...decoded(dirB).pages].map((p) => p.slice(0, 2).concat(p[3]));

    const out = path.join(work, 'group-clash');
    await mergeIndexes([dirA, dirB], out, { runtimeDir: path.join(work, 'runtime') });
    const pages = decoded(out).pages;
    expect(pages.map((p: string[]) => p.slice(0, 2).concat(p[3]))).toEqual(before);
    expect(pages[0][2]).toBe(taken);
    // B's group under a name from the hash of its fragments again, not A's, and its pages named from it
    expect(pages[a.length][2]).toBe(own);
    expect(pages[a.length][0]).toBe(`zxx_${own.slice('zxx_group_'.length)}-0`);
    expect(new Set(pages.map((p: string[]) => p[0])).size).toBe(pages.length);
    expect(fs.readdirSync(path.join(out, 'fragment')).sort()).toEqual([...new Set(pages.map((p: string[]) => `${p[2]}.pf_fragment`))].sort());
  });

  it('refuses what it cannot merge: sorted indexes, other Pagefind versions, no shards', async () => {
    const sorted = await pagefindIndex([{ ...batches[0][0], sort: { date: '2024' } }], path.join(work, 'sorted'));
    const plain = await pagefindIndex([batches[1][0]], path.join(work, 'plain'));
    await expect(mergeIndexes([plain, sorted], path.join(work, 'sorted-out'))).rejects.toThrow(/sorted indexes cannot be merged/);
    const entry = JSON.parse(fs.readFileSync(path.join(sorted, 'pagefind-entry.json'), 'utf8'));
    fs.writeFileSync(path.join(sorted, 'pagefind-entry.json'), JSON.stringify({ ...entry, version: '0.9.0' }));
    await expect(mergeIndexes([plain, sorted], path.join(work, 'version-out'))).rejects.toThrow(MergeIndexError);
    await expect(mergeIndexes([], path.join(work, 'none'))).rejects.toThrow('no indexes to merge');
  });

  it('names the shard and chunk it cannot read, on either thread of the word merge', async () => {
    for (const at of ['first', 'last'] as const) {
      const dirs = [];
      const all = batches.flat();
      for (const [i, b] of [all.slice(0, 100), all.slice(100, 200), all.slice(200)].entries()) dirs.push(await pagefindIndex(b, path.join(work, `broken-${at}-${i}`)));
      const chunks = read(metaFile(dirs[1]))[2];
      const [start, , hash] = at === 'first' ? chunks[0] : chunks[chunks.length - 1];
      // the first chunk's words are merged on the calling thread, the last one's on the other
      const split = splitPoint(dirs.map((dir) => ({ dir, chunks: read(metaFile(dir))[2], offset: 0 })), 2)!;
      expect(byteOrder(start, split) < 0).toBe(at === 'first');
      // a word of variants, which the merge does not take
      fs.writeFileSync(path.join(dirs[1], 'index', `${hash}.pf_index`), zlib.gzipSync(Buffer.concat([Buffer.from(PREFIX), encode([[['ab', [[0, [-25, 1], []]], [['x', [0]]]]]])])));
      const merged = mergeIndexes(dirs, path.join(work, `broken-${at}`), { wordThreads: 2 });
      await expect(merged).rejects.toThrow(MergeIndexError);
      await expect(merged).rejects.toThrow(`${dirs[1]}: index chunk ${hash}`);
    }
  });
});

describe('chunkWords and encodeWord', () => {
  it('give back the bytes of a real chunk word for word, and join runs of pages counted from their offsets', async () => {
    const dir = await pagefindIndex(batches.flat(), path.join(work, 'words'));
    const [, , chunks] = read(metaFile(dir));
    const raw = readRaw(path.join(dir, 'index', `${chunks[0][2]}.pf_index`)).subarray(PREFIX.length);
    const words = [...chunkWords(raw, 0)];
    expect(words.length).toBe(decode(raw)[0].length);
    expect(encodeChunk(words.map((w) => encodeWord([w])))).toEqual(Buffer.from(raw));

    // two shards' runs of one word: pages 3, 5 in the first; 0, 4 in the second, which starts at page 10
    const one = encode([[['ab', [[3, [1], []], [2, [7, 9], []]], []]]]);
    const two = encode([[['ab', [[0, [2], [-1, 0]], [4, [5], []]], []]]]);
    const runs = [...chunkWords(one, 0), ...chunkWords(two, 10)];
    expect(runs.map((r) => [r.first, r.last, r.pages, r.units])).toEqual([[3, 5, 2, 5], [10, 14, 2, 6]]);
    expect(decode(encodeChunk([encodeWord(runs)]))).toEqual([[['ab', [[3, [1], []], [2, [7, 9], []], [5, [2], [-1, 0]], [4, [5], []]], []]]]);
  });

  it('refuse what they cannot keep: variants, pages of other shapes', () => {
    expect(() => [...chunkWords(encode([[['ab', [[0, [1], []]], ['ac']]]]), 0)]).toThrow(/variants/);
    expect(() => [...chunkWords(encode([[['ab', [[0, [1]]], []]]]), 0)]).toThrow(/3 fields/);
  });
});

describe('planShards', () => {
  const docs = (...bytes: number[]) => bytes.map((b, i) => ({ id: `d${i}`, bytes: b }));
  const none = () => false;

  it('cuts runs of consecutive documents of at most the budget, a larger document alone', () => {
    expect(planShards(docs(4, 4, 4, 4), 10, none)).toEqual([['d0', 'd1'], ['d2', 'd3']]);
    expect(planShards(docs(3, 30, 3, 3, 3, 3), 10, none)).toEqual([['d0'], ['d1'], ['d2', 'd3', 'd4'], ['d5']]);
    expect(planShards(docs(5, 5), 10, none)).toEqual([['d0', 'd1']]);
    expect(planShards([], 10, none)).toEqual([]);
  });

  it('also cuts before each anchor document', () => {
    expect(planShards(docs(1, 1, 1, 1, 1), 10, (id) => id === 'd2' || id === 'd0')).toEqual([['d0', 'd1'], ['d2', 'd3', 'd4']]);
  });

  it('changes only the shards between the anchors around a document that grows', () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({ id: `文件-${i}`, bytes: 1000 + ((i * 7919) % 5000) }));
    const grown = docs.map((d, i) => (i === 1500 ? { ...d, bytes: d.bytes + 30_000 } : d));
    const [before, after] = [planShards(docs, 40_000), planShards(grown, 40_000)];
    const anchors = docs.flatMap((d, i) => (isAnchor(d.id) ? [i] : []));
    const [from, to] = [anchors.filter((i) => i <= 1500).at(-1)!, anchors.find((i) => i > 1500)!];
    expect(anchors.length).toBeGreaterThan(10);
    const outside = (shards: string[][]) => shards.filter((s) => docs.findIndex((d) => d.id === s[0]) < from || docs.findIndex((d) => d.id === s[0]) >= to);
    expect(outside(after)).toEqual(outside(before));
    expect(after).not.toEqual(before);
  });
});
