/**
 * Link checker over the whole built site: every internal href/src/action in every HTML page
 * (parsed with rehype-parse) — percent-decoded — points to a file in dist, and every
 * fragment names an element id in the target page. Both builds are checked: the bundled
 * collection and the one with a repealed document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { attr, distFile, htmlFiles, idsOf, pagePath, parseHtml, select } from './helpers';

const ATTRS: [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['form[action]', 'action'],
];

type Broken = { page: string; url: string; problem: string };

function checkSite(distDir: string): { checked: number; broken: Broken[] } {
  const broken: Broken[] = [];
  let checked = 0;
  for (const file of htmlFiles(distDir)) {
    const from = pagePath(distDir, file);
    const tree = parseHtml(file);
    for (const [selector, name] of ATTRS) {
      for (const el of select(tree, selector)) {
        const raw = attr(el, name)!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) continue; // external (http:, mailto:…)
        const url = new URL(raw, `https://site.invalid${encodeURI(from)}`);
        if (url.origin !== 'https://site.invalid') continue;
        checked += 1;
        let target: string | null;
        try {
          target = distFile(distDir, url.pathname);
        } catch (error) {
          broken.push({ page: from, url: raw, problem: `cannot decode: ${(error as Error).message}` });
          continue;
        }
        if (!target) {
          broken.push({ page: from, url: raw, problem: 'no such file' });
          continue;
        }
        if (url.hash.length > 1) {
          if (!target.endsWith('.html')) {
            broken.push({ page: from, url: raw, problem: 'fragment on a non-HTML file' });
            continue;
          }
          const id = decodeURIComponent(url.hash.slice(1));
          if (!idsOf(parseHtml(target)).has(id)) broken.push({ page: from, url: raw, problem: `no element #${id} in ${pagePath(distDir, target)}` });
        }
      }
    }
  }
  return { checked, broken };
}

describe('internal links', () => {
  it('all resolve in the bundled site', () => {
    const distDir = inject('distDir');
    const { checked, broken } = checkSite(distDir);
    expect(checked).toBeGreaterThan(htmlFiles(distDir).length * 5);
    expect(broken).toEqual([]);
  });

  it('all resolve in the site with a repealed document', () => {
    const { broken } = checkSite(inject('statusDistDir'));
    expect(broken).toEqual([]);
  });

  it('reports a missing page, a missing fragment and a missing asset (checker self-test)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-links-'));
    fs.mkdirSync(path.join(dir, 'docs', '甲'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs', '甲', 'index.html'), '<p id="art_1">x</p>');
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<a href="/docs/%E7%94%B2/#art_1">ok</a><a href="/docs/甲#art_1">ok</a><a href="https://example.org/x">external</a>' +
        '<a href="/docs/乙/">missing page</a><a href="/docs/甲/#art_2">missing id</a><script src="/a.js"></script>',
    );
    const { checked, broken } = checkSite(dir);
    expect(checked).toBe(5);
    expect(broken.map((b) => b.url)).toEqual(['/docs/乙/', '/docs/甲/#art_2', '/a.js']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
