/**
 * The second test build (tests/site/global-setup.ts): a collection with a repealed document
 * and a web-page source. Status and links between the two versions; the original sources,
 * an .html one included, offered for download and not taken for pages of the site.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ApiIndex, Document, IngestReport } from '../../src/lib/types';
import { attr, distFile, htmlFiles, pagePath, parseHtml, readJson, select, text } from './helpers';

const distDir = inject('statusDistDir');
const dataDir = path.join(inject('statusContentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const report = readJson<IngestReport>(path.join(dataDir, 'report.json'));
const doc = (id: string) => readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));
const page = (url: string) => parseHtml(distFile(distDir, url)!);
const links = (url: string, selector = 'a[href]') => select(page(url), selector).map((a) => decodeURIComponent(attr(a, 'href')!));

describe('a repealed document', () => {
  const old = index.documents.find((d) => d.status === 'repealed' || d.status === 'superseded');
  it('exists in the fixture collection, with what replaced it', () => {
    expect(old).toBeTruthy();
    expect(doc(old!.id).replacedBy).toBeTruthy();
  });

  it('shows its status badge and links to what replaced it; that one links back', () => {
    const by = index.documents.find((d) => d.id === doc(old!.id).replacedBy)!;
    const tree = page(old!.url);
    expect(text(select(tree, '.doc__status .badge')[0])).toBe(old!.status === 'repealed' ? '已废止' : '已被替代');
    expect(links(old!.url, '.notice--inactive a')).toEqual([by.url]);
    expect(links(by.url, '.doc__header a')).toContain(old!.url);
    // and the lists show the status
    const list = text(select(page(`/j/${old!.jurisdiction}/`), '.jpage__docs')[0]);
    expect(list).toContain(old!.status === 'repealed' ? '已废止' : '已被替代');
  });
});

describe('sources in other formats', () => {
  const html = report.sources.find((s) => s.format === 'html')!;

  it('are copied to sources/ byte for byte and linked from their documents and the report', () => {
    expect(html).toBeTruthy();
    const served = path.join(distDir, 'sources', html.source);
    const original = path.join(path.dirname(dataDir), '..', 'sources', html.source);
    expect(fs.readFileSync(served).equals(fs.readFileSync(original))).toBe(true);
    for (const id of html.documents) {
      const d = index.documents.find((x) => x.id === id)!;
      expect(links(d.url)).toContain(`/sources/${html.source}`);
    }
    expect(links('/report/')).toContain(`/sources/${html.source}`);
  });

  it('are reported with their format and every removed line with its reason', () => {
    const li = select(page('/report/'), 'li.source').find((el) => text(select(el, '.source__name')[0]).includes(html.source))!;
    const liText = text(li);
    expect(liText).toContain('网页（HTML）');
    expect(html.removedLines.length).toBeGreaterThan(0);
    for (const r of html.removedLines) expect(liText).toContain(r.line);
    expect(liText).toContain('网页的导航、页眉或页脚');
  });

  it('are not pages of the site: not in the sitemap, and served as downloads in a sandbox', () => {
    const xml = fs.readFileSync(path.join(distDir, 'sitemap.xml'), 'utf8');
    expect(xml).not.toContain('/sources/');
    expect(htmlFiles(distDir).map((f) => pagePath(distDir, f)).some((p) => p.startsWith('/sources/'))).toBe(false);
    const headers = fs.readFileSync(path.join(distDir, '_headers'), 'utf8');
    expect(headers).toMatch(/\/sources\/\*\n(\s+.+\n)*\s+Content-Security-Policy: sandbox/);
    expect(headers).toMatch(/\/sources\/\*\n(\s+.+\n)*\s+Content-Disposition: attachment/);
  });
});
