import { describe, expect, test } from 'vitest';
import { assignEids } from '../../src/ingest/eids.ts';
import { buildClauseTree, splitHeading } from '../../src/ingest/structure.ts';

const ids = (lines: string[]) => assignEids(buildClauseTree(lines)).map((c) => `${c.id}<${c.parent ?? ''}`);

describe('splitHeading', () => {
  test.each([
    ['heading1', '机构设置和人员组成', { heading: '机构设置和人员组成', text: '' }],
    ['heading1', '严格落实地方党委安全生产责任。各级党委要牢固树立安全发展理念，', { heading: '严格落实地方党委安全生产责任', text: '各级党委要牢固树立安全发展理念，' }],
    ['heading1', '重拳出击开展“打非治违”。加大执法检查力度，', { heading: '重拳出击开展“打非治违”', text: '加大执法检查力度，' }],
    ['item', '提高认识,加强领导', { heading: '提高认识,加强领导', text: '' }],
    ['item', '联席会议原则上每季度召开一次，特殊情况下可临时决定召开；', { heading: null, text: '联席会议原则上每季度召开一次，特殊情况下可临时决定召开；' }],
    ['article', '约谈制度。对贯彻落实党中央、国务院、自治区、市关于安全生产方针政策', { heading: '约谈制度', text: '对贯彻落实党中央、国务院、自治区、市关于安全生产方针政策' }],
    ['article', '会议制度', { heading: '会议制度', text: '' }],
    ['article', '本条例适用于本市行政区域。其他法律另有规定的，从其规定。', { heading: null, text: '本条例适用于本市行政区域。其他法律另有规定的，从其规定。' }],
  ] as const)('%s %s', (kind, rest, expected) => expect(splitHeading(kind, rest)).toEqual(expected));
});

describe('buildClauseTree + assignEids', () => {
  test('articles under 一、 headings, items under articles (000)', () => {
    expect(ids(['一、机构设置和人员组成', '第一条 甲。', '第二条 乙。', '二、主要职责', '第三条 丙：', '(一)丁；', '(二)戊。', '第四条 己。'])).toEqual([
      'sec_1<', 'art_1<sec_1', 'art_2<sec_1', 'sec_2<', 'art_3<sec_2', 'art_3__item_1<art_3', 'art_3__item_2<art_3', 'art_4<sec_2',
    ]);
  });
  test('numbering that restarts in each section is qualified by the section (004)', () => {
    expect(ids(['一、安全生产联席会议制度', '第一条 甲。', '第二条 乙。', '二、工作计划备案检查制度', '第一条 丙。'])).toEqual([
      'sec_1<', 'sec_1__art_1<sec_1', 'sec_1__art_2<sec_1', 'sec_2<', 'sec_2__art_1<sec_2',
    ]);
  });
  test('four levels 一、（一）1.（1） (001)', () => {
    expect(ids(['四、责任', '（六）村委员会安全责任', '4.要求：', '（1）发现问题，不留死角；', '（2）及时上报，控制有力；', '（七）企业单位安全责任'])).toEqual([
      'sec_4<', 'sec_4__item_6<sec_4', 'sec_4__item_6__point_4<sec_4__item_6',
      'sec_4__item_6__point_4__subpoint_1<sec_4__item_6__point_4', 'sec_4__item_6__point_4__subpoint_2<sec_4__item_6__point_4',
      'sec_4__item_7<sec_4',
    ]);
  });
  test('chapters, paragraphs (款) of an article, and a 款 after its items', () => {
    expect(ids(['第一章 总则', '第一条 甲。', '乙。', '第二章 管理', '第二条 丙：', '（一）丁；', '（二）戊。', '前款规定的己。'])).toEqual([
      'chp_1<', 'art_1<chp_1', 'art_1__para_2<art_1', 'chp_2<', 'art_2<chp_2', 'art_2__item_1<art_2', 'art_2__item_2<art_2', 'art_2__para_2<art_2',
    ]);
  });
  test('text before numbering is a preamble; a closing paragraph after one-paragraph sections is the document\'s (002)', () => {
    expect(ids(['为深入学习贯彻……现提出如下实施意见。', '一、严格落实地方党委安全生产责任。各级党委要……', '二、严格落实地方政府安全生产责任。各级政府要……', '各级党委和政府要……'])).toEqual([
      'preamble_1<', 'sec_1<', 'sec_2<', 'para_1<',
    ]);
  });
  test('a heading-only line takes the next unnumbered line as its text', () => {
    const [c] = assignEids(buildClauseTree(['一、总体目标', '防止和减少安全生产事故。']));
    expect(c!.node).toMatchObject({ num: '一、', heading: '总体目标', text: '防止和减少安全生产事故。' });
  });
});
