/**
 * The built site (made once by tests/site/global-setup.ts from the bundled content root, or
 * TIAOWEN_CONTENT when set), checked against the ingest's data files: the JSON API, one
 * page per document and per jurisdiction with what each must show, the report, the about
 * page, sitemap.xml, robots.txt, the downloadable sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'astro/zod';
import type { ApiIndex, Document, IngestReport, Jurisdiction } from '../../src/lib/types';
import { formatDate, statusLabel } from '../../src/site/format';
import { attr, distFile, htmlFiles, idsOf, pagePath, parseHtml, readJson, select, text } from './helpers';

const contentRoot = inject('contentRoot');
const sourcesDir = inject('sourcesDir');
const outDir = inject('distDir');
const siteOrigin = inject('siteOrigin');
const dataDir = path.join(contentRoot, 'data');

const nullableString = z.string().nullable();
const apiIndexSchema = z.strictObject({
  documents: z.array(
    z.strictObject({
      id: z.string().min(1),
      title: z.string().min(1),
      jurisdiction: z.string().min(1),
      docNumber: nullableString,
      issuer: nullableString,
      issued: nullableString,
      status: z.string().min(1),
      source: z.string(),
      url: z.string().startsWith('/docs/'),
    }),
  ),
  jurisdictions: z.array(
    z.strictObject({ id: z.string().min(1), name: z.string().min(1), level: z.string().min(1), parent: nullableString }),
  ),
  topics: z.array(
    z.strictObject({ id: z.string().min(1), name: z.string().min(1), description: z.string().optional(), clauses: z.array(z.string()) }),
  ),
});

let index: ApiIndex;
let docIds: string[];
const page = (url: string) => {
  const file = distFile(outDir, url);
  if (!file) throw new Error(`no page for ${url} in ${outDir}`);
  return parseHtml(file);
};
const hrefs = (url: string, selector = 'a[href]') => select(page(url), selector).map((a) => decodeURIComponent(attr(a, 'href')!));
const descendants = (id: string): Set<string> => {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const j of index.jurisdictions) {
      if (j.parent && out.has(j.parent) && !out.has(j.id)) {
        out.add(j.id);
        grew = true;
      }
    }
  }
  return out;
};
const chainOf = (id: string): Jurisdiction[] => {
  const byId = new Map(index.jurisdictions.map((j) => [j.id, j]));
  const chain: Jurisdiction[] = [];
  for (let j = byId.get(id); j; j = j.parent ? byId.get(j.parent) : undefined) chain.unshift(j);
  return chain;
};

beforeAll(() => {
  index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  docIds = fs.readdirSync(path.join(dataDir, 'docs')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
});

describe('JSON API', () => {
  it('serves /api/index.json with the ApiIndex shape, listing every document', () => {
    const api = readJson<unknown>(path.join(outDir, 'api', 'index.json'));
    const parsed = apiIndexSchema.safeParse(api);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(api).toEqual(index);
    const listed = new Set((api as ApiIndex).documents.map((d) => d.id));
    expect([...listed].sort()).toEqual([...docIds].sort());
  });

  it('serves /api/docs/<id>.json equal to data/docs/<id>.json for every document', () => {
    expect(docIds.length).toBeGreaterThan(0);
    for (const id of docIds) {
      const served = path.join(outDir, 'api', 'docs', `${id}.json`);
      expect(fs.existsSync(served), served).toBe(true);
      expect(readJson(served), id).toEqual(readJson(path.join(dataDir, 'docs', `${id}.json`)));
    }
  });
});

describe('document pages', () => {
  it('renders every document at its url, with an element, a permalink and a citation path per clause', () => {
    for (const summary of index.documents) {
      const tree = page(summary.url);
      const pageIds = [...select(tree, '[id]').map((el) => attr(el, 'id')!)];
      const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
      const missing = doc.clauses.map((c) => c.id).filter((id) => !pageIds.includes(id));
      expect(missing, `clauses without an element in ${summary.url}`).toEqual([]);
      const dupes = pageIds.filter((id, i) => pageIds.indexOf(id) !== i);
      expect(dupes, `duplicate ids in ${summary.url}`).toEqual([]);
      const permalinks = new Set(select(tree, 'a.permalink').map((a) => attr(a, 'href')));
      const tools = new Map(select(tree, '.clause__tools[data-eid]').map((el) => [attr(el, 'dataEid'), attr(el, 'dataCite')]));
      for (const clause of doc.clauses) {
        expect(clause.url, clause.id).toBe(`${summary.url}#${clause.id}`);
        expect(permalinks.has(`#${clause.id}`), `permalink for ${clause.id}`).toBe(true);
        expect(tools.has(clause.id), `citation data for ${clause.id}`).toBe(true);
      }
    }
  });

  it('shows title, 文号, issuer, date, status, the jurisdiction trail, and the citation data', () => {
    for (const summary of index.documents) {
      const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
      const tree = page(summary.url);
      const [header] = select(tree, '.doc__header');
      const headerText = text(header);
      expect(text(select(tree, 'h1')[0])).toBe(doc.title);
      if (doc.docNumber) expect(headerText).toContain(doc.docNumber);
      if (doc.issuer) expect(headerText).toContain(doc.issuer);
      if (doc.issued) expect(headerText).toContain(formatDate(doc.issued));
      expect(text(select(tree, '.doc__status .badge')[0])).toBe(statusLabel(doc.status));
      const trail = select(tree, '.doc__header nav.crumbs a').map((a) => decodeURIComponent(attr(a, 'href')!));
      for (const j of chainOf(doc.jurisdiction).filter((j) => j.level !== 'country')) expect(trail, summary.id).toContain(`/j/${j.id}/`);
      const [article] = select(tree, 'article.doc');
      expect(attr(article, 'dataCiteTitle')).toBe(doc.title);
      expect(attr(article, 'dataCiteUrl')).toBe(new URL(doc.url, siteOrigin).href);
      if (doc.status === 'draft') expect(text(select(tree, '.notice--draft')[0])).toContain('征求意见稿');
    }
  });

  it('offers the original source for download, byte for byte, and the JSON', () => {
    for (const summary of index.documents) {
      const links = hrefs(summary.url);
      expect(links, summary.id).toContain(`/sources/${summary.source}`);
      expect(links, summary.id).toContain(`/api/docs/${summary.id}.json`);
      const served = path.join(outDir, 'sources', summary.source);
      expect(fs.readFileSync(served).equals(fs.readFileSync(path.join(sourcesDir, summary.source))), summary.source).toBe(true);
    }
  });

  it('has a table of contents linking to clauses of the page', () => {
    const withToc = index.documents.filter((d) => select(page(d.url), 'nav.toc').length > 0);
    expect(withToc.length).toBeGreaterThan(0);
    for (const d of withToc) {
      const tree = page(d.url);
      const ids = idsOf(tree);
      const links = select(tree, 'nav.toc a').map((a) => attr(a, 'href')!);
      expect(links.length).toBeGreaterThan(2);
      for (const href of links) expect(ids.has(href.slice(1)), `${d.id} ${href}`).toBe(true);
      expect(select(tree, 'nav.toc details summary').length, 'collapsible').toBe(1);
    }
  });
});

describe('jurisdiction pages', () => {
  it('gives every jurisdiction a page listing its documents and those below it, with its children', () => {
    for (const j of index.jurisdictions) {
      const url = `/j/${j.id}/`;
      const tree = page(url);
      expect(text(select(tree, 'h1')[0])).toBe(j.name);
      const links = hrefs(url);
      const under = descendants(j.id);
      const docs = index.documents.filter((d) => under.has(d.jurisdiction));
      for (const d of docs) expect(links, `${url} → ${d.id}`).toContain(d.url);
      for (const other of index.documents.filter((d) => !under.has(d.jurisdiction))) {
        expect(select(tree, '.jpage__docs a').map((a) => decodeURIComponent(attr(a, 'href')!)), `${url} must not list ${other.id}`).not.toContain(other.url);
      }
      for (const child of index.jurisdictions.filter((c) => c.parent === j.id)) expect(links, `${url} → child ${child.id}`).toContain(`/j/${child.id}/`);
      const crumbs = select(tree, 'nav.crumbs li').map((li) => text(li));
      expect(crumbs.at(-1)).toBe(j.name);
      expect(crumbs).toEqual(['首页', ...chainOf(j.id).filter((c) => c.level !== 'country' || c.id === j.id).map((c) => c.name)]);
      const items = select(tree, '.jpage__docs .doclist__item');
      expect(items.length, url).toBe(docs.length);
      for (const d of docs) {
        const item = items.find((li) => select(li, 'a').some((a) => decodeURIComponent(attr(a, 'href')!) === d.url))!;
        const itemText = text(item);
        if (d.docNumber) expect(itemText).toContain(d.docNumber);
        if (d.issued) expect(itemText).toContain(formatDate(d.issued));
        expect(itemText).toContain(statusLabel(d.status));
      }
    }
  });
});

describe('home page', () => {
  it('shows the jurisdiction tree with counts, the newest documents, and ways into search and comparison', () => {
    const tree = page('/');
    const links = hrefs('/');
    for (const j of index.jurisdictions.filter((j) => j.level !== 'country')) expect(links, j.id).toContain(`/j/${j.id}/`);
    const treeText = text(select(tree, '.home__regions')[0]);
    for (const j of index.jurisdictions.filter((j) => j.level !== 'country')) {
      const total = index.documents.filter((d) => descendants(j.id).has(d.jurisdiction)).length;
      expect(treeText).toContain(`${j.name}`);
      expect(treeText).toContain(`${total} 件`);
    }
    const newest = [...index.documents].filter((d) => d.issued).sort((a, b) => b.issued!.localeCompare(a.issued!))[0];
    expect(select(tree, '.home__docs a').map((a) => decodeURIComponent(attr(a, 'href')!))).toContain(newest.url);
    expect(select(tree, 'form[action="/search/"] input[name="q"]').length).toBe(1);
    expect(links).toContain('/search/');
    const compareExists = fs.existsSync(path.join(outDir, 'compare', 'index.html'));
    expect(links.includes('/compare/')).toBe(compareExists);
    if (!compareExists) expect(text(tree)).toContain('条文对比');
  });
});

describe('report, about, sitemap, robots, 404', () => {
  it('reports every source with its format, documents, removed lines and problems', () => {
    const report = readJson<IngestReport>(path.join(dataDir, 'report.json'));
    const tree = page('/report/');
    const sources = select(tree, 'li.source');
    expect(sources.length).toBe(report.sources.length);
    for (const [i, s] of report.sources.entries()) {
      const li = sources[i];
      const liText = text(li);
      expect(text(select(li, '.source__name')[0])).toContain(s.source);
      expect(liText).toContain(s.format);
      const docLinks = select(li, 'a').map((a) => decodeURIComponent(attr(a, 'href')!));
      for (const id of s.documents) expect(docLinks, `${s.source} → ${id}`).toContain(index.documents.find((d) => d.id === id)?.url ?? `/docs/${id}/`);
      for (const r of s.removedLines) expect(liText).toContain(r.line.replace(/\s+/g, ' ').trim());
      for (const p of report.problems.filter((p) => p.source === s.source)) expect(liText).toContain(p.message);
    }
    const problems = text(select(tree, '.problems')[0] ?? tree);
    for (const p of report.problems) expect(problems).toContain(p.message);
  });

  it('describes the site, the API and the licence on /about/, linked from every page footer', () => {
    const about = text(page('/about/'));
    for (const s of ['/api/index.json', '/api/docs/', 'DocumentSummary', 'Jurisdiction', 'Clause', '著作权法', '第五条']) expect(about).toContain(s);
    for (const file of htmlFiles(outDir)) {
      const footer = select(parseHtml(file), 'footer.site-footer a').map((a) => attr(a, 'href'));
      expect(footer, file).toContain('/about/');
      expect(footer, file).toContain('/api/index.json');
    }
  });

  it('lists every page in sitemap.xml with absolute URLs, and points robots.txt at it', () => {
    const xml = fs.readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    const pages = htmlFiles(outDir)
      .map((f) => pagePath(outDir, f))
      .filter((p) => p !== '/404.html');
    expect(locs.map((l) => decodeURI(new URL(l).pathname)).sort()).toEqual(pages.sort());
    for (const l of locs) expect(new URL(l).origin).toBe(siteOrigin);
    expect(fs.readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${siteOrigin}/sitemap.xml`);
  });

  it('builds the search and 404 pages and the Pagefind index of the documents', () => {
    for (const p of ['search/index.html', '404.html', 'pagefind/pagefind-entry.json']) {
      expect(fs.existsSync(path.join(outDir, p)), p).toBe(true);
    }
    const entry = readJson<{ languages: Record<string, { page_count: number }> }>(path.join(outDir, 'pagefind', 'pagefind-entry.json'));
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    // one record per clause (counted exactly in tests/site/search.test.ts)
    expect(pages).toBeGreaterThanOrEqual(index.documents.length);
    expect(text(page('/404.html'))).toContain('未找到页面');
  });
});

describe('markup', () => {
  it('emits zh-CN pages without inline scripts, inline event handlers or javascript: URLs', () => {
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(index.documents.length);
    for (const file of files) {
      const html = fs.readFileSync(file, 'utf8');
      const rel = path.relative(outDir, file);
      expect(html, rel).toMatch(/<html lang="zh-CN"/);
      const tree = parseHtml(file);
      const handlers = select(tree, '*').flatMap((el) => Object.keys(el.properties ?? {}).filter((k) => /^on[A-Z]/.test(k)).map((k) => `${el.tagName}[${k}]`));
      expect(handlers, `inline event handlers in ${rel}`).toEqual([]);
      const inline = select(tree, 'script').filter((s) => !attr(s, 'src'));
      expect(inline.length, `inline <script> in ${rel}`).toBe(0);
      const jsUrls = select(tree, '[href], [src], [action]').filter((el) => /^\s*javascript:/i.test(attr(el, 'href') ?? attr(el, 'src') ?? attr(el, 'action') ?? ''));
      expect(jsUrls.length, `javascript: URLs in ${rel}`).toBe(0);
      for (const s of select(tree, 'script[src]')) {
        if (attr(s, 'src')!.startsWith('/_astro/')) expect(attr(s, 'type'), `${rel}: bundled scripts are modules`).toBe('module');
      }
    }
  });

  it('gives every page one h1, headings without skipped levels, landmarks and a skip link to main', () => {
    for (const file of htmlFiles(outDir)) {
      const rel = path.relative(outDir, file);
      const tree = parseHtml(file);
      expect(select(tree, 'h1').length, `${rel}: h1`).toBe(1);
      const levels = select(tree, 'h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
      levels.forEach((level, i) => {
        if (i > 0) expect(level, `${rel}: heading ${i} (h${level}) after h${levels[i - 1]}`).toBeLessThanOrEqual(levels[i - 1] + 1);
      });
      expect(select(tree, 'main#main').length, `${rel}: main`).toBe(1);
      expect(select(tree, 'body > header').length, `${rel}: banner`).toBe(1);
      expect(select(tree, 'body > footer').length, `${rel}: contentinfo`).toBe(1);
      expect(select(tree, 'nav[aria-label]').length, `${rel}: nav`).toBeGreaterThan(0);
      const first = select(tree, 'body a[href]')[0];
      expect(attr(first, 'href'), `${rel}: skip link`).toBe('#main');
      expect(attr(select(tree, 'html')[0], 'lang')).toBe('zh-CN');
      expect(text(select(tree, 'title')[0]).length).toBeGreaterThan(0);
      for (const button of select(tree, 'button')) {
        expect(text(button) || attr(button, 'ariaLabel'), `${rel}: button name`).toBeTruthy();
      }
      for (const input of select(tree, 'input:not([type=hidden])')) {
        const id = attr(input, 'id');
        expect(Boolean(id && select(tree, `label[for="${id}"]`).length) || Boolean(attr(input, 'ariaLabel')), `${rel}: input label`).toBe(true);
      }
    }
  });
});
