/**
 * The "copy citation" buttons, in headless Chromium with clipboard permissions: what lands
 * on the clipboard for an article, a nested item, a policy-document point and the whole
 * document; and that without JavaScript there are no buttons.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { ApiIndex, Document } from '../../src/lib/types';
import { citationPaths } from '../../src/site/citation';
import { readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const loadDoc = (id: string) => readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));
const absolute = (url: string) => new URL(url, siteOrigin).href;

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
});
afterAll(async () => {
  await browser?.close();
});

async function copied(docUrl: string, selector: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${siteUrl}${enc(docUrl)}`);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  const button = page.locator(selector);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-copied') === 'yes', selector);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  // the live region announces it
  await page.waitForFunction(() => document.querySelector('[data-cite-status]')?.textContent?.startsWith('已复制引用'));
  await page.close();
  return text;
}

const RULES = '鄂托克前旗安全生产委员会工作规则-20240528';
const hasRules = index.documents.some((d) => d.id === RULES);

describe('copy citation', () => {
  it.runIf(hasRules)('copies 《title》第九条 and the absolute URL of the clause', async () => {
    const doc = loadDoc(RULES);
    const text = await copied(doc.url, 'button.cite-button[data-cite-eid="art_9"]');
    expect(text).toBe(`《鄂托克前旗安全生产委员会工作规则》第九条 ${absolute(`${doc.url}#art_9`)}`);
    expect(text.startsWith(`《鄂托克前旗安全生产委员会工作规则》第九条 ${siteOrigin}/docs/`)).toBe(true);
    expect(text.endsWith('/#art_9')).toBe(true);
  });

  it.runIf(hasRules)('names the path of a nested clause: 第四条第（六）项', async () => {
    const doc = loadDoc(RULES);
    const item = doc.clauses.find((c) => c.id === 'art_4__item_6')!;
    const text = await copied(doc.url, `button.cite-button[data-cite-eid="${item.id}"]`);
    expect(text).toBe(`《${doc.title}》第四条第（六）项 ${absolute(item.url)}`);
  });

  it('copies the path of the deepest clause of every document', async () => {
    for (const summary of index.documents) {
      const doc = loadDoc(summary.id);
      const depth = (id: string | null): number => (id ? 1 + depth(doc.clauses.find((c) => c.id === id)?.parent ?? null) : 0);
      const deepest = [...doc.clauses].sort((a, b) => depth(b.id) - depth(a.id))[0];
      const expected = `《${doc.title}》${citationPaths(doc.clauses).get(deepest.id)} ${absolute(deepest.url)}`;
      expect(await copied(doc.url, `button.cite-button[data-cite-eid="${deepest.id}"]`), summary.id).toBe(expected);
    }
  });

  it('copies the citation of the whole document, with its 文号 when it has one', async () => {
    const withNumber = index.documents.find((d) => d.docNumber) ?? index.documents[0];
    const text = await copied(withNumber.url, 'button[data-cite-doc-button]');
    expect(text).toBe(`《${withNumber.title}》${withNumber.docNumber ? `（${withNumber.docNumber}）` : ''} ${absolute(withNumber.url)}`);
  });
});

describe('without JavaScript', () => {
  it('has no copy buttons, and the table of contents still opens', async () => {
    const plain = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    const page = await plain.newPage();
    const doc = index.documents.map((d) => loadDoc(d.id)).sort((a, b) => b.clauses.length - a.clauses.length)[0];
    await page.goto(`${siteUrl}${enc(doc.url)}`);
    expect(await page.locator('button.cite-button').count()).toBe(0);
    expect(await page.getByRole('button', { name: '复制引用' }).count()).toBe(0);
    expect(await page.locator('a.permalink').count()).toBe(doc.clauses.length);
    const toc = page.getByRole('navigation', { name: '目录' });
    if ((await toc.count()) > 0) {
      await toc.getByText('目录', { exact: true }).click();
      expect(await toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await toc.getByRole('link').first().isVisible()).toBe(true);
    }
    await plain.close();
  });
});
