/** Writing the Pagefind index directly: what Pagefind itself writes for the same records. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentRecords, RECORD_LANGUAGE, type SearchRecord } from '../../src/site/search/records';
import { indexContent } from '../../src/site/search/tokens';
import { GROUP_BYTES, type Runtime, writePagefindIndex, writeRuntime } from '../../src/site/search/pagefind-writer';
import { type MetaPage, PagefindFileError, pagefindHash, readFragment, readFragmentGroup } from '../../src/site/search/pagefind-files';
import { pageOf } from '../../src/site/search/parts';
import { pagefindIndex, PREFIX, read } from './pagefind-run';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-writer-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const seeds = [...contentRecords(path.join(process.cwd(), 'content', 'data'))].flat();

/** What an index says, decoded, in parts: its pages with their fragments, its words, its filters. */
function decoded(dir: string) {
  const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
  const [lang] = Object.keys(entry.languages);
  const [version, pages, chunks, filters, sorts, metaFields] = read(path.join(dir, `pagefind.${entry.languages[lang].hash}.pf_meta`));
  return {
    entry: { ...entry, languages: { [lang]: { ...entry.languages[lang], hash: undefined } } },
    version,
    sorts,
    metaFields,
    pages: pages.map((page: MetaPage) => [...page, readFragment(dir, page)]),
    // chunk names are hashes of their bytes, so equal bytes give equal names
    chunks: chunks.map(([from, to, hash]: string[]) => [from, to, hash, read(path.join(dir, 'index', `${hash}.pf_index`))]),
    filters: filters.map(([name, hash]: string[]) => [name, hash, read(path.join(dir, 'filter', `${hash}.pf_filter`))]),
  };
}

/** The same records without metadata: Pagefind 1.6 also indexes the words of the metadata, which the writer leaves out. */
const withoutMeta = (records: SearchRecord[]) => records.map((r) => ({ ...r, meta: {} }));

/** A record of every letter and digit outside Han, in runs of one to five, as the index's tokens. */
function everyLetterRecord(): SearchRecord {
  let text = '';
  let run = 0;
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (!/[\p{L}\p{N}]/u.test(ch) || /\p{Script=Han}/u.test(ch)) continue;
    text += ch;
    if (++run % ((cp % 5) + 1) === 0) text += ' ';
  }
  return { url: '/letters/', content: indexContent(text), language: RECORD_LANGUAGE, meta: { title: '字母' }, filters: {} };
}

let runtime: Runtime;
beforeAll(async () => {
  runtime = await writeRuntime(path.join(work, 'runtime'), [RECORD_LANGUAGE]);
});

