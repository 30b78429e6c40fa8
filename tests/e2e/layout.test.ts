/**
 * Layout and keyboard, in headless Chromium over every HTML page of the built site: nothing
 * is wider than a 375 px phone (or a 1280 px screen); the skip link is the first Tab stop
 * and leads into <main>; the print stylesheet leaves the document and drops the rest.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import type { ApiIndex, Document } from '../../src/lib/types';
import { htmlFiles, pagePath, readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
const statusUrl = inject('statusSiteUrl');
const statusDist = inject('statusDistDir');
const dataDir = path.join(inject('contentRoot'), 'data');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function widths(width: number, base: string, dir: string) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const tooWide: { page: string; scrollWidth: number; widest?: string }[] = [];
  for (const p of htmlFiles(dir).map((f) => pagePath(dir, f))) {
    await page.goto(`${base}${enc(p)}`, { waitUntil: 'load' });
    // open every <details> (table of contents, removed lines) so that their content is measured too
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const measured = await page.evaluate(() => {
      const scrollWidth = document.documentElement.scrollWidth;
      let widest: string | undefined;
      if (scrollWidth > innerWidth) {
        const el = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > innerWidth + 0.5);
        widest = el ? `${el.tagName.toLowerCase()}.${el.className}` : undefined;
      }
      return { scrollWidth, widest };
    });
    if (measured.scrollWidth > width) tooWide.push({ page: p, ...measured });
  }
  await context.close();
  return tooWide;
}

describe('no horizontal scrolling', () => {
  it('at 375 px on every page', async () => {
    expect(await widths(375, siteUrl, distDir)).toEqual([]);
    expect(await widths(375, statusUrl, statusDist)).toEqual([]);
  });

  it('at 1280 px on every page', async () => {
    expect(await widths(1280, siteUrl, distDir)).toEqual([]);
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, and it moves focus into main', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
    for (const p of ['/', index.documents[0].url]) {
      await page.goto(`${siteUrl}${enc(p)}`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
      expect(focused).toEqual({ text: '跳到正文', href: '#main' });
      expect(await page.locator('.skip-link').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.hash === '#main');
      expect(await page.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('main');
      // the next Tab stop is inside main, not back in the header
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    }
    await context.close();
  });

  it('copy buttons and permalinks are focusable and named', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
    const doc = index.documents.map((d) => readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`))).find((d) => d.clauses.length > 3)!;
    await page.goto(`${siteUrl}${enc(doc.url)}`);
    const button = page.locator('button.cite-button').first();
    await button.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^复制.+的引用$/);
    await context.close();
  });
});

describe('print', () => {
  it('prints the document without navigation, buttons, table of contents or permalinks', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
    const doc = index.documents.map((d) => readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`))).sort((a, b) => b.clauses.length - a.clauses.length)[0];
    await page.goto(`${siteUrl}${enc(doc.url)}`);
    await page.emulateMedia({ media: 'print' });
    const hidden = ['.site-header', '.site-footer', '.skip-link', 'nav.toc', '.doc__actions', '.clause__tools', 'nav.crumbs'];
    for (const selector of hidden) {
      const shown = await page.locator(selector).evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
      expect(shown, `${selector} in print`).toBe(0);
    }
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator(`[id="${doc.clauses[0].id}"]`).isVisible()).toBe(true);
    const avoid = await page.locator('.clause--inline').first().evaluate((e) => getComputedStyle(e).breakInside);
    expect(avoid).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
