/** The built search: one Pagefind record per article, the search page's markup, the header box. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { clauseText, searchUnits } from '../../src/site/search/records';
import { indexContent } from '../../src/site/search/tokens';
import { distFile, parseHtml, readJson, select } from './helpers';

const distDir = inject('distDir');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const page = (url: string) => parseHtml(distFile(distDir, url)!);

describe('search index', () => {
  it('has one record for every article, and for every other clause with text', () => {
    const entry = readJson<{ languages: Record<string, { page_count: number }> }>(path.join(distDir, 'pagefind', 'pagefind-entry.json'));
    const records = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    const units = index.documents
      .map((d) => readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`)))
      .flatMap((d) => searchUnits(d.clauses))
      .filter((unit) => unit.some((c) => indexContent(clauseText(c))));
    expect(records).toBe(units.length);
    // fewer than the clauses: the items and paragraphs of an article are parts of its record
    expect(records).toBeLessThan(units.flat().length);
    expect(fs.existsSync(path.join(distDir, 'pagefind', 'pagefind.js'))).toBe(true);
  });
});

describe('search page', () => {
  it('has a form that works without JavaScript, the results list, the filters and the empty state', () => {
    const tree = page('/search/');
    expect(select(tree, 'form[action="/search/"][role="search"] input[name="q"][data-search-input]').length).toBe(1);
    expect(select(tree, 'ol[data-search-results]').length).toBe(1);
    expect(select(tree, '[data-search-empty]').length).toBe(1);
    expect(select(tree, 'select[data-search-filter]').map((s) => s.properties?.name)).toEqual(['place', 'doc', 'level', 'status', 'topic']);
    expect(select(tree, 'noscript').length).toBe(1);
  });

  it('puts a search box in the header of other pages, not of home or search', () => {
    const doc = index.documents[0];
    expect(select(page(doc.url), 'header .site-search[action="/search/"] input[name="q"]').length).toBe(1);
    expect(select(page('/about/'), 'header .site-search').length).toBe(1);
    expect(select(page('/'), 'header .site-search').length).toBe(0);
    expect(select(page('/search/'), 'header .site-search').length).toBe(0);
  });
});
