/** Generalisation on real laws nobody tuned the parser for (the committed corpus sample). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { checkDocumentCounts } from '../../src/ingest/corpus-check.ts';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { CORPUS_SAMPLE } from './helpers.ts';

const sources = readdirSync(CORPUS_SAMPLE, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => relative(CORPUS_SAMPLE, join(e.parentPath, e.name)))
  .sort();
const files = sources.map((source) => ({ source, bytes: readFileSync(join(CORPUS_SAMPLE, source)) }));
const collection = await ingestCollection(files);

test('at least 99% of documents have as many articles and chapters as lines starting with 第…条 / 第…章', () => {
  const checks = files.map((f) => checkDocumentCounts(f.source, new TextDecoder().decode(f.bytes), collection.documents.filter((d) => d.source === f.source)));
  const failing = checks.filter((c) => !c.ok);
  expect(failing.length / checks.length, JSON.stringify(failing.slice(0, 5))).toBeLessThanOrEqual(0.01);
});

test('a law gets its title, its dated history lines, the date of its latest version and the body that made it', () => {
  const law = collection.documents.find((d) => d.source === '地方性法规/上海/上海市住宅物业管理规定(2010-12-23).txt')!;
  expect(law).toMatchObject({ title: '上海市住宅物业管理规定', issued: '2018-11-22', jurisdiction: '310000' });
  expect(law.history.map((h) => h.slice(0, 11))).toEqual(['2004年8月19日 ', '2010年12月23日', '2018年11月22日']);
  expect(law.issuer).toBe('上海市第十五届人民代表大会常务委员会');
  // Titles come from the first line, never from body text.
  for (const d of collection.documents) expect(d.title, d.source).not.toMatch(/[。；]$/);
});

test('local regulations are filed under their province; national laws under the country', () => {
  const provinceOf: Record<string, string> = { 上海: '310000', 北京: '110000', 山东: '370000', 广东: '440000', 河南: '410000', 浙江: '330000', 重庆: '500000' };
  for (const d of collection.documents) {
    const [category, region] = d.source.split('/');
    if (category === '地方性法规') {
      const chain = collection.jurisdictions.filter((j) => j.id === d.jurisdiction);
      // A city's regulation is filed under the city, whose code starts with its province's two digits.
      expect(d.jurisdiction.slice(0, 2), d.source).toBe(provinceOf[region!]!.slice(0, 2));
      expect(chain).toHaveLength(1);
    } else {
      expect(d.jurisdiction, d.source).toBe('100000');
    }
  }
});
