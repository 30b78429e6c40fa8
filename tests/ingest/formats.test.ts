/** Every common input format, and every kind of bad file, handled without loss. */
import { readFileSync } from 'node:fs';
import { Document as DocxDocument, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/ingest/decode.ts';
import { readSource } from '../../src/ingest/formats.ts';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { hanCounts, missingHan } from './helpers.ts';

const FIXTURES = 'tests/fixtures/inputs';
const seed004 = readFileSync('content/sources/石泉县安全生产综合监管十项制度.txt', 'utf8');
const seed000 = readFileSync('content/sources/鄂托克前旗安全生产委员会工作规则和办公室工作细则-鄂前安发〔2024〕4号.txt', 'utf8');
const utf8 = (text: string) => new TextEncoder().encode(text);
const clauseTexts = async (source: string, bytes: Uint8Array) =>
  (await ingestCollection([{ source, bytes }])).documents.flatMap((d) => d.clauses.map((c) => `${c.id} ${c.num} ${c.heading} ${c.text}`));

describe('text encodings are detected, not guessed', () => {
  const plain = seed004.replace(/\u00a0/g, ' ');
  const bom = (prefix: number[], body: Uint8Array) => new Uint8Array([...prefix, ...body]);
  const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
  const utf16be = (s: string) => { const b = Buffer.from(s, 'utf16le'); b.swap16(); return new Uint8Array(b); };
  test.each([
    ['UTF-8', utf8(plain), 'utf-8'],
    ['UTF-8 with BOM', bom([0xef, 0xbb, 0xbf], utf8(plain)), 'utf-8'],
    ['GB18030', new Uint8Array(iconv.encode(plain, 'gb18030')), 'gb18030'],
    ['GBK', new Uint8Array(iconv.encode(plain, 'gbk')), 'gb18030'],
    ['UTF-16LE with BOM', bom([0xff, 0xfe], utf16le(plain)), 'utf-16le'],
    ['UTF-16BE with BOM', bom([0xfe, 0xff], utf16be(plain)), 'utf-16be'],
  ])('%s', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: plain, encoding });
  });
  test.each([['CRLF', '\r\n'], ['CR', '\r'], ['LF', '\n']])('%s line endings give the same clauses', async (_name, eol) => {
    const expected = await clauseTexts('a.txt', utf8(plain));
    expect(await clauseTexts('a.txt', utf8(plain.replace(/\n/g, eol)))).toEqual(expected);
  });
  test('a GBK file from an older system (committed fixture) gives the same clauses as its UTF-8 text', async () => {
    const bytes = readFileSync(`${FIXTURES}/gbk-county-rules.txt`);
    const text = iconv.decode(bytes, 'gbk');
    expect(text.startsWith('石泉县安全生产综合监管十项制度')).toBe(true);
    expect(await clauseTexts('gbk.txt', bytes)).toEqual(await clauseTexts('gbk.txt', utf8(text)));
  });
});

describe('.docx (Word) keeps paragraph boundaries', () => {
  test('seed 000 as a Word file gives the same three documents and clauses as the text', async () => {
    const paragraphs = seed000.split('\n').map((line) => new Paragraph({ text: line }));
    const bytes = new Uint8Array(await Packer.toBuffer(new DocxDocument({ sections: [{ children: paragraphs }] })));
    const fromWord = await ingestCollection([{ source: 'rules.docx', bytes }]);
    const fromText = await ingestCollection([{ source: 'rules.txt', bytes: utf8(seed000) }]);
    expect(fromWord.report.sources[0]!.format).toBe('docx');
    expect(fromWord.documents.map((d) => d.title)).toEqual(fromText.documents.map((d) => d.title));
    expect(fromWord.documents.map((d) => d.clauses.map((c) => [c.id, c.text]))).toEqual(fromText.documents.map((d) => d.clauses.map((c) => [c.id, c.text])));
  });
});

describe('.html pages saved from a government portal', async () => {
  const html = readFileSync(`${FIXTURES}/portal-page.html`);
  const c = await ingestCollection([{ source: 'portal-page.html', bytes: html }]);
  const [notice, plan] = c.documents;
  test('the article is kept as two documents; the metadata table feeds the fields', () => {
    expect(c.documents).toHaveLength(2);
    expect(notice).toMatchObject({ title: '鄂托克旗人民政府关于印发遏制重特大事故试点工作方案的通知', docNumber: '鄂政发〔2017〕82号', issued: '2017-06-09', issuer: '鄂托克旗人民政府', jurisdiction: '150624' });
    expect(notice!.sourceMeta).toMatchObject({ 索引号: '000014349IHA001', 分类: '其他 ; 业务工作' });
    expect(plan!.title).toBe('鄂托克旗遏制重特大事故试点工作方案');
    expect(plan!.clauses.map((x) => x.id)).toEqual(['preamble_1', 'sec_1', 'sec_2', 'sec_2__item_1', 'sec_2__item_1__point_1', 'sec_2__item_1__point_2', 'sec_2__item_1__point_2__para_2', 'sec_2__item_2', 'sec_2__item_2__point_1']);
    // A <br> inside a paragraph is kept as a line break: the line after it is the next paragraph of the point.
    expect(plan!.clauses.find((x) => x.id === 'sec_2__item_1__point_2__para_2')!.text).toBe('消除监管盲区和漏洞。');
  });
  test('navigation, breadcrumbs, header, footer and scripts are dropped, and reported', () => {
    const all = JSON.stringify(c.documents);
    for (const furniture of ['欢迎来到', '您的位置', '互动交流', '版权所有', '分享到', '打印本页', '_hmt', 'color:red']) expect(all).not.toContain(furniture);
    const reasons = c.report.sources[0]!.removedLines.map((r) => r.line);
    expect(reasons).toEqual(expect.arrayContaining(['首页', '主办单位:鄂托克旗人民政府办公室 版权所有']));
  });
  test('every Han character of the article reaches the output', () => {
    const article = /<div id="zoom"[^]*?<\/div>/.exec(html.toString())![0].replace(/<[^>]+>/g, '');
    expect(missingHan(article, JSON.stringify(c.documents))).toEqual({});
  });
});

