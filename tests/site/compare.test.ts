/**
 * The comparison pages of the built site, checked against index.json and the documents'
 * data: the /compare/ matrix (counts per topic and jurisdiction, columns in tree order,
 * links to the topic pages), one page per topic with every clause of the topic exactly
 * once (nested under an ancestor that carries the topic), columns in tree order, the
 * obligation rows, the 对比 links to the diff page, and the diff page itself.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Element } from 'hast';
import type { ApiIndex, Document, Jurisdiction } from '../../src/lib/types';
import { attr, distFile, parseHtml, readJson, select, text } from './helpers';

const outDir = inject('distDir');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const docs = new Map(index.documents.map((d) => [d.id, readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`))]));
const docJurisdiction = new Map(index.documents.map((d) => [d.id, d.jurisdiction]));
const names = new Map(index.jurisdictions.map((j) => [j.id, j.name]));
const splitKey = (key: string) => [key.slice(0, key.lastIndexOf('#')), key.slice(key.lastIndexOf('#') + 1)] as const;

const page = (url: string) => {
  const file = distFile(outDir, url);
  if (!file) throw new Error(`no page for ${url}`);
  return parseHtml(file);
};

// province → city → county/banner → town, siblings by code (computed here, independently of the site code)
function treeOrder(js: Jurisdiction[]): string[] {
  const out: string[] = [];
  const walk = (parent: string | null) => {
    for (const j of js.filter((x) => x.parent === parent).sort((a, b) => a.id.localeCompare(b.id))) {
      out.push(j.id);
      walk(j.id);
    }
  };
  walk(null);
  return out;
}
const order = treeOrder(index.jurisdictions);

/** counts[topic][jurisdiction]: clauses of the topic (index.json) in documents of the jurisdiction */
const counts = new Map(
  index.topics.map((t) => {
    const m = new Map<string, number>();
    for (const key of t.clauses) {
      const j = docJurisdiction.get(splitKey(key)[0])!;
      m.set(j, (m.get(j) ?? 0) + 1);
    }
    return [t.id, m];
  }),
);

describe('/compare/', () => {
  const tree = page('/compare/');

  it('is linked from the home page', () => {
    expect(select(page('/'), 'a[href="/compare/"]').length).toBeGreaterThan(0);
  });

  it('has one column per jurisdiction with provisions, in tree order', () => {
    const present = new Set([...counts.values()].flatMap((m) => [...m.keys()]));
    const columns = select(tree, '.cmp-matrix__table thead th[data-j]').map((th) => attr(th, 'dataJ'));
    expect(columns).toEqual(order.filter((id) => present.has(id)));
    expect(columns.length).toBeGreaterThan(1);
    for (const th of select(tree, '.cmp-matrix__table thead th[data-j]')) expect(text(th)).toContain(names.get(attr(th, 'dataJ')!)!);
  });

  it('shows, for every topic and jurisdiction, the number of the topic’s clauses in that jurisdiction', () => {
    const rows = select(tree, '.cmp-matrix__table tbody tr[data-topic]');
    expect(rows.map((r) => attr(r, 'dataTopic'))).toEqual(index.topics.map((t) => t.id));
    let nonZero = 0;
    for (const row of rows) {
      const topic = attr(row, 'dataTopic')!;
      for (const cell of select(row, 'td[data-j]')) {
        const j = attr(cell, 'dataJ')!;
        const expected = counts.get(topic)!.get(j) ?? 0;
        expect(Number(attr(cell, 'dataCount')), `${topic} × ${j}`).toBe(expected);
        const link = select(cell, 'a')[0];
        if (expected === 0) {
          expect(link, `${topic} × ${j}: no link`).toBeUndefined();
        } else {
          nonZero += 1;
          expect(text(link)).toBe(String(expected));
          expect(attr(link, 'href')).toBe(`/compare/${topic}/?j=${j}#j-${j}`);
        }
      }
      const topicLink = select(row, 'th a')[0];
      expect(attr(topicLink, 'href')).toBe(`/compare/${topic}/`);
    }
    expect(nonZero).toBeGreaterThan(index.topics.length);
  });
});

