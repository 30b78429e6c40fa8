import { describe, expect, test } from 'vitest';
import { parseChineseDate } from '../../src/ingest/dates.ts';
import { findDocNumber, formatDocNumber } from '../../src/ingest/doc-number.ts';
import { documentId } from '../../src/ingest/doc-id.ts';
import { issuerFromHistory, latestHistoryDate, parseHeader, takeColophon, takeSignature } from '../../src/ingest/header.ts';
import { findJurisdiction, jurisdictionChain, resolveJurisdiction } from '../../src/ingest/jurisdiction.ts';
import { findRepeals } from '../../src/ingest/repeals.ts';
import { parseSidecar } from '../../src/ingest/sidecar.ts';
import { splitDocuments } from '../../src/ingest/split.ts';

describe('dates', () => {
  test.each([
    ['2024年5月28日', '2024-05-28'], ['2017年06月09日', '2017-06-09'], ['二〇二四年五月二十八日', '2024-05-28'],
    ['2024年5月28日印发', '2024-05-28'], ['201769', null], ['2024年13月1日', null],
  ])('%s → %s', (text, iso) => expect(parseChineseDate(text)).toBe(iso));
});

describe('文号', () => {
  test.each([
    ['鄂前安发〔2024〕4号', '鄂前安发〔2024〕4号'], ['内党办发〔2022〕4号', '内党办发〔2022〕4号'], ['应急〔2019〕78号', '应急〔2019〕78号'],
    ['鄂政发[2017]82号', '鄂政发〔2017〕82号'], ['国发（2016）32号', '国发〔2016〕32号'], ['安委办发〔2016〕 第3号', '安委办发〔2016〕3号'],
  ])('%s', (text, formatted) => expect(formatDocNumber(findDocNumber(text)!)).toBe(formatted));
});

describe('document ids', () => {
  test.each([
    [{ title: 'x', docNumber: '鄂前安发〔2024〕4号', issued: '2024-05-28' }, '鄂前安发-2024-4'],
    [{ title: '鄂托克前旗安全生产委员会工作规则', docNumber: null, issued: '2024-05-28' }, '鄂托克前旗安全生产委员会工作规则-20240528'],
    [{ title: '石泉县安全生产综合监管十项制度', docNumber: null, issued: null }, '石泉县安全生产综合监管十项制度'],
    [{ title: '铜川镇安全生产“党政同责、一岗双责”实施方案', docNumber: null, issued: null }, '铜川镇安全生产-党政同责-一岗双责-实施方案'],
  ])('%j → %s', (doc, id) => expect(documentId(doc)).toBe(id));
});

describe('jurisdictions from official division codes', () => {
  test.each([
    ['鄂托克前旗安全生产委员会', '150623', ['鄂托克前旗', '鄂尔多斯市', '内蒙古自治区', '中华人民共和国']],
    ['鄂托克旗人民政府', '150624', ['鄂托克旗', '鄂尔多斯市', '内蒙古自治区', '中华人民共和国']],
    ['鄂尔多斯市东胜区铜川镇人民政府', '150602102', ['铜川镇', '东胜区', '鄂尔多斯市', '内蒙古自治区', '中华人民共和国']],
    ['石泉县安全生产综合监管十项制度', '610922', ['石泉县', '安康市', '陕西省', '中华人民共和国']],
    ['上海口岸服务条例', '310000', ['上海市', '中华人民共和国']],
    ['北京市东城区人民政府', '110101', ['东城区', '北京市', '中华人民共和国']],
  ])('%s → %s', (text, code, names) => {
    const j = findJurisdiction(text);
    expect(j?.id).toBe(code);
    expect(jurisdictionChain(code).map((x) => x.name)).toEqual(names);
  });
  test('levels', () => {
    expect(jurisdictionChain('150602102').map((j) => j.level)).toEqual(['town', 'district', 'city', 'province', 'country']);
    expect(jurisdictionChain('150623')[0]!.level).toBe('banner');
  });
  test('a town name shared by several places (88 城关镇) counts only with its county named', () => {
    expect(findJurisdiction('城关镇人民政府')).toBeNull();
    expect(findJurisdiction('天津市武清区城关镇人民政府')?.id).toBe('120114110');
  });
  test('an editor may give a name or a code', () => {
    expect(resolveJurisdiction('鄂尔多斯市')?.id).toBe('150600');
    expect(resolveJurisdiction('150600')?.name).toBe('鄂尔多斯市');
  });
});

