import { describe, expect, test } from 'vitest';
import { parseNumeral } from '../../src/ingest/numerals.ts';
import { matchNumbering } from '../../src/ingest/numbering.ts';

describe('parseNumeral', () => {
  test.each([
    ['一', 1], ['十', 10], ['十五', 15], ['二十一', 21], ['一百', 100], ['一百零五', 105],
    ['一百二十', 120], ['二〇二四', 2024], ['12', 12], ['两', 2],
  ])('%s → %i', (input, expected) => expect(parseNumeral(input)).toBe(expected));
  test('not a numeral', () => expect(parseNumeral('条')).toBeNull());
});

describe('matchNumbering on real lines', () => {
  test.each([
    ['第一章  总则', 'chapter', 1, '第一章', '总则'],
    ['第一章总则', 'chapter', 1, '第一章', '总则'],
    ['第五章“上海文化”品牌建设', 'chapter', 5, '第五章', '“上海文化”品牌建设'],
    ['第四节 扬尘污染防治', 'section', 4, '第四节', '扬尘污染防治'],
    ['第一编 总则', 'part', 1, '第一编', '总则'],
    ['第一分编 通则', 'subpart', 1, '第一分编', '通则'],
    ['第二十一条 本规则自印发之日起施行', 'article', 21, '第二十一条', '本规则自印发之日起施行'],
    ['第一百二十条之一 资助恐怖活动组织', 'article', 120, '第一百二十条之一', '资助恐怖活动组织'],
    ['一、机构设置和人员组成', 'heading1', 1, '一、', '机构设置和人员组成'],
    ['十一、坚决整治执法检查宽松软问题。', 'heading1', 11, '十一、', '坚决整治执法检查宽松软问题。'],
    ['(十二)承办旗委、旗政府交办的其他事项。', 'item', 12, '(十二)', '承办旗委、旗政府交办的其他事项。'],
    ['（一）分析研判安全生产形势，研究应对措施；', 'item', 1, '（一）', '分析研判安全生产形势，研究应对措施；'],
    ['1.认真贯彻党和国家有关安全生产的方针', 'point', 1, '1.', '认真贯彻党和国家有关安全生产的方针'],
    ['（1）发现问题，不留死角；', 'subpoint', 1, '（1）', '发现问题，不留死角；'],
    ['③加强巡查', 'subitem', 3, '③', '加强巡查'],
    ['第一阶段:动员部署(2017年5月-8月)。', 'stage', 1, '第一阶段', '动员部署(2017年5月-8月)。'],
    ['附件1', 'attachment', 1, '附件1', ''],
  ])('%s', (line, kind, value, num, rest) => {
    expect(matchNumbering(line)).toMatchObject({ kind, value, num, rest });
  });

  test.each([
    '1.5万元以下的罚款',
    '第三章规定的情形',
    '2022年4月24日',
    '为加强对我镇辖区内安全生产工作的监督管理',
  ])('not numbering: %s', (line) => {
    expect(matchNumbering(line)).toBeNull();
  });
});
