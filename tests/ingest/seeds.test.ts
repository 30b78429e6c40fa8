/** Golden expectations for the five bundled documents, written by reading them. */
import { describe, expect, test } from 'vitest';
import type { Document } from '../../src/lib/types.ts';
import { ingestBundled } from './helpers.ts';

const { documents, report } = await ingestBundled();
const bySource = (prefix: string) => documents.filter((d) => d.source.startsWith(prefix));
const count = (d: Document, type: string, parent?: string) => d.clauses.filter((c) => c.type === type && (parent === undefined || c.parent === parent)).length;
const clause = (d: Document, id: string) => {
  const c = d.clauses.find((x) => x.id === id);
  if (!c) throw new Error(`${d.id} has no clause ${id}`);
  return c;
};

describe('000: a notice carrying two rules', () => {
  const [notice, rules, office] = bySource('鄂托克前旗安全生产委员会工作规则');
  test('three documents: the notice and the two rules it issues', () => {
    expect(bySource('鄂托克前旗安全生产委员会工作规则').map((d) => d.title)).toEqual([
      '鄂托克前旗安全生产委员会关于印发《鄂托克前旗安全生产委员会工作规则》和《鄂托克前旗安全生产委员会办公室工作细则》的通知',
      '鄂托克前旗安全生产委员会工作规则',
      '鄂托克前旗安全生产委员会办公室工作细则',
    ]);
  });
  test('the notice keeps its metadata and links to the rules', () => {
    expect(notice).toMatchObject({
      id: '鄂前安发-2024-4', docNumber: '鄂前安发〔2024〕4号', issuer: '鄂托克前旗安全生产委员会', issued: '2024-05-28',
      jurisdiction: '150623', status: 'current', recipients: '上海庙经济开发区，各镇，旗安委会各成员单位',
      cc: ['抄报：市安全生产委员会办公室，旗安全生产委员会主任、副主任'], issues: [rules!.id, office!.id],
    });
    expect(notice!.sourceMeta['印发']).toBe('鄂托克前旗安全生产委员会办公室 2024年5月28日印发');
  });
  test('工作规则: 21 articles in 4 sections, items where the text has them, repeal of the 2022 rule', () => {
    expect(rules).toMatchObject({ issuedBy: notice!.id, issuer: '鄂托克前旗安全生产委员会', issued: '2024-05-28', jurisdiction: '150623', docNumber: null });
    expect(count(rules!, 'article')).toBe(21);
    expect(rules!.clauses.filter((c) => c.parent === null).map((c) => c.heading)).toEqual(['机构设置和人员组成', '主要职责', '工作制度', '其他事项']);
    expect([count(rules!, 'item', 'art_4'), count(rules!, 'item', 'art_5'), count(rules!, 'item', 'art_6'), count(rules!, 'item', 'art_12')]).toEqual([12, 7, 4, 2]);
    expect(clause(rules!, 'art_9')).toMatchObject({ num: '第九条', heading: '约谈制度', parent: 'sec_3' });
    expect(clause(rules!, 'art_6')).toMatchObject({ heading: '会议制度', text: '' });
    expect(clause(rules!, 'art_6__item_1').heading).toBe('旗安委会全体会议');
    expect(rules!.repeals).toEqual([{ title: '鄂托克前旗安全生产委员会工作规则', docNumber: '鄂前安发〔2022〕7号' }]);
  });
  test('办公室工作细则: its own 第一条…第十五条', () => {
    expect(count(office!, 'article')).toBe(15);
    expect(clause(office!, 'art_1').text).toMatch(/^鄂托克前旗安全生产委员会办公室\(以下简称旗安委会办公室\)/);
    expect(count(office!, 'item', 'art_3')).toBe(19);
  });
  test('page breaks are joined: no clause text ends mid-sentence', () => {
    expect(clause(rules!, 'art_3').text).toContain('按程序报旗委批准后，旗人民政府印发通知；');
    expect(clause(rules!, 'art_6__item_1').text).toContain('与会议主题紧密相关');
    expect(clause(rules!, 'art_8').text).toContain('组织上海庙经济开发区');
    expect(clause(office!, 'art_10').text).toContain('及时通报安全生产重大工作部署');
    for (const d of [rules!, office!]) for (const c of d.clauses) if (c.text) expect(c.text, c.id).toMatch(/[。；;：:]$/);
  });
});

