/**
 * The readable diff of the diff page (src/site/compare/diff-merge.ts), on sentences of the
 * bundled documents: short unchanged runs between changes fold into one changed region,
 * longer shared wording stays unchanged, both texts come back whole, and there are far
 * fewer marks than in a raw character diff.
 */
import { describe, expect, it } from 'vitest';
import { charDiff, markCount, mergeParts, readableDiff, sameShare, sideA, sideB, type DiffPart } from '../../src/site/compare/diff-merge';
import { provisionText } from '../../src/site/compare/provision-text';
import { bigramDice } from '../../src/site/compare/examples';
import type { Clause } from '../../src/lib/types';

// 石泉县 联席会议 一、第四条第（一）项 and 鄂托克前旗 工作规则 第六条第（三）项
const shiquan = '联席会议原则上每季度召开一次，特殊情况下可临时决定召开；';
const qianqi = '原则上每季度至少召开一次工作会议，分析安全生产形势，研究解决安全生产重大问题，安排部署阶段性重点工作。会议由主任或常务副主任主持。';
// 鄂托克前旗 工作规则 第六条第（一）项
const plenary = '旗安委会实行集体讨论重大问题制度，原则上每年至少召开1次全体会议，根据工作需要不定期召开专题会议。';
// 石泉县 约谈 七、第五条第（二）项 and 鄂托克前旗 办公室工作细则 第三条第（八）项
const yuetanA = '约谈单位就有关问题提出质询，被约谈人进行答复。对约谈单位提出进一步整改措施要求，被约谈单位作出承诺。';
const yuetanB = '组织实施对生产安全事故多发、问题突出、工作不力的单位进行通报约谈、警示提醒，提出工作建议。';
// 鄂托克前旗 办公室工作细则 第十条 and 第十四条
const report1 = '及时调度掌握、综合分析各地区、各成员单位工作情况，每年向旗安委会报告一次全旗安全生产工作情况，重要工作情况及时上报。';
const report2 = '及时调度掌握、综合分析上海庙经济开发区、各镇、各成员单位工作情况，每半年向旗安委会领导同志报告一次全旗安全生产工作情况，重大问题随时报告。';

const eq = (text: string): DiffPart => ({ kind: 'equal', text });
const ch = (a: string, b: string): DiffPart => ({ kind: 'change', a, b });

