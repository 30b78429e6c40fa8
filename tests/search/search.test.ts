/** The search's pure parts: tokens, ranking by positions, excerpts, and the records built from the seeds' data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { bestAlignment, coverOffsets, excerpt, pagefindTerm, rankCandidates, toHit, type PagefindResult } from '../../src/site/search/engine';
import { decodeParts, encodeParts } from '../../src/site/search/parts';
import { facetLabel } from '../../src/site/search/facets';
import { clauseText, contentRecords, documentRecords, searchUnits } from '../../src/site/search/records';
import { bigrams, containsPhrase, decodeToken, encodedTokens, encodeToken, highlightRanges, indexContent, indexTokens, queryTokens, runs } from '../../src/site/search/tokens';
import { buildSearchIndex, commonBigrams } from '../../src/site/search/build-index';
import { startEarlyShards, type EarlyShards } from '../../src/site/search/early-shards';
import { ingestCollection } from '../../src/ingest/ingest';
import { bundledSources, bundledTopics } from '../ingest/helpers';
import { readJson } from '../site/helpers';
import { listFiles } from '../../src/ingest/source-folder';

describe('tokens', () => {
  it('cuts Han runs into overlapping bigrams, keeps ASCII letters and digits as words, drops punctuation', () => {
    expect(runs('每季度至少召开1次，ＡＢ会议')).toEqual([
      { coded: true, text: '每季度至少召开' },
      { coded: false, text: '1' },
      { coded: true, text: '次' },
      { coded: false, text: 'ab' },
      { coded: true, text: '会议' },
    ]);
    expect(bigrams('挂牌督办')).toEqual(['挂牌', '牌督', '督办']);
    expect(bigrams('办')).toEqual(['办']);
    expect(indexTokens('挂牌督办，15日内')).toEqual(['挂牌', '牌督', '督办', '15', '日内']);
    // other letters are cut and coded like Han: Pagefind would fold or split them as words
    expect(runs('Café αβγ')).toEqual([
      { coded: false, text: 'caf' },
      { coded: true, text: 'é' },
      { coded: true, text: 'αβγ' },
    ]);
    expect(indexContent('Café αβγ').split(' ').every((w) => /^[0-9a-z]+$/.test(w))).toBe(true);
    expect(decodeToken(encodeToken('αβ'))).toBe('αβ');
  });

  it('encodes a text in one pass exactly as its runs, bigrams and codes give it, on the seeds and on hostile text', () => {
    const seedTexts = [...contentRecords(path.join(process.cwd(), 'content', 'data'))].flat().flatMap((r) => decodeParts(r.meta.parts, r.url).map((p) => p.text));
    expect(seedTexts.length).toBeGreaterThan(100);
    const hostile = [
      '', '。', '督', 'a', '督a', 'a督', '督督', '1督2', 'ＡＢ１２会议', 'Café αβγ', 'İstanbul', 'ﬁ条款', '𠀀𠀁x𠀂', '\ud800督', '督\udc00', '\ud800', 'a\ud83d\ude00b',
      '第一条　为了{规范}<b>管理</b>，import x from "y"；第（六）项', '①②③ⅣⅤ', '한국어 텍스트', 'e\u0301 ё',
    ];
    for (const text of [...seedTexts, ...hostile]) expect(encodedTokens(text), text).toEqual(indexTokens(text).map(encodeToken));
  });

  it('leaves a lone Han character at the edge of a mixed query out of the terms', () => {
    expect(queryTokens('开1次')).toEqual(['1']);
    expect(queryTokens('召开1次会议')).toEqual(['召开', '1', '次会', '会议']);
    expect(queryTokens('督')).toEqual(['督']);
    expect(queryTokens('，。')).toEqual([]);
  });

  it('writes Han characters as fixed-width base-36 codes, so that one character is a prefix of its bigrams', () => {
    expect(encodeToken('束后')).toHaveLength(8);
    expect(encodeToken('束后').startsWith(encodeToken('束'))).toBe(true);
    expect(encodeToken('abc')).toBe('abc');
    expect(indexContent('束后，2次')).toBe(`${encodeToken('束后')} 2 ${encodeToken('次')}`);
    expect(encodeToken('𠀀')).toHaveLength(4);
  });

  it('decodes what it encodes, and leaves words that only look encoded alone', () => {
    for (const t of ['束后', '督', '𠀀𠀁']) expect(decodeToken(encodeToken(t))).toBe(t);
    for (const w of ['2024', 'zzzz', 'abc', '15', 'iso9001x']) expect(decodeToken(w)).toBe(w);
  });

  it('lists the bigrams in the most records, most common first, ties in code point order, words left out', () => {
    const counts = new Map([
      [encodeToken('人民'), 9],
      [encodeToken('政府'), 9],
      [encodeToken('督'), 20],
      ['2024', 30],
      [encodeToken('挂牌'), 1],
    ]);
    expect(commonBigrams(counts, 2)).toEqual(['人民', '政府']);
    expect(commonBigrams(counts)).toEqual(['人民', '政府', '挂牌']);
  });

  it('checks phrases verbatim, ignoring case and width, not across punctuation', () => {
    expect(containsPhrase('对重大隐患实行挂牌督办。', '挂牌督办')).toBe(true);
    expect(containsPhrase('挂牌，督办', '挂牌督办')).toBe(false);
    expect(containsPhrase('每年至少召开１次', '召开1次')).toBe(true);
    expect(containsPhrase('任何文字', '  ')).toBe(false);
  });

  it('highlights the whole phrase, or else its bigrams', () => {
    expect(highlightRanges('实行挂牌督办制度', '挂牌督办')).toEqual([[2, 6]]);
    expect(highlightRanges('挂牌后督办', '挂牌督办')).toEqual([[0, 2], [3, 5]]);
  });
});

describe('ranking', () => {
  const result = (id: string, words: number[]): PagefindResult => ({ id, score: 1, words, data: async () => ({ url: id, meta: {} }) });

  it('asks Pagefind for a cover of the tokens: all of up to three; of more, the first, the last and no two neighbours left out', () => {
    const tokens = (q: string) => queryTokens(q);
    expect(coverOffsets([])).toEqual([]);
    expect(coverOffsets(tokens('挂牌'))).toEqual([0]);
    expect(coverOffsets(tokens('创业创新'))).toEqual([0, 1, 2]);
    expect(coverOffsets(tokens('挂牌督办制'))).toEqual([0, 2, 3]);
    expect(coverOffsets(tokens('挂牌督办制度'))).toEqual([0, 2, 4]);
    expect(pagefindTerm('挂牌督办制度')).toBe(['挂牌', '督办', '制度'].map(encodeToken).join(' '));
    expect(pagefindTerm('召开1次会议')).toBe(['召开', '次会', '会议'].map(encodeToken).join(' '));
  });

  it('leaves the common bigrams out of the cover where it can, keeping every character but one at an end of a long query', () => {
    // 县级以上人民政府: 县级 级以 以上 上人 人民 民政 政府
    const tokens = queryTokens('县级以上人民政府');
    expect(coverOffsets(tokens).map((i) => tokens[i])).toEqual(['县级', '以上', '人民', '政府']);
    const common = new Set(['人民', '政府', '以上', '应当', '行政', '规定', '定的']);
    const offsets = coverOffsets(tokens, common);
    expect(offsets.map((i) => tokens[i])).toEqual(['县级', '级以', '上人', '民政']);
    // no two neighbouring tokens both left out, and the ends at most one away
    for (let i = 1; i < offsets.length; i++) expect(offsets[i] - offsets[i - 1]).toBeLessThanOrEqual(2);
    expect(offsets[0]).toBeLessThanOrEqual(1);
    expect(offsets.at(-1)).toBeGreaterThanOrEqual(tokens.length - 2);
    // a leading common token of a long query goes: 应当加强对城市 → 当加 强对 城市 (加强, 对城 left out)
    const leading = queryTokens('应当加强对城市');
    expect(coverOffsets(leading, common).map((i) => leading[i])).toEqual(['当加', '强对', '城市']);
    // a short one keeps its ends, and all of up to three tokens are searched
    const short = queryTokens('各级行政机');
    expect(coverOffsets(short, common).map((i) => short[i])).toEqual(['各级', '级行', '政机']);
    expect(coverOffsets(queryTokens('应当及时'), common)).toEqual([0, 1, 2]);
    expect(coverOffsets(queryTokens('款规定的限'), common)).toEqual([0, 2, 3]);
  });

  it('finds the start that lines up the most tokens at their offsets', () => {
    expect(bestAlignment([], [0, 2])).toEqual({ start: -1, count: 0 });
    expect(bestAlignment([7, 12, 14], [0, 2])).toEqual({ start: 12, count: 2 });
    expect(bestAlignment([3, 9], [0, 2, 3])).toEqual({ start: 3, count: 1 });
    expect(bestAlignment([5, 7, 8, 20], [0, 2, 3])).toEqual({ start: 5, count: 3 });
  });

  it('puts records with the whole cover lined up first, then by how much lines up, keeping Pagefind order otherwise', () => {
    const offsets = [0, 2, 3]; // the cover of four tokens
    const ranked = rankCandidates([result('scattered', [1, 5, 9]), result('two', [1, 3, 9]), result('phrase', [20, 22, 23]), result('phrase2', [3, 5, 6])], offsets);
    expect(ranked.map((c) => c.result.id)).toEqual(['phrase', 'phrase2', 'two', 'scattered']);
    expect(ranked.map((c) => c.phrase)).toEqual([true, true, false, false]);
    expect(ranked.map((c) => c.start)).toEqual([20, 3, 1, 1]);
  });

  it('lands on the part of a record that holds the phrase, else where the tokens line up', () => {
    const parts = [
      { url: '/docs/a/#art_4', num: '第四条', text: '成员单位职责如下：', at: 0 },
      { url: '/docs/a/#art_4__item_1', num: '第四条第（一）项', text: '负责安全生产工作；', at: 7 },
      { url: '/docs/a/#art_4__item_2', num: '第四条第（二）项', text: '对重大隐患实行挂牌督办。', at: 14 },
    ];
    expect(decodeParts(encodeParts(parts), '/docs/a/#art_4')).toEqual(parts);
    expect(JSON.parse(encodeParts(parts))[1]).toEqual(['art_4__item_1', '第四条第（一）项', '负责安全生产工作；', 7]);
    const data = { url: '/docs/a/#art_4', meta: { title: '规则', place: '某旗', parts: encodeParts(parts) } };
    expect(toHit(data, '挂牌督办')).toMatchObject({ url: '/docs/a/#art_4__item_2', num: '第四条第（二）项', exact: true, title: '规则', also: [] });
    expect(toHit(data, '工作')).toMatchObject({ url: '/docs/a/#art_4__item_1', also: [] });
    expect(toHit(data, '单位')).toMatchObject({ url: '/docs/a/#art_4', also: [] });
    expect(toHit(data, '实')).toMatchObject({ url: '/docs/a/#art_4__item_2' });
    const twice = { ...data, meta: { ...data.meta, parts: encodeParts([...parts, { url: '/docs/a/#art_4__item_3', num: '第四条第（三）项', text: '挂牌督办的隐患按月通报。', at: 22 }]) } };
    expect(toHit(twice, '挂牌督办')).toMatchObject({ url: '/docs/a/#art_4__item_2', also: [{ url: '/docs/a/#art_4__item_3', num: '第四条第（三）项' }] });
    expect(toHit(data, '安全督办', 9)).toMatchObject({ url: '/docs/a/#art_4__item_1', exact: false });
    expect(toHit(data, '无关文字')).toMatchObject({ url: '/docs/a/#art_4', exact: false });
  });
});

describe('excerpt', () => {
  it('marks the match and cuts around it', () => {
    const text = `${'甲'.repeat(100)}挂牌督办${'乙'.repeat(100)}`;
    const pieces = excerpt(text, '挂牌督办', 40);
    expect(pieces[0]).toEqual({ text: '…', marked: false });
    expect(pieces.at(-1)).toEqual({ text: '…', marked: false });
    expect(pieces.filter((p) => p.marked)).toEqual([{ text: '挂牌督办', marked: true }]);
    expect(pieces.map((p) => p.text).join('').replace(/…/g, '').length).toBe(40);
  });

  it('shows a short text whole', () => {
    expect(excerpt('实行挂牌督办', '督办')).toEqual([
      { text: '实行挂牌', marked: false },
      { text: '督办', marked: true },
    ]);
  });
});

describe('records', () => {
  const dataDir = path.join(process.cwd(), 'content', 'data');
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  const byId = new Map(index.jurisdictions.map((j) => [j.id, j]));

  it('gives every article one record, and every other clause with text its own; every clause with text is a part of exactly one record, linking to it', () => {
    for (const summary of index.documents) {
      const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
      const records = documentRecords(doc, index);
      const withText = doc.clauses.filter((c) => indexContent(clauseText(c)));
      const parts = records.flatMap((r) => decodeParts(r.meta.parts, r.url));
      expect(parts.map((p) => p.url)).toEqual(withText.map((c) => c.url));
      expect(parts.map((p) => p.text)).toEqual(withText.map(clauseText));
      const articles = doc.clauses.filter((c) => c.type === 'article');
      for (const article of articles) expect(records.filter((r) => r.url === article.url)).toHaveLength(indexContent(clauseText(article)) || doc.clauses.some((c) => c.parent === article.id) ? 1 : 0);
      for (const r of records) {
        expect(r.meta.title).toBe(doc.title);
        expect(r.filters.doc.map(facetLabel)).toEqual([doc.title]);
        const places = r.filters.place.map((v) => v.split('｜')[1]);
        expect(places.at(-1)).toBe(doc.jurisdiction);
        for (let i = 1; i < places.length; i++) expect(byId.get(places[i])?.parent).toBe(places[i - 1]);
        // each part starts where the tokens of the parts before it end
        const tokens = r.content.split(' ');
        for (const p of decodeParts(r.meta.parts, r.url)) expect(tokens.slice(p.at).join(' ').startsWith(indexContent(p.text))).toBe(true);
      }
    }
  });

  it('groups an article with its paragraphs and items, in document order', () => {
    const doc = readJson<Document>(path.join(dataDir, 'docs', `${index.documents.find((d) => d.id.startsWith('鄂托克前旗安全生产委员会工作规则'))!.id}.json`));
    const unit = searchUnits(doc.clauses).find((u) => u[0].id === 'art_4')!;
    expect(unit.map((c) => c.id)).toEqual(doc.clauses.filter((c) => c.id === 'art_4' || c.id.startsWith('art_4__')).map((c) => c.id));
    expect(unit.length).toBeGreaterThan(1);
  });
});

describe('writing the index', () => {
  const dataDir = path.join(process.cwd(), 'content', 'data');
  const documents = readJson<ApiIndex>(path.join(dataDir, 'index.json')).documents.length;
  /** every file of a folder, by its path in the folder, with its bytes */
  const tree = (dir: string) => new Map(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));

  it('writes its shards meanwhile, and merges them into the output only once writeAfter has settled', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-index-'));
    // an output folder in folders not made yet (`--out-dir a/b/site`): Astro makes them when it writes
    const outDir = path.join(parent, 'a', 'b', 'site');
    let release!: () => void;
    const writeAfter = new Promise<void>((resolve) => (release = resolve));
    const seen: { documents: number; written: boolean }[] = [];
    let settledEarly = false;
    let settled = false;
    const built = buildSearchIndex({
      dataDir,
      outDir,
      writeAfter,
      shardBytes: 60_000,
      progress: (_, done) => {
        seen.push({ documents: done, written: fs.existsSync(path.join(outDir, 'pagefind')) });
        // what the build waits for (the Astro build) finishes after the last shard
        if (done === documents) {
          setTimeout(() => {
            settledEarly = settled || fs.existsSync(path.join(outDir, 'pagefind'));
            release();
          }, 200);
        }
      },
    });
    void built.finally(() => (settled = true));
    const stats = await built;
    expect(settledEarly).toBe(false);
    expect(stats.shards).toBeGreaterThan(2);
    expect(seen).toHaveLength(stats.shards);
    expect(seen.at(-1)!.documents).toBe(documents);
    expect(seen.every((s) => !s.written)).toBe(true);
    expect(stats.documents).toBe(documents);
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')).languages.zxx.page_count).toBe(stats.records);
    // the common bigrams are counted from the merged index: the same as counting the records that have each
    const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
    const counts = new Map<string, number>();
    for (const record of [...contentRecords(dataDir, { ids: index.documents.map((d) => d.id), context: index })].flat()) {
      for (const token of new Set(record.content.split(' '))) if (token.length === 8) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    const common = JSON.parse(fs.readFileSync(path.join(outDir, 'pagefind', 'common-bigrams.json'), 'utf8'));
    expect(common.length).toBeGreaterThan(100);
    expect(common).toEqual(commonBigrams(counts));
    // the shards' working folder beside the output is gone
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(['site']);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('gives the index one shard gives, whatever the shards and however many are written at once', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-index-shards-'));
    const one = await buildSearchIndex({ dataDir, outDir: path.join(work, 'one'), shardBytes: 1e9 });
    // a shard per document, three written at once: they finish out of order
    const many = await buildSearchIndex({ dataDir, outDir: path.join(work, 'many'), shardBytes: 1, lanes: 3 });
    expect(one.shards).toBe(1);
    expect(many.shards).toBe(documents);
    expect(tree(path.join(work, 'many', 'pagefind'))).toEqual(tree(path.join(work, 'one', 'pagefind')));
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('takes the index of a shard whose records are unchanged from the cache, and gives the index a build without it gives', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-index-cache-'));
    const data = path.join(work, 'data');
    fs.cpSync(dataDir, data, { recursive: true });
    const cacheDir = path.join(work, 'cache');
    // every document its own shard
    const build = (out: string, cache = true) => buildSearchIndex({ dataDir: data, outDir: path.join(work, out), shardBytes: 1, ...(cache ? { cacheDir } : {}) });

    const first = await build('first');
    expect(first.shards).toBe(documents);
    expect(first.cachedShards).toBe(0);
    const again = await build('again');
    expect(again.cachedShards).toBe(documents);
    expect(tree(path.join(work, 'again'))).toEqual(tree(path.join(work, 'first')));

    // one document's title changes: its shard alone is indexed again
    const id = readJson<ApiIndex>(path.join(data, 'index.json')).documents[3].id;
    const file = path.join(data, 'docs', `${id}.json`);
    const doc = readJson<Document>(file);
    fs.writeFileSync(file, JSON.stringify({ ...doc, title: `${doc.title}（修订）` }));
    const changed = await build('changed');
    expect(changed.cachedShards).toBe(documents - 1);
    const fresh = await build('fresh', false);
    expect(fresh.cachedShards).toBe(0);
    expect(tree(path.join(work, 'changed'))).toEqual(tree(path.join(work, 'fresh')));
    expect(tree(path.join(work, 'changed'))).not.toEqual(tree(path.join(work, 'first')));
    // the cache keeps what the last build used
    expect(fs.readdirSync(cacheDir)).toHaveLength(documents);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('finds in its cache every shard the ingest wrote early, from its documents before the comparison, and gives the index a build without the cache gives', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-early-shards-'));
    const cacheDir = path.join(work, 'cache');
    let early: EarlyShards | undefined;
    let compared = false;
    const collection = await ingestCollection(bundledSources(), {
      topics: bundledTopics(),
      searchable: (docs, context) => {
        // before the similar provisions are found
        compared = docs.some((d) => d.clauses.some((c) => c.related.length > 0));
        // a shard per document, planned by the MDX beside the data (the bundled content root, which `npm test` checks is the seeds' ingest)
        early = startEarlyShards({ documents: docs, context, dataDir, cacheDir, shardBytes: 1 });
      },
    });
    expect(compared).toBe(false);
    expect(collection.documents.some((d) => d.clauses.some((c) => c.related.length > 0))).toBe(true);
    const { written, cached, stopped, shards } = await early!.stop({ finish: true });
    expect(stopped).toBeUndefined();
    expect([written, cached]).toEqual([documents, 0]);
    expect(shards).toHaveLength(documents);
    // found by the names the build computes from the data files
    const built = await buildSearchIndex({ dataDir, outDir: path.join(work, 'early'), shardBytes: 1, cacheDir });
    expect(built.shards).toBe(documents);
    expect(built.cachedShards).toBe(documents);
    const fresh = await buildSearchIndex({ dataDir, outDir: path.join(work, 'fresh'), shardBytes: 1 });
    expect(tree(path.join(work, 'early'))).toEqual(tree(path.join(work, 'fresh')));
    // and by the names the ingest told; a told name the cache does not have is indexed from the data as usual
    const [gone, ...kept] = shards;
    fs.rmSync(path.join(cacheDir, gone.key), { recursive: true });
    const told = await buildSearchIndex({ dataDir, outDir: path.join(work, 'told'), shardBytes: 1, cacheDir, knownShards: [gone, ...kept] });
    expect(told.cachedShards).toBe(documents - 1);
    expect(told.records).toBe(fresh.records);
    expect(tree(path.join(work, 'told'))).toEqual(tree(path.join(work, 'fresh')));
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes nothing and fails with its reason when writeAfter rejects', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-index-'));
    const failed = Promise.reject(new Error('astro build failed (exit code 1)'));
    await expect(buildSearchIndex({ dataDir, outDir, writeAfter: failed })).rejects.toThrow('astro build failed');
    expect(fs.existsSync(path.join(outDir, 'pagefind'))).toBe(false);
    fs.rmSync(outDir, { recursive: true, force: true });
  });
});