describe('topic pages', () => {
  it.each(index.topics.map((t) => [t.name, t] as const))('%s: every clause of the topic once, in its jurisdiction’s column', (_name, topic) => {
    const tree = page(`/compare/${topic.id}/`);
    expect(text(select(tree, 'h1')[0])).toBe(topic.name);
    const columns = select(tree, '[data-cols] > section.cmp-col');
    const columnIds = columns.map((c) => attr(c, 'dataJ')!);
    const expectedColumns = order.filter((id) => (counts.get(topic.id)!.get(id) ?? 0) > 0);
    expect(columnIds).toEqual(expectedColumns);
    // the checkboxes name the same jurisdictions, in the same order, all checked
    const boxes = select(tree, '[data-picker] input[type="checkbox"]');
    expect(boxes.map((b) => attr(b, 'value'))).toEqual(expectedColumns);
    expect(boxes.every((b) => b.properties?.checked != null && b.properties.checked !== false)).toBe(true);

    const seen: string[] = [];
    for (const column of columns) {
      const j = attr(column, 'dataJ')!;
      expect(attr(column, 'id')).toBe(`j-${j}`);
      expect(text(select(column, 'h2')[0])).toContain(names.get(j)!);
      for (const li of select(column, 'li.cmp-prov')) {
        const key = attr(li, 'dataKey')!;
        seen.push(key);
        const [docId, eId] = splitKey(key);
        expect(docJurisdiction.get(docId), key).toBe(j);
        const clause = docs.get(docId)!.clauses.find((c) => c.id === eId)!;
        // its number links to the clause, and its own text is shown
        const num = select(li, ':scope > .cmp-prov__text > a.cmp-prov__num')[0];
        expect(attr(num, 'href'), key).toBe(clause.url);
        const own = text(select(li, ':scope > .cmp-prov__text')[0]);
        if (clause.text) expect(own, key).toContain(clause.text.replace(/\s+/g, ' ').trim());
        if (clause.heading) expect(own, key).toContain(clause.heading);
      }
    }
    // exactly the topic's clauses, each once
    expect([...seen].sort()).toEqual([...topic.clauses].sort());

    // a clause with an ancestor on the topic is nested inside that ancestor, not repeated at the top
    for (const li of select(tree, 'li.cmp-prov')) {
      const key = attr(li, 'dataKey')!;
      const [docId, eId] = splitKey(key);
      const doc = docs.get(docId)!;
      const byId = new Map(doc.clauses.map((c) => [c.id, c]));
      let ancestor: string | undefined;
      for (let p = byId.get(eId)?.parent; p; p = byId.get(p)?.parent ?? null) {
        if (topic.clauses.includes(`${docId}#${p}`)) {
          ancestor = p;
          break;
        }
      }
      const nestedIn = select(tree, 'li.cmp-prov').filter((outer) => outer !== li && select(outer, 'li.cmp-prov').includes(li));
      const parentLi = nestedIn.at(-1);
      if (ancestor) expect(parentLi && attr(parentLi, 'dataKey'), key).toBe(`${docId}#${ancestor}`);
      else expect(parentLi, key).toBeUndefined();
    }
  });

  it('lists the obligations of the topic’s clauses: jurisdiction, actor, action, frequency, and the clause', () => {
    let total = 0;
    for (const topic of index.topics) {
      const tree = page(`/compare/${topic.id}/`);
      const rows = select(tree, '.cmp-obl tbody tr');
      total += rows.length;
      const withObligations = topic.clauses.filter((key) => {
        const [docId, eId] = splitKey(key);
        return (docs.get(docId)!.clauses.find((c) => c.id === eId)!.obligations ?? []).length > 0;
      });
      // every clause with obligations has a row, and every row is one of the clause's obligations
      expect(new Set(rows.map((r) => attr(r, 'dataKey')))).toEqual(new Set(withObligations));
      for (const row of rows) {
        const key = attr(row, 'dataKey')!;
        const [docId, eId] = splitKey(key);
        const clause = docs.get(docId)!.clauses.find((c) => c.id === eId)!;
        const cells = select(row, 'td').map(text);
        expect(cells[0]).toBe(names.get(docJurisdiction.get(docId)!));
        expect(attr(row, 'dataJ')).toBe(docJurisdiction.get(docId));
        expect(
          clause.obligations.some((o) => cells[1] === (o.actor ?? '未写明') && cells[2] === (o.action ?? '未写明') && cells[3].includes(o.text)),
          `${key}: ${cells.join(' | ')}`,
        ).toBe(true);
        expect(attr(select(row, 'td a')[0], 'href')).toBe(clause.url);
      }
      // rows in tree order of their jurisdictions
      const ranks = rows.map((r) => order.indexOf(attr(r, 'dataJ')!));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(total).toBeGreaterThan(0);
  });

  it('会议制度 shows the meeting frequencies of 鄂托克前旗, 石泉县 and 铜川镇', () => {
    const rows = select(page('/compare/huiyi/'), '.cmp-obl tbody tr').map((r) => select(r, 'td').map(text));
    const has = (place: string, actor: string, action: string | null, when: string) =>
      rows.some((c) => c[0] === place && c[1] === actor && (action == null || c[2] === action) && c[3].includes(when));
    expect(has('鄂托克前旗', '旗安委会', '召开全体会议', '每年至少召开1次'), JSON.stringify(rows)).toBe(true);
    expect(has('石泉县', '联席会议', null, '每季度召开一次')).toBe(true);
    expect(has('铜川镇', '未写明', null, '每月至少召开一次')).toBe(true);
  });

  it('links a provision to a diff with a similar provision shown in another column', () => {
    let links = 0;
    for (const topic of index.topics) {
      const tree = page(`/compare/${topic.id}/`);
      const shown = new Map(select(tree, 'li.cmp-prov').map((li) => [attr(li, 'dataKey')!, li]));
      for (const a of select(tree, 'a.cmp-diff-link')) {
        links += 1;
        const href = attr(a, 'href')!;
        expect(href).toMatch(/^\/compare\/diff\/\?a=[^&#]+&b=[^&#]+$/);
        const params = new URL(href, 'https://x.invalid').searchParams;
        const from = params.get('a')!;
        const to = params.get('b')!;
        // the ids' Han characters are written as they are, only the "#" encoded
        expect(href).toBe(`/compare/diff/?a=${from.replace('#', '%23')}&b=${to.replace('#', '%23')}`);
        const li = (select(tree, 'li.cmp-prov') as Element[]).find((x) => select(x, ':scope > .cmp-prov__compare a.cmp-diff-link').includes(a))!;
        expect(attr(li, 'dataKey')).toBe(from);
        expect(shown.has(to), `${from} → ${to} is shown`).toBe(true);
        expect(docJurisdiction.get(splitKey(to)[0])).not.toBe(docJurisdiction.get(splitKey(from)[0]));
        // the first similar provision that the page shows in another column
        const [docId, eId] = splitKey(from);
        const related = docs.get(docId)!.clauses.find((c) => c.id === eId)!.related;
        expect(related.find((k) => shown.has(k) && docJurisdiction.get(splitKey(k)[0]) !== docJurisdiction.get(docId))).toBe(to);
      }
    }
    expect(links).toBeGreaterThan(10);
  });
});

describe('/compare/diff/', () => {
  const tree = page('/compare/diff/');
  it('loads a module script, explains itself without JavaScript, and offers example pairs', () => {
    const scripts = select(tree, 'script[src]');
    expect(scripts.some((s) => attr(s, 'type') === 'module')).toBe(true);
    expect(text(select(tree, 'noscript')[0] ?? tree)).toContain('JavaScript');
    const examples = select(tree, '.diff-examples a');
    expect(examples.length).toBeGreaterThan(0);
    for (const a of examples) {
      const params = new URL(attr(a, 'href')!, 'https://x.invalid').searchParams;
      for (const key of [params.get('a')!, params.get('b')!]) {
        const [docId, eId] = splitKey(key);
        expect(docs.get(docId)?.clauses.some((c) => c.id === eId), key).toBe(true);
      }
    }
    // the names of the jurisdictions for the page's script
    expect(JSON.parse(attr(select(tree, '[data-diff]')[0], 'dataPlaces')!)).toEqual(Object.fromEntries(names));
  });
});