describe('readableDiff', () => {
  it('keeps shared wording and marks what each text adds or drops', () => {
    expect(readableDiff(shiquan, qianqi)).toEqual([
      ch('联席会议', ''),
      eq('原则上每季度'),
      ch('', '至少'),
      eq('召开一次'),
      ch('，特殊情况下可临时决定召开；', '工作会议，分析安全生产形势，研究解决安全生产重大问题，安排部署阶段性重点工作。会议由主任或常务副主任主持。'),
    ]);
  });

  it('folds the one- and two-character coincidences of a raw character diff into the changes around them', () => {
    // raw: …会[-实行集体讨论重大问题制度，-]{+议+}原则上每[-年至少-]{+季度+}召开[-1-]{+一+}次…定[-期-]召开…
    const raw = charDiff(plenary, shiquan);
    expect(raw.filter((p) => p.kind === 'equal').map((p) => (p as { text: string }).text)).toEqual(['会', '原则上每', '召开', '次', '，', '定', '召开']);
    expect(readableDiff(plenary, shiquan)).toEqual([
      ch('旗安委会实行集体讨论重大问题制度，', '联席会议'),
      eq('原则上每'),
      ch('年至少召开1次全体会议，根据工作需要不定期召开专题会议。', '季度召开一次，特殊情况下可临时决定召开；'),
    ]);
    expect(markCount(raw)).toBe(14);
    expect(markCount(readableDiff(plenary, shiquan))).toBe(4);
  });

  it('reads two rewritten sentences as one change, not sixteen marks', () => {
    const raw = charDiff(yuetanA, yuetanB);
    const merged = readableDiff(yuetanA, yuetanB);
    expect(markCount(raw)).toBe(16);
    expect(merged).toEqual([ch(yuetanA.slice(0, -1), yuetanB.slice(0, -1)), eq('。')]);
  });

  it('leaves a close revision as a few precise changes', () => {
    const merged = readableDiff(report1, report2);
    expect(merged.filter((p) => p.kind === 'change')).toEqual([
      ch('各地', '上海庙经济开发'),
      ch('', '镇、各'),
      ch('', '半'),
      ch('', '领导同志'),
      ch('要工作情况及时上报', '大问题随时报告'),
    ]);
    expect(merged[0]).toEqual(eq('及时调度掌握、综合分析'));
    expect(sameShare(merged)).toBeGreaterThan(0.6);
  });

  it('gives both texts back whole, and nothing to mark for equal texts', () => {
    for (const [a, b] of [
      [shiquan, qianqi],
      [plenary, shiquan],
      [yuetanA, yuetanB],
      [report1, report2],
      ['', qianqi],
      [qianqi, ''],
    ]) {
      const parts = readableDiff(a, b);
      expect(sideA(parts)).toBe(a);
      expect(sideB(parts)).toBe(b);
      // no two changes and no two unchanged runs next to each other
      parts.forEach((p, i) => i > 0 && expect(p.kind).not.toBe(parts[i - 1].kind));
      expect(markCount(parts)).toBeLessThanOrEqual(markCount(charDiff(a, b)));
    }
    expect(readableDiff(report1, report1)).toEqual([eq(report1)]);
    expect(markCount(readableDiff(report1, report1))).toBe(0);
    expect(sameShare(readableDiff('', ''))).toBe(1);
  });

  it('keeps short unchanged runs at the start and end', () => {
    expect(mergeParts([eq('本'), ch('制度', '细则'), eq('施行。')])).toEqual([eq('本'), ch('制度', '细则'), eq('施行。')]);
    expect(mergeParts([ch('甲', '乙'), eq('的'), ch('丙', '丁')])).toEqual([ch('甲的丙', '乙的丁')]);
    expect(mergeParts([ch('甲', '乙'), eq('的'), ch('丙', '丁')], { minEqual: 1 })).toEqual([ch('甲', '乙'), eq('的'), ch('丙', '丁')]);
  });
});

describe('provisionText', () => {
  const clause = (id: string, parent: string | null, num: string | null, heading: string | null, text: string) =>
    ({ id, parent, num, heading, text, type: 'item', url: '', refs: [], topics: [], related: [], obligations: [] }) as Clause;
  it('is the own text, then the clauses below, one a line', () => {
    const doc = {
      clauses: [
        clause('art_6', null, '第六条', '会议制度', ''),
        clause('art_6__item_1', 'art_6', '(一)', '旗安委会全体会议', '原则上每年至少召开1次全体会议。'),
        clause('art_6__item_2', 'art_6', '(二)', null, '会议由主任主持。'),
        clause('art_7', null, '第七条', null, '其他。'),
        clause('sec_1', null, '一、', '联席会议制度', ''),
        clause('sec_1__art_1', 'sec_1', '第一条', null, '为了……，制定本制度。'),
      ],
    };
    expect(provisionText(doc, doc.clauses[4])).toBe('第一条　为了……，制定本制度。');
    expect(provisionText(doc, doc.clauses[0])).toBe('(一) 旗安委会全体会议　原则上每年至少召开1次全体会议。\n(二)会议由主任主持。');
    expect(provisionText(doc, doc.clauses[3])).toBe('其他。');
  });
});

describe('bigramDice (how the diff page preselects its examples)', () => {
  it('is 1 for the same wording, 0 for none shared, and ranks closer wording higher', () => {
    expect(bigramDice(plenary, plenary)).toBe(1);
    expect(bigramDice('甲乙丙', '丁戊己')).toBe(0);
    expect(bigramDice('', '')).toBe(0);
    // 每季度…召开一次 is shared by the two meeting rules, not by the two interview rules
    expect(bigramDice(shiquan, qianqi)).toBeGreaterThan(bigramDice(shiquan, yuetanB));
    expect(bigramDice(yuetanA, yuetanB)).toBeGreaterThan(bigramDice(yuetanA, plenary));
  });
});