describe('header, signature, colophon', () => {
  test('002: attachment label, title over blank-separated lines, draft mark', () => {
    const lines = ['附件1', '', '关于进一步强化安全生产责任落实', '', '坚决防范遏制重特大事故的实施意见', '', '（征求意见稿）', '', '为深入学习贯彻习近平总书记关于安全生产的重要论述，结合我市实际，现提出如下实施意见。'];
    expect(parseHeader(lines)).toMatchObject({
      attachmentLabel: '附件1', titleLines: ['关于进一步强化安全生产责任落实', '坚决防范遏制重特大事故的实施意见'], draftMark: '（征求意见稿）', bodyStart: 8,
    });
  });
  test('a law: title, then dated history lines', () => {
    const lines = ['上海口岸服务条例', '', '2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过', '', '2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议《关于修改本市部分地方性法规的决定》第一次修正', '', '第一章  总则'];
    const h = parseHeader(lines);
    expect(h.titleLines).toEqual(['上海口岸服务条例']);
    expect(h.history).toHaveLength(2);
    expect(latestHistoryDate(h.history)).toBe('2020-05-14');
    expect(issuerFromHistory(h.history)).toBe('上海市第十五届人民代表大会常务委员会');
    expect(lines[h.bodyStart]).toBe('第一章  总则');
  });
  test('signature with a mangled date (003)', () => {
    expect(takeSignature(['现将…印发给你们,请认真组织实施。', '', '鄂托克旗人民政府', '', '201769'])).toEqual({
      rest: ['现将…印发给你们,请认真组织实施。', ''], signature: { issuerLine: '鄂托克旗人民政府', dateLine: '201769', date: null },
    });
  });
  test('colophon: 抄报 and 印发 (000)', () => {
    expect(takeColophon(['第十五条 本细则自印发之日起施行。', '', '抄报：市安全生产委员会办公室，旗安全生产委员会主任、副主任', '', '鄂托克前旗安全生产委员会办公室', '', '2024年5月28日印发'])).toEqual({
      rest: ['第十五条 本细则自印发之日起施行。'],
      colophon: { cc: ['抄报：市安全生产委员会办公室，旗安全生产委员会主任、副主任'], printed: '鄂托克前旗安全生产委员会办公室 2024年5月28日印发' },
    });
  });
  test('repeals', () => {
    expect(findRepeals('本规则自印发之日起施行，原《鄂托克前旗安全生产委员会工作规则》(鄂前安发〔2022〕7号)同时废止。')).toEqual([{ title: '鄂托克前旗安全生产委员会工作规则', docNumber: '鄂前安发〔2022〕7号' }]);
  });
  test('splitDocuments: a rule title wrapped over two lines starts its document (001)', () => {
    const parts = splitDocuments(['现将《铜川镇安全生产“党政同责、一岗双责”实施方案》印发给你们，请认真贯彻落实。', '', '铜川镇安全生产“党政同责、一岗双责”', '实施方案', '', '一、总体目标']);
    expect(parts.map((p) => [p.role, p.lines.length])).toEqual([['notice', 2], ['issued', 4]]);
  });
});

describe('sidecar metadata schema', () => {
  test('valid', () => expect(parseSidecar('jurisdiction: 鄂尔多斯市\nissued: 2022-06-01\n')).toEqual({ ok: true, value: { jurisdiction: '鄂尔多斯市', issued: '2022-06-01' } }));
  test.each([
    ['issued: 2022/6/1\n', 'issued: must be a date written YYYY-MM-DD'],
    ['status: 有效\n', 'status:'],
    ['jurisdictoin: 鄂尔多斯市\n', 'jurisdictoin'],
    ['title: [unclosed\n', 'not valid YAML'],
  ])('%s → error naming the problem', (yaml, fragment) => {
    const r = parseSidecar(yaml);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(fragment);
  });
});

describe('repeal and supersession across the collection', () => {
  const file = (source: string, text: string) => ({ source, bytes: new TextEncoder().encode(text) });
  test('a rule that repeals the one of 2022 marks it repealed, with a link both ways', async () => {
    const { ingestCollection } = await import('../../src/ingest/ingest.ts');
    const old = '鄂前安发〔2022〕7号\n\n鄂托克前旗安全生产委员会关于印发《鄂托克前旗安全生产委员会工作规则》的通知\n\n各镇：\n\n现将《鄂托克前旗安全生产委员会工作规则》印发给你们。\n\n鄂托克前旗安全生产委员会\n\n2022年3月1日\n\n鄂托克前旗安全生产委员会工作规则\n\n第一条 旧规则。\n';
    const current = '鄂托克前旗安全生产委员会工作规则\n\n第一条 新规则。\n\n第二条 本规则自印发之日起施行，原《鄂托克前旗安全生产委员会工作规则》(鄂前安发〔2022〕7号)同时废止。\n';
    const { documents } = await ingestCollection([file('old.txt', old), file('new.txt', current + '\n鄂托克前旗安全生产委员会\n\n2024年5月28日\n')]);
    const oldRule = documents.find((d) => d.source === 'old.txt' && d.issuedBy !== null)!;
    const newRule = documents.find((d) => d.source === 'new.txt')!;
    expect(oldRule).toMatchObject({ status: 'repealed', replacedBy: newRule.id });
    expect(newRule).toMatchObject({ status: 'current', replaces: [oldRule.id] });
  });
  test('two versions of a regulation: both kept, the older superseded by the newer', async () => {
    const { ingestCollection } = await import('../../src/ingest/ingest.ts');
    const law = (date: string, body: string) => `上海市住宅物业管理规定\n\n${date} 上海市人民代表大会常务委员会第一次会议通过\n\n第一条 ${body}\n`;
    const { documents } = await ingestCollection([file('a.txt', law('2010年12月23日', '旧文。')), file('b.txt', law('2018年11月22日', '新文。'))]);
    expect(documents.map((d) => [d.id, d.status, d.replacedBy])).toEqual([
      ['上海市住宅物业管理规定-20101223', 'superseded', '上海市住宅物业管理规定-20181122'],
      ['上海市住宅物业管理规定-20181122', 'current', null],
    ]);
  });
});