describe('writePagefindIndex', () => {
  it('writes the pages, fragments and filters Pagefind writes for the seeds, and its words when the metadata is not searched', async () => {
    expect(seeds.length).toBeGreaterThan(100);
    const ours = decoded((writePagefindIndex(seeds, path.join(work, 'ours'), runtime), path.join(work, 'ours')));
    const theirs = decoded(await pagefindIndex(seeds, path.join(work, 'theirs')));
    const bare = decoded(await pagefindIndex(withoutMeta(seeds), path.join(work, 'bare')));
    expect(ours.pages).toHaveLength(seeds.length);
    expect(ours.chunks.length).toBeGreaterThan(1);
    expect({ ...ours, chunks: [], pages: [] }).toEqual({ ...theirs, chunks: [], pages: [] });
    // each page as Pagefind writes it, but for the content its fragment leaves out (fragmentJson)…
    const fragment = (json: string) => JSON.parse(json);
    expect(ours.pages.map(([, words, , json]: string[]) => [words, fragment(json)])).toEqual(
      theirs.pages.map(([, words, , json]: string[]) => [words, { ...fragment(json), content: '' }]),
    );
    expect(theirs.pages.every(([, , , json]: string[]) => fragment(json).content.length > 0)).toBe(true);
    // …each named by its group and its place in it (the chunks' names below are hashes, as Pagefind's are)
    let at = 0;
    ours.pages.forEach(([name, , group]: string[], i: number) => {
      at = i > 0 && ours.pages[i - 1][2] === group ? at + 1 : 0;
      expect(name).toBe(`${RECORD_LANGUAGE}_${group.slice(`${RECORD_LANGUAGE}_group_`.length)}-${at.toString(36)}`);
    });
    expect(ours.chunks).toEqual(bare.chunks);
    // Pagefind's own index has the metadata's words too: runs of Han text between spaces
    expect(theirs.chunks.flatMap((c: [string, string, string, [unknown[][]]]) => c[3][0].map((w) => w[0])).some((w: string) => /\p{Script=Han}/u.test(w))).toBe(true);
  });

  it('bundles the fragments of consecutive records of one document into groups of a bounded size, named by their hash', () => {
    const dir = path.join(work, 'ours');
    const [, pages] = read(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.pf_meta'))!));
    const files = fs.readdirSync(path.join(dir, 'fragment'));
    expect(files.every((f) => /^zxx_group_[0-9a-f]{7,}\.pf_fragment$/.test(f))).toBe(true);
    // every page in the group its meta entry names, and every group's pages named by the meta, in order
    const byGroup = new Map<string, string[]>();
    pages.forEach(([hash, , group]: MetaPage, i: number) => byGroup.set(group, [...(byGroup.get(group) ?? []), `${hash} ${pageOf(seeds[i].url)}`]));
    expect([...byGroup.keys()].sort()).toEqual(files.map((f) => f.replace('.pf_fragment', '')).sort());
    const documents = new Set(seeds.map((r) => pageOf(r.url)));
    expect(byGroup.size).toBeGreaterThanOrEqual(documents.size);
    expect(byGroup.size).toBeLessThan(seeds.length / 4);
    for (const [group, members] of byGroup) {
      const fragments = readFragmentGroup(path.join(dir, 'fragment', `${group}.pf_fragment`));
      expect([...fragments.keys()].sort()).toEqual([...new Set(members.map((m) => m.split(' ')[0]))].sort());
      // one document's records, at most GROUP_BYTES of fragments unless one is larger alone
      expect(new Set(members.map((m) => m.split(' ')[1])).size).toBe(1);
      const bytes = [...fragments.values()].reduce((n, f) => n + Buffer.byteLength(f), 0);
      if (fragments.size > 1) expect(bytes).toBeLessThanOrEqual(GROUP_BYTES);
      // the name is the start of the hash of its fragments, in page order
      const ordered = members.map((m) => fragments.get(m.split(' ')[0])!);
      expect(group).toBe(`zxx_group_${pagefindHash(`[${ordered.join(',')}]`).slice(0, group.length - 'zxx_group_'.length)}`);
    }
    // groups close only when they must: two consecutive groups of one document hold more than GROUP_BYTES together
    const order = [...byGroup.keys()];
    for (let i = 0; i + 1 < order.length; i++) {
      const [a, b] = [byGroup.get(order[i])!, byGroup.get(order[i + 1])!];
      if (a[0].split(' ')[1] !== b[0].split(' ')[1]) continue;
      const size = (g: string) => [...readFragmentGroup(path.join(dir, 'fragment', `${g}.pf_fragment`)).values()].reduce((n, f) => n + Buffer.byteLength(f), 0);
      const first = readFragmentGroup(path.join(dir, 'fragment', `${order[i + 1]}.pf_fragment`)).get(b[0].split(' ')[0])!;
      expect(size(order[i]) + Buffer.byteLength(first)).toBeGreaterThan(GROUP_BYTES);
    }
  });

  it('writes the same index uncompressed, for a shard that is merged; the fragment groups compressed either way', () => {
    const dir = path.join(work, 'plain');
    writePagefindIndex(seeds, dir, runtime, { compress: false });
    const plain = (file: string) => fs.readFileSync(file).subarray(0, PREFIX.length).toString() === PREFIX;
    const compressed = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).subarray(0, PREFIX.length).toString() === PREFIX;
    for (const sub of ['index', 'filter']) {
      for (const f of fs.readdirSync(path.join(dir, sub))) expect(plain(path.join(dir, sub, f))).toBe(true);
      for (const f of fs.readdirSync(path.join(work, 'ours', sub))) expect(compressed(path.join(work, 'ours', sub, f))).toBe(true);
    }
    // fragment groups are served as they are written
    for (const d of [dir, path.join(work, 'ours')]) for (const f of fs.readdirSync(path.join(d, 'fragment'))) expect(compressed(path.join(d, 'fragment', f))).toBe(true);
    expect(decoded(dir)).toEqual(decoded(path.join(work, 'ours')));
  });

  it('indexes every letter and digit a token can hold as Pagefind does, words of several scripts included', async () => {
    const record = everyLetterRecord();
    expect(record.content.split(' ').length).toBeGreaterThan(20_000);
    const ours = decoded((writePagefindIndex([record], path.join(work, 'letters-ours'), runtime), path.join(work, 'letters-ours')));
    const bare = decoded(await pagefindIndex(withoutMeta([record]), path.join(work, 'letters-bare')));
    expect(ours.chunks).toEqual(bare.chunks);
    expect(ours.pages.map((p: unknown[]) => p[1])).toEqual(bare.pages.map((p: unknown[]) => p[1]));
  });

  it('refuses content Pagefind would cut into parts, naming the record', () => {
    const record = { ...seeds[0], content: 'abc Mixed' };
    expect(() => writePagefindIndex([record], path.join(work, 'mixed'), runtime)).toThrow(PagefindFileError);
    expect(() => writePagefindIndex([{ ...record, content: 'a-b' }], path.join(work, 'dash'), runtime)).toThrow(new RegExp(`${seeds[0].url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*"a-b"`));
    // an empty word between two spaces, or before the first, would shift every position after it
    for (const [i, content] of ['abc  def', ' abc', 'abc '].entries()) {
      expect(() => writePagefindIndex([{ ...record, content }], path.join(work, `space-${i}`), runtime)).toThrow(/the word ""/);
    }
  });
});