describe('001: town plan with four levels and a staff list', () => {
  const [notice, plan] = bySource('铜川镇');
  test('notice metadata; the title over two lines', () => {
    expect(notice).toMatchObject({
      docNumber: '铜政发〔2022〕12号', issuer: '鄂尔多斯市东胜区铜川镇人民政府', issued: '2022-04-24', jurisdiction: '150602102',
      title: '鄂尔多斯市东胜区铜川镇人民政府关于印发《铜川镇安全生产“党政同责 一岗双责”实施方案》的通知',
    });
    expect(plan).toMatchObject({ title: '铜川镇安全生产“党政同责、一岗双责”实施方案', issuedBy: notice!.id, jurisdiction: '150602102' });
  });
  test('sections 一、…六、, items, points and subpoints', () => {
    expect(plan!.clauses.filter((c) => c.parent === null).map((c) => c.num)).toEqual([null, '一、', '二、', '三、', '四、', '五、', '六、']);
    expect(count(plan!, 'item', 'sec_3')).toBe(6);
    expect(count(plan!, 'item', 'sec_4')).toBe(7);
    expect(count(plan!, 'point', 'sec_3__item_3')).toBe(7);
    expect(count(plan!, 'subpoint', 'sec_4__item_6__point_4')).toBe(3);
  });
  test('the staff list is kept, line by line, in section 二', () => {
    const staff = plan!.clauses.filter((c) => c.id.startsWith('sec_2')).map((c) => c.text);
    expect(staff).toContain('陈雨丝  综合行政执法局干部');
    expect(staff).toContain('常务副组长：闫  旻  党委副书记、镇长');
    // 12 leaders, 12 members, and the line on the office: 25 lines.
    expect(staff.length).toBe(25);
  });
});

describe('002: city opinions, draft for comment, headings as first sentences', () => {
  const [doc] = bySource('鄂尔多斯市');
  test('metadata: draft, jurisdiction from the sidecar, attachment label', () => {
    expect(doc).toMatchObject({ title: '关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施意见', status: 'draft', jurisdiction: '150600', docNumber: null });
    expect(doc!.sourceMeta).toMatchObject({ 附件: '附件1', 稿别: '（征求意见稿）' });
  });
  test('fifteen sections whose first sentence is the heading; preamble and closing paragraph', () => {
    expect(count(doc!, 'section')).toBe(15);
    expect(clause(doc!, 'sec_1')).toMatchObject({ heading: '严格落实地方党委安全生产责任' });
    expect(clause(doc!, 'sec_1').text).toMatch(/^各级党委要牢固树立安全发展理念/);
    expect(clause(doc!, 'sec_10').heading).toBe('重拳出击开展“打非治违”');
    expect(clause(doc!, 'preamble_1').text).toMatch(/^为深入学习贯彻/);
    expect(clause(doc!, 'para_1')).toMatchObject({ parent: null });
    expect(clause(doc!, 'para_1').text).toMatch(/^各级党委和政府要把思想和行动统一/);
  });
});

describe('003: banner plan copied from a portal page', () => {
  const [notice, plan] = bySource('鄂托克旗');
  test('the metadata table feeds the fields; the mangled date 201769 loses to it', () => {
    expect(notice).toMatchObject({ docNumber: '鄂政发〔2017〕82号', issuer: '鄂托克旗人民政府', issued: '2017-06-09', jurisdiction: '150624', title: '鄂托克旗人民政府关于印发遏制重特大事故试点工作方案的通知' });
    expect(notice!.sourceMeta).toMatchObject({ 索引号: '000014349IHA001', 落款日期: '201769' });
    expect(report.problems.some((p) => p.source === notice!.source && p.message.includes('201769'))).toBe(true);
  });
  test('portal furniture is removed and reported', () => {
    const removed = report.sources.find((s) => s.source === notice!.source)!.removedLines.map((r) => r.reason);
    expect(removed).toEqual(['portal welcome line', 'portal breadcrumb']);
    expect(notice!.clauses.concat(plan!.clauses).some((c) => /欢迎|您的位置/.test(c.text))).toBe(false);
  });
  test('ASCII brackets (一), points 1., and four stages', () => {
    expect(count(plan!, 'section')).toBe(5);
    expect(count(plan!, 'item', 'sec_3')).toBe(5);
    expect(count(plan!, 'point', 'sec_3__item_1')).toBe(4);
    expect(count(plan!, 'stage', 'sec_4')).toBe(4);
    expect(clause(plan!, 'sec_5__item_1')).toMatchObject({ num: '(一)', heading: '提高认识,加强领导' });
  });
});

describe('004: ten systems, each with its own 第一条', () => {
  const [doc] = bySource('石泉县');
  test('ten sections with their article counts', () => {
    expect(doc).toMatchObject({ title: '石泉县安全生产综合监管十项制度', jurisdiction: '610922', docNumber: null, issued: null });
    const sections = doc!.clauses.filter((c) => c.parent === null);
    expect(sections.map((s) => count(doc!, 'article', s.id))).toEqual([5, 3, 4, 9, 7, 4, 9, 6, 6, 10]);
    expect(clause(doc!, 'sec_7__art_1').num).toBe('第一条');
    expect(clause(doc!, 'sec_1__art_4__item_1').text).toBe('联席会议原则上每季度召开一次，特殊情况下可临时决定召开；');
  });
});

test('every clause id is unique within its document and every url points at it', () => {
  for (const d of documents) {
    expect(new Set(d.clauses.map((c) => c.id)).size).toBe(d.clauses.length);
    for (const c of d.clauses) expect(c.url).toBe(`/docs/${d.id}/#${c.id}`);
  }
});
