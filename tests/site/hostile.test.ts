/**
 * Source text is data (second build, with 恶意文本测试规定.txt): text that looks like MDX,
 * JSX, HTML or JavaScript is kept verbatim in the data API, escaped in the HTML, and never
 * run: the marker file its expressions try to write never appears.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { distFile, htmlFiles, parseHtml, readJson, select, text } from './helpers';
import { indexTokens, encodeToken } from '../../src/site/search/tokens';
import { read } from '../search/pagefind-run';

const distDir = inject('statusDistDir');
const contentRoot = inject('statusContentRoot');
const index = readJson<ApiIndex>(path.join(contentRoot, 'data', 'index.json'));
const summary = index.documents.find((d) => d.title === '恶意文本测试规定')!;

describe('hostile text', () => {
  const lines = fs.readFileSync('tests/site/fixtures/status-sources/恶意文本测试规定.txt', 'utf8').split('\n').filter((l) => /^第|^export/.test(l));
  it('is in the data API verbatim', () => {
    const doc = readJson<Document>(path.join(distDir, 'api', 'docs', `${summary.id}.json`));
    const all = doc.clauses.map((c) => `${c.num ?? ''} ${c.text}`.trim());
    for (const line of lines) {
      const body = line.replace(/^第.条 /, '');
      expect(all.some((t) => t.endsWith(body)), body).toBe(true);
    }
  });
  it('is escaped in the HTML: no script, no handler, no javascript: link, no forged clause', () => {
    const file = distFile(distDir, summary.url)!;
    const html = fs.readFileSync(file, 'utf8');
    const tree = parseHtml(file);
    expect(select(tree, 'img[onerror]')).toEqual([]);
    expect(select(tree, 'a[href^="javascript:"]')).toEqual([]);
    expect(select(tree, '[id="art_99"]')).toEqual([]);
    expect(select(tree, 'script').every((s) => !text(s).includes('pwned'))).toBe(true);
    expect(html).toContain('&lt;script&gt;document.title=');
    // Exactly as written: not even the quotes are changed.
    expect(text(tree)).toContain(`<script>document.title='pwned'</script>与<img src=x onerror="document.title='pwned'">均为文字。`);
  });
  it('is searchable in scripts other than Han: every word of the index plain ASCII, the others written as codes', () => {
    const entry = readJson<{ languages: Record<string, { hash: string }> }>(path.join(distDir, 'pagefind', 'pagefind-entry.json'));
    const words = new Set<string>();
    for (const { hash } of Object.values(entry.languages)) {
      const [, , chunks] = read(path.join(distDir, 'pagefind', `pagefind.${hash}.pf_meta`));
      for (const [, , chunk] of chunks) for (const [word] of read(path.join(distDir, 'pagefind', 'index', `${chunk}.pf_index`))[0]) words.add(word);
    }
    expect([...words].filter((w) => !/^[0-9a-z]+$/.test(w))).toEqual([]);
    const tokens = indexTokens('Café、Ελληνικά、한국어与ÅNGSTRÖM');
    expect(tokens).toContain('caf');
    for (const token of tokens) expect(words.has(encodeToken(token)), token).toBe(true);
  });
  it('never ran: no marker file anywhere', () => {
    for (const dir of [process.cwd(), distDir, contentRoot, path.dirname(distDir)]) {
      expect(fs.existsSync(path.join(dir, 'tiaowen-pwned-marker.txt')), dir).toBe(false);
    }
  });
  it('no page of any build has an inline event handler or a javascript: URL', () => {
    for (const dir of [distDir, inject('distDir')]) {
      for (const file of htmlFiles(dir)) {
        const html = fs.readFileSync(file, 'utf8');
        expect(/<[^>]+\son[a-z]+\s*=/i.test(html), file).toBe(false);
        expect(/(href|src|action)\s*=\s*["']?\s*javascript:/i.test(html), file).toBe(false);
      }
    }
  });
});

describe('nothing changed on the way to the page', () => {
  it.each([
    ['bundled', inject('distDir'), inject('contentRoot')],
    ['second', distDir, contentRoot],
  ])('%s build: every clause text appears verbatim in its page', (_name, dist, root) => {
    const idx = readJson<ApiIndex>(path.join(root, 'data', 'index.json'));
    for (const s of idx.documents) {
      const doc = readJson<Document>(path.join(root, 'data', 'docs', `${s.id}.json`));
      // The note beside a citation not in the collection is the site's, not the source's.
      const page = text(parseHtml(distFile(dist, s.url)!)).replaceAll('（本库未收录）', '');
      for (const c of doc.clauses) expect(page.includes(c.text.replace(/\s+/g, ' ').trim()), `${s.id}#${c.id}`).toBe(true);
    }
  });
});
