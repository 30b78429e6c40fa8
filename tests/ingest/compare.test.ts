/** Topics, obligations and similar provisions, measured against the hand-labelled duties of the seeds. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { scoreComparison, type Duty } from '../../src/ingest/compare-eval.ts';
import { extractObligations } from '../../src/ingest/obligations.ts';
import { similarItems } from '../../src/ingest/similarity.ts';
import { similarityText } from '../../src/ingest/compare.ts';
import { parseTaxonomy } from '../../src/ingest/topics.ts';
import { bundledTopics, ingestBundled } from './helpers.ts';

const collection = await ingestBundled();
const duties: Duty[] = parseYaml(readFileSync('tests/fixtures/duties.yaml', 'utf8')).duties;

describe('against the hand-labelled gold standard (tests/fixtures/duties.yaml)', () => {
  const scores = scoreComparison(collection.documents, duties);
  test('the gold standard has at least 15 duties, each in two or more jurisdictions', () => {
    expect(duties.length).toBeGreaterThanOrEqual(15);
    expect(scores.perDuty.every((d) => d.pairs > 0)).toBe(true);
  });
  test('recall: at least 80% of cross-jurisdiction pairs are linked by a shared topic or a similar-provision link', () => {
    expect(scores.linked / scores.pairs).toBeGreaterThanOrEqual(0.8);
  });
  test('precision: at least 70% of the top-3 similar provisions address a duty the provision shares', () => {
    expect(scores.shown).toBeGreaterThan(50);
    expect(scores.relevant / scores.shown).toBeGreaterThanOrEqual(0.7);
  });
});

describe('topics', () => {
  test('the taxonomy has at least 25 topics, each with a description', () => {
    expect(bundledTopics().length).toBeGreaterThanOrEqual(25);
    expect(collection.topics.every((t) => t.description && t.clauses.length > 0)).toBe(true);
  });
  test('a heading passes its topic to the items under it (第六条 会议制度)', () => {
    const rules = collection.documents.find((d) => d.id === '鄂托克前旗安全生产委员会工作规则-20240528')!;
    for (const id of ['art_6', 'art_6__item_2', 'art_6__item_4']) expect(rules.clauses.find((c) => c.id === id)!.topics).toContain('huiyi');
    expect(rules.clauses.find((c) => c.id === 'art_9')!.topics).toContain('yuetan');
  });
  test('a bad taxonomy is refused with the topic and field named', () => {
    expect(() => parseTaxonomy('topics:\n  - id: Bad Id\n    name: x\n    description: y\n    match: [a]\n')).toThrow(/topics\.0\.id/);
    expect(() => parseTaxonomy('topics:\n  - id: a\n    name: x\n    description: y\n    match: ["(unclosed"]\n')).toThrow(/topics\.0\.match: "\(unclosed" is not a valid pattern/);
  });
});

describe('obligations', () => {
  const ob = (text: string) => extractObligations(text).map(({ kind, text: t, actor, action, period, count, atLeast, amount, unit }) => ({ kind, text: t, actor, action, period, count, atLeast, amount, unit }));
  test.each([
    ['旗安委会实行集体讨论重大问题制度，原则上每年至少召开1次全体会议，根据工作需要不定期召开专题会议。', { kind: 'frequency', text: '每年至少召开1次', actor: '旗安委会', action: '召开全体会议', period: '每年', count: 1, atLeast: true }],
    ['联席会议原则上每季度召开一次，特殊情况下可临时决定召开；', { kind: 'frequency', actor: '联席会议', period: '每季度', count: 1, atLeast: false }],
    ['每月至少召开一次防范较大以上安全事故的工作会议', { kind: 'frequency', period: '每月', atLeast: true, action: '召开防范较大以上安全事故的工作会议' }],
    ['负有安全生产监督管理职责的部门应当提前 15 日将联合执法行动方案书面提交县安委办', { kind: 'deadline', amount: 15, unit: '日', actor: '负有安全生产监督管理职责的部门' }],
    ['主要负责人每月至少对本单位的安全隐患进行1次全面检查', { kind: 'frequency', actor: '主要负责人', action: '对本单位的安全隐患进行全面检查' }],
  ])('%s', (text, expected) => expect(ob(text)[0]).toMatchObject(expected));
  test('dates in the year: 每年6月中旬和12月上旬', () => {
    const o = ob('负有安全生产监管职责的旗安委会成员单位，每年6月中旬和12月上旬分别向旗安委会书面报告安全生产半年、全年履职情况');
    expect(o[0]).toMatchObject({ kind: 'date', text: '每年6月中旬', actor: '负有安全生产监管职责的旗安委会成员单位' });
  });
  test('the meeting frequencies of four jurisdictions are found in the seeds', () => {
    const found = collection.documents.flatMap((d) => d.clauses.flatMap((c) => c.obligations.filter((o) => o.kind === 'frequency' && /会议|常委会|常务会/.test(`${o.actor}${o.action}`)).map(() => d.jurisdiction)));
    expect(new Set(found)).toEqual(new Set(['150623', '610922', '150602102', '150600']));
  });
});

describe('similarItems', () => {
  const items = [
    { group: 0, text: '对排查发现的重大隐患实行挂牌督办，整改到位后销号。' },
    { group: 0, text: '对排查发现的重大隐患实行挂牌督办，整改到位后销号。' },
    { group: 1, text: '对重大事故隐患实行挂牌督办，整改到位后由行业主管部门验收销号。' },
    { group: 2, text: '联席会议原则上每季度召开一次，特殊情况下可临时决定召开。' },
  ];
  test('links only to other groups, best first, above the threshold', async () => {
    const r = await similarItems(items, { threshold: 0.05 });
    // Items 0 and 1 share rare words only with each other (same group): the link to item 2 is still found.
    expect(r[0]!.map((x) => x.index)).toEqual([2]);
    expect(r[2]!.map((x) => x.index)).toEqual([0, 1]);
    expect(r[3]).toEqual([]);
  });
});

describe('similarItems on worker threads', () => {
  test('gives the same links, in the same order with the same scores, on one, two or three threads', async () => {
    const groups = new Map<string, number>();
    const items = collection.documents.flatMap((doc) => {
      const children = new Map<string, typeof doc.clauses>();
      for (const c of doc.clauses) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
      if (!groups.has(doc.jurisdiction)) groups.set(doc.jurisdiction, groups.size);
      return doc.clauses.map((clause) => ({ group: groups.get(doc.jurisdiction)!, text: similarityText(clause, children) }));
    });
    const one = await similarItems(items, { threads: 1, threshold: 0.1 });
    expect(one.filter((r) => r.length > 0).length).toBeGreaterThan(items.length / 10);
    expect(await similarItems(items, { threads: 2, threshold: 0.1 })).toEqual(one);
    expect(await similarItems(items, { threads: 3, threshold: 0.1 })).toEqual(one);
  });
});
