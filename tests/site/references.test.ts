/**
 * Cross-references on the built sites: citations are links (or marked as not in the
 * collection), clauses and documents list what cites them, the citations index, and the
 * chain of higher-level documents (the second build: a Beijing decision citing a national law).
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { attr, distFile, parseHtml, readJson, select, text } from './helpers';

const builds = [
  { name: 'bundled', distDir: inject('distDir'), dataDir: path.join(inject('contentRoot'), 'data') },
  { name: 'status', distDir: inject('statusDistDir'), dataDir: path.join(inject('statusContentRoot'), 'data') },
];

describe.each(builds)('$name build', ({ distDir, dataDir }) => {
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  const docs = index.documents.map((d) => readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`)));
  const page = (url: string) => parseHtml(distFile(distDir, url)!);

  it('renders every ref as a link to its target, or as a marked citation not in the collection', () => {
    for (const doc of docs) {
      const refs = doc.clauses.flatMap((c) => c.refs);
      const tree = page(doc.url);
      const links = select(tree, 'a.ref').map((a) => decodeURIComponent(attr(a, 'href')!));
      const absent = select(tree, '.ref--absent');
      const expected = refs.filter((r) => r.target).map((r) => { const [d, e] = r.target!.split('#'); return `/docs/${d}/${e ? `#${e}` : ''}`; });
      expect(links, doc.id).toEqual(expected);
      expect(absent.length, doc.id).toBe(refs.filter((r) => !r.target).length);
      for (const a of absent) expect(text(a)).toContain('本库未收录');
    }
  });

  it('lists, under each cited clause, the clauses that cite it; and the citing documents in the header', () => {
    for (const doc of docs) {
      for (const clause of doc.clauses) {
        for (const ref of clause.refs.filter((r) => r.target && !r.target.startsWith(`${doc.id}#`) && r.target !== doc.id)) {
          const [targetDoc, eId] = ref.target!.split('#');
          const target = index.documents.find((d) => d.id === targetDoc)!;
          const tree = page(target.url);
          const back = `/docs/${doc.id}/#${clause.id}`;
          if (eId) {
            const cited = select(tree, '.clause-aside__cited a').map((a) => decodeURIComponent(attr(a, 'href')!));
            expect(cited, `${ref.target} cited by ${doc.id}#${clause.id}`).toContain(back);
          }
          expect(select(tree, '.doc__cited a').map((a) => decodeURIComponent(attr(a, 'href')!))).toContain(doc.url);
        }
      }
    }
  });

  it('has a citations index: every cited instrument once, most cited first, in-collection ones linked', () => {
    const rows = select(page('/citations/'), 'tbody tr');
    const counts = rows.map((r) => Number(text(select(r, 'td')[1]!)));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const linked = select(page('/citations/'), 'tbody tr[data-cited="in"]').map((r) => decodeURIComponent(attr(select(r, 'a')[0]!, 'href')!));
    const resolvedTargets = new Set(docs.flatMap((d) => d.clauses.flatMap((c) => c.refs.filter((r) => r.target && r.target.split('#')[0] !== d.id).map((r) => `/docs/${r.target!.split('#')[0]}/`))));
    expect(new Set(linked)).toEqual(resolvedTargets);
    expect(new Set(linked).size).toBe(linked.length);
  });
});

describe('a city decision citing a national law (second build)', () => {
  const dataDir = path.join(inject('statusContentRoot'), 'data');
  const distDir = inject('statusDistDir');
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  const decision = index.documents.find((d) => d.title.startsWith('北京市人民代表大会常务委员会关于北京市应税'))!;
  const law = index.documents.find((d) => d.title === '中华人民共和国环境保护税法')!;
  it('resolves 《中华人民共和国环境保护税法》第六条第二款 to that paragraph', () => {
    const doc = readJson<Document>(path.join(dataDir, 'docs', `${decision.id}.json`));
    expect(doc.clauses.flatMap((c) => c.refs)).toContainEqual({ text: '《中华人民共和国环境保护税法》第六条第二款', target: `${law.id}#art_6__para_2`, relation: 'basis' });
  });
  it('shows the national law as the higher-level document the decision implements', () => {
    const tree = parseHtml(distFile(distDir, decision.url)!);
    expect(select(tree, '.doc__chain a').map((a) => decodeURIComponent(attr(a, 'href')!))).toEqual([law.url]);
  });
});