describe('.md in the style of open law collections', async () => {
  const c = await ingestCollection([{ source: 'law-collection.md', bytes: readFileSync(`${FIXTURES}/law-collection.md`) }]);
  const [law] = c.documents;
  test('title, history lines, chapters and articles; the INFO comment is reported', () => {
    expect(law).toMatchObject({ title: '中华人民共和国安全生产法', issued: '2021-06-10', jurisdiction: '100000' });
    expect(law!.history).toHaveLength(2);
    expect(law!.clauses.map((x) => x.id)).toEqual(['chp_1', 'art_1', 'art_2', 'chp_2', 'art_21', 'art_21__item_1', 'art_21__item_2', 'art_21__item_3', 'art_22', 'art_22__para_2']);
    expect(c.report.sources[0]!.removedLines).toEqual([{ line: '<!-- INFO END -->', reason: 'markdown comment' }]);
    expect(c.report.problems).toEqual([]);
  });
});

describe('bad input: a clear message naming the file, and the rest still builds', async () => {
  const good = { source: 'good.txt', bytes: utf8(seed004) };
  const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256 | 0x80);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const bad = [
    { source: 'empty.txt', bytes: new Uint8Array(), message: 'file is empty' },
    { source: 'blank.txt', bytes: utf8(' \n\u3000\n\t\n'), message: 'file is empty (or holds only whitespace)' },
    { source: 'picture.txt', bytes: png, message: 'binary file' },
    { source: 'garbled.txt', bytes: random, message: 'text is neither UTF-8 nor GB18030' },
    { source: 'controls.txt', bytes: new Uint8Array(2048).map((_, i) => 1 + (i % 8)), message: 'binary or garbled content' },
    { source: 'scan.pdf', bytes: utf8('%PDF-1.4'), message: 'PDF files are not supported' },
    { source: 'old.doc', bytes: utf8('x'), message: 'old Word .doc files are not supported; save the file as .docx' },
    { source: 'notes.xyz', bytes: utf8('x'), message: 'unsupported file type ".xyz"' },
    { source: 'broken.docx', bytes: utf8('not a zip'), message: 'not a readable .docx file' },
  ];
  const c = await ingestCollection([good, ...bad.map(({ source, bytes }) => ({ source, bytes }))]);
  test.each(bad)('$source: $message', ({ source, message }) => {
    const problems = c.report.problems.filter((p) => p.source === source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error' });
    expect(problems[0]!.message).toContain(message);
    expect(c.documents.filter((d) => d.source === source)).toEqual([]);
  });
  test('the good file is built in full beside them', () => {
    expect(c.documents.map((d) => d.source)).toEqual(['good.txt']);
    expect(c.documents[0]!.clauses.filter((x) => x.type === 'article')).toHaveLength(63);
  });
  test('a sidecar that fails its schema is reported and the source is built without it', async () => {
    const r = await ingestCollection([{ ...good, sidecarText: 'issued: 2022/6/1\nstatus: 有效\n', sidecarName: 'good.txt.meta.yaml' }]);
    expect(r.report.problems).toEqual([{ source: 'good.txt.meta.yaml', severity: 'error', message: expect.stringContaining('issued: must be a date written YYYY-MM-DD') }]);
    expect(r.report.problems[0]!.message).toContain('status:');
    expect(r.documents).toHaveLength(1);
  });
  test('a file with no recognisable structure is kept as plain paragraphs, with a warning', async () => {
    const text = '关于做好冬季安全生产工作的提醒\n\n请各单位加强值班值守，及时排查隐患。\n\n遇有情况及时报告。';
    const r = await ingestCollection([{ source: 'memo.txt', bytes: utf8(text) }]);
    expect(r.documents[0]!.clauses.map((x) => [x.type, x.text])).toEqual([['preamble', '请各单位加强值班值守，及时排查隐患。'], ['preamble', '遇有情况及时报告。']]);
    expect(r.report.problems).toContainEqual(expect.objectContaining({ source: 'memo.txt', severity: 'warning', message: expect.stringContaining('no numbered provisions') }));
  });
  test('two files whose documents would get the same id both stay, with a warning naming both', async () => {
    const r = await ingestCollection([{ source: 'a/rules.txt', bytes: utf8(seed004) }, { source: 'b/rules.txt', bytes: utf8(seed004) }]);
    expect(r.documents.map((d) => d.id)).toEqual(['石泉县安全生产综合监管十项制度', '石泉县安全生产综合监管十项制度-2']);
    expect(r.report.problems).toEqual([expect.objectContaining({ source: 'b/rules.txt', message: expect.stringContaining('a/rules.txt') })]);
  });
});

test('hanCounts helper counts, not just finds', () => expect(hanCounts('条条文')).toEqual(new Map([['条', 2], ['文', 1]])));
