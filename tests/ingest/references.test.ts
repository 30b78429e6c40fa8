/** Citations on real sentences from the seeds and the corpus, and their resolution. */
import { describe, expect, test } from 'vitest';
import { extractCitations, findShortNames } from '../../src/ingest/citations.ts';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { normaliseCitedTitle } from '../../src/ingest/references.ts';

const pick = (text: string, names?: Map<string, string>) =>
  extractCitations(text, names).map(({ start: _s, end: _e, ...c }) => c);

describe('extractCitations', () => {
  test('nested <> inside 《》, with the 文号 in full-width brackets after it (002)', () => {
    expect(pick('深化落实《内蒙古自治区党委办公厅 自治区人民政府办公厅印发<关于进一步强化安全生产责任落实坚决防范遏制重特大事故的意见>的通知》（内党办发〔2022〕4号）要求')).toEqual([{
      kind: 'title', title: '内蒙古自治区党委办公厅 自治区人民政府办公厅印发<关于进一步强化安全生产责任落实坚决防范遏制重特大事故的意见>的通知',
      docNumber: '内党办发〔2022〕4号', text: '《内蒙古自治区党委办公厅 自治区人民政府办公厅印发<关于进一步强化安全生产责任落实坚决防范遏制重特大事故的意见>的通知》（内党办发〔2022〕4号）',
    }]);
  });
  test('nested 〈〉 (corpus: 关于修改〈上海市住宅物业管理规定〉的决定)', () => {
    expect(pick('上海市第十五届人民代表大会常务委员会第七次会议《关于修改〈上海市住宅物业管理规定〉的决定》第一次修正')).toMatchObject([{ kind: 'title', title: '关于修改〈上海市住宅物业管理规定〉的决定' }]);
  });
  test('文号 in 〔〕, [] and （） brackets', () => {
    expect(pick('按照应急〔2019〕78号、鄂政发[2016]78号和国发（2016）32号文件要求').map((c) => c.docNumber)).toEqual(['应急〔2019〕78号', '鄂政发〔2016〕78号', '国发〔2016〕32号']);
  });
  test('a repeal names the title and the 文号 in ASCII brackets (000)', () => {
    expect(pick('本规则自印发之日起施行，原《鄂托克前旗安全生产委员会工作规则》(鄂前安发〔2022〕7号)同时废止。')).toEqual([{
      kind: 'title', title: '鄂托克前旗安全生产委员会工作规则', docNumber: '鄂前安发〔2022〕7号', relation: 'repeal',
      text: '《鄂托克前旗安全生产委员会工作规则》(鄂前安发〔2022〕7号)',
    }]);
  });
  test('basis for every title listed after 根据 (003)', () => {
    const text = '根据《国务院安委会办公室关于印发标本兼治遏制重特大事故工作指南的通知》(安委办发〔2016〕3号)《内蒙古自治区安委会关于印发内蒙古自治区防范和遏制重特大事故工作方案的通知》(内安委〔2016〕8号)和《鄂尔多斯市人民政府办公厅关于印发鄂尔多斯市遏制重特大事故试点工作方案的通知》(鄂府办发〔2017〕74号)精神';
    expect(pick(text).map((c) => [c.docNumber, c.relation])).toEqual([['安委办发〔2016〕3号', 'basis'], ['内安委〔2016〕8号', 'basis'], ['鄂府办发〔2017〕74号', 'basis']]);
  });
  test('execution by another rule (000, 第九条)', () => {
    expect(pick('具体约谈方式、程序等按照《鄂托克前旗安全生产约谈办法》执行。')).toMatchObject([{ title: '鄂托克前旗安全生产约谈办法', relation: 'execution' }]);
  });
  test('本条例第N条第N款第N项, 前款, 前条', () => {
    expect(pick('违反本条例第十九条第二款第（三）项规定的').length).toBe(1);
    expect(pick('违反本条例第十九条第二款第三项规定的')).toEqual([{ kind: 'self', text: '本条例第十九条第二款第三项', pinpoint: { article: 19, paragraph: 2, item: 3 } }]);
    expect(pick('依照本法第一百二十条之一的规定')).toMatchObject([{ kind: 'self', pinpoint: { article: 120, articleSub: 1 } }]);
    expect(pick('有前款规定情形的，依照前条处理。').map((c) => c.relative)).toEqual(['previousParagraph', 'previousArticle']);
  });
  test('a citation of another law with an article', () => {
    expect(pick('依照《中华人民共和国安全生产法》第二十一条的规定')).toMatchObject([{ title: '中华人民共和国安全生产法', pinpoint: { article: 21 }, relation: 'basis', text: '《中华人民共和国安全生产法》第二十一条' }]);
  });
  test('short names defined in the text: 以下简称 and 下称', () => {
    const text = '深入贯彻落实《中华人民共和国安全生产法》（以下简称安全生产法）和《中共中央国务院关于推进安全生产领域改革发展的意见》(中发〔2016〕32号,下称《意见》)。';
    const names = findShortNames(text);
    expect(names).toEqual(new Map([['安全生产法', '中华人民共和国安全生产法'], ['意见', '中共中央国务院关于推进安全生产领域改革发展的意见']]));
    expect(pick('生产经营单位违反安全生产法第二十一条的', names)).toMatchObject([{ kind: 'title', title: '中华人民共和国安全生产法', pinpoint: { article: 21 } }]);
    expect(pick('贯彻落实《意见》,负有安全监管执法职责的', names)).toMatchObject([{ title: '中共中央国务院关于推进安全生产领域改革发展的意见', text: '《意见》' }]);
  });
  test('a 文号 after a verb keeps only the issuer code', () => {
    expect(pick('按照《鄂托克旗人民政府关于印发苏木镇及安委会成员单位安全生产工作职责规定的通知》(鄂政发〔2016〕78号),根据鄂政发〔2016〕78号文件')).toMatchObject([{ docNumber: '鄂政发〔2016〕78号' }, { kind: 'docNumber', text: '鄂政发〔2016〕78号' }]);
  });
});

