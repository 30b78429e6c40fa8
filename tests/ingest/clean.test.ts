import { describe, expect, test } from 'vitest';
import { cleanText, joinPageBreaks, parseTableLine } from '../../src/ingest/clean.ts';

describe('joinPageBreaks', () => {
  test('joins a line broken at a page break (000, 第三条)', () => {
    const lines = ['第三条 担任旗安委会主任、副主任的同志人选调整，或组织架构、主要任务、运行机制变更，按程序报旗委批准后，旗', '', '人民政府印发通知；其他成员需要调整的，由所在单位向旗安委会办公室提出，按程序报旗安委会主任批准。'];
    expect(joinPageBreaks(lines)).toEqual({
      lines: ['第三条 担任旗安委会主任、副主任的同志人选调整，或组织架构、主要任务、运行机制变更，按程序报旗委批准后，旗人民政府印发通知；其他成员需要调整的，由所在单位向旗安委会办公室提出，按程序报旗安委会主任批准。'],
      joins: 1,
    });
  });
  test('does not join a heading to the next numbered line', () => {
    const lines = ['鄂托克前旗安全生产委员会办公室工作细则', '', '一、机构性质和人员组成'];
    expect(joinPageBreaks(lines).lines).toEqual(lines);
  });
  test('does not join a finished sentence', () => {
    const lines = ['第七条 建立联络员制度。定期组织学习、交流情况、研究问题。联络员由成员单位和有关部门科级干部担任。', '', '第八条 考核巡查督导检查'];
    expect(joinPageBreaks(lines).joins).toBe(0);
  });
  test('does not join a cc line to the issuer and date that follow it', () => {
    const lines = ['抄报：市安全生产委员会办公室，旗安全生产委员会主任、副主任', '', '鄂托克前旗安全生产委员会办公室', '', '2024年5月28日印发'];
    expect(joinPageBreaks(lines).lines).toEqual(lines);
  });
});

describe('cleanText', () => {
  test('removes Word bookmark debris and keeps the line around it', () => {
    const cleaned = cleanText('实施方案》的通知\n[bookmark: _GoBack]\n镇直各部门，各村民委员会，辖区各企业：');
    expect(cleaned.lines).toEqual(['实施方案》的通知', '镇直各部门，各村民委员会，辖区各企业：']);
    expect(cleaned.removed).toEqual([{ line: '[bookmark: _GoBack]', reason: 'word-processor export debris' }]);
  });
  test('removes portal furniture (003) and reads the metadata table into fields', () => {
    const text = [
      '• 您好,欢迎来到鄂托克旗人民政府门户网站!', '',
      '您的位置:首页 > 信息公开目录 > 部门(单位)信息公开目录 > 政府办公室', '',
      '鄂托克旗人民政府关于印发遏制重特大事故试点工作方案的通知', '',
      '索 引 号: 000014349IHA001/ 分  类: 其他 ; 业务工作',
      '发布机构:鄂托克旗人民政府 发文日期:2017年06月09日',
      '文  号: 鄂政发〔2017〕82号 主 题 词:',
      '各苏木镇人民政府,各经济开发区(园区)管委会,旗(市)直各有关部门,各大企事业单位:   ',
    ].join('\n');
    const cleaned = cleanText(text);
    expect(cleaned.lines.filter((l) => l !== '')).toEqual([
      '鄂托克旗人民政府关于印发遏制重特大事故试点工作方案的通知',
      '各苏木镇人民政府,各经济开发区(园区)管委会,旗(市)直各有关部门,各大企事业单位:',
    ]);
    expect(cleaned.removed.map((r) => r.reason)).toEqual(['portal welcome line', 'portal breadcrumb']);
    expect(cleaned.table).toEqual({ 索引号: '000014349IHA001', 分类: '其他 ; 业务工作', 发布机构: '鄂托克旗人民政府', 发文日期: '2017年06月09日', 文号: '鄂政发〔2017〕82号', 主题词: '' });
  });
  test('strips the bold marks a conversion put around title lines (000)', () => {
    expect(cleanText('**鄂托克前旗安全生产委员会关于印发\n工作细则》的通知**').lines).toEqual(['鄂托克前旗安全生产委员会关于印发', '工作细则》的通知']);
  });
});

describe('parseTableLine', () => {
  test('a body line is not a table line', () => expect(parseTableLine('经旗人民政府研究同意,现将《鄂托克旗遏制重特大事故试点工作方案》印发给你们')).toBeNull());
});