test('normalised titles', () => {
  expect(normaliseCitedTitle('中华人民共和国安全生产法')).toBe(normaliseCitedTitle('安全生产法'));
  expect(normaliseCitedTitle('中华人民共和国安全生产法（2021年修正）')).toBe('安全生产法');
  expect(normaliseCitedTitle('铜川镇安全生产“党政同责、一岗双责”实施方案')).toBe('铜川镇安全生产党政同责、一岗双责实施方案');
});

describe('resolution against the collection', async () => {
  const file = (source: string, text: string) => ({ source, bytes: new TextEncoder().encode(text) });
  const law = '中华人民共和国安全生产法\n\n2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议第三次修正\n\n第一章 总则\n\n第一条 为了加强安全生产工作，制定本法。\n\n第二章 生产经营单位的安全生产保障\n\n第二十一条 生产经营单位的主要负责人对本单位安全生产工作负有下列职责：\n\n（一）建立健全并落实本单位全员安全生产责任制；\n\n（二）组织制定并实施本单位安全生产规章制度和操作规程。\n\n第二十二条 生产经营单位的全员安全生产责任制应当明确各岗位的责任人员。\n\n违反本法第二十一条第（二）项规定的，依照前款处理。\n';
  const city = '某市安全生产条例\n\n2022年1月1日 某市人民代表大会常务委员会第一次会议通过\n\n第一条 根据《中华人民共和国安全生产法》（以下简称安全生产法），制定本条例。\n\n第二条 生产经营单位主要负责人应当履行安全生产法第二十一条规定的职责。\n\n第三条 违反本条例第二条规定的，依照《安全生产法》第二十二条处理；本条例第九条另有规定的除外。\n\n第四条 依照《中华人民共和国消防法》执行。\n';
  const c = await ingestCollection([file('law.txt', law), file('city.txt', city)]);
  const [lawDoc, cityDoc] = [c.documents.find((d) => d.source === 'law.txt')!, c.documents.find((d) => d.source === 'city.txt')!];
  const refs = (id: string) => cityDoc.clauses.find((x) => x.id === id)!.refs;
  test('by full title, by short name, by normalised title, down to the article', () => {
    expect(refs('art_1')).toEqual([{ text: '《中华人民共和国安全生产法》', target: lawDoc.id, relation: 'basis' }]);
    expect(refs('art_2')).toEqual([{ text: '安全生产法第二十一条', target: `${lawDoc.id}#art_21` }]);
    expect(refs('art_3')).toEqual([
      { text: '本条例第二条', target: `${cityDoc.id}#art_2` },
      { text: '《安全生产法》第二十二条', target: `${lawDoc.id}#art_22`, relation: 'basis' },
      { text: '本条例第九条', target: null },
    ]);
  });
  test('what is not in the collection stays a reference with target null', () => {
    expect(refs('art_4')).toEqual([{ text: '《中华人民共和国消防法》', target: null, relation: 'execution' }]);
  });
  test('an item of an article and 前款 inside the cited law', () => {
    expect(lawDoc.clauses.find((x) => x.id === 'art_22__para_2')!.refs).toEqual([
      { text: '本法第二十一条第（二）项', target: `${lawDoc.id}#art_21__item_2` },
      { text: '前款', target: `${lawDoc.id}#art_22` },
    ]);
  });
});
