/**
 * The Content-Security-Policy every page carries, and that the site passes with its own
 * scripts: no violation on any kind of page, the copy buttons and search still work.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ApiIndex } from '../../src/lib/types';
import { readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('siteUrl');
const index = readJson<ApiIndex>(path.join(inject('contentRoot'), 'data', 'index.json'));
const doc = index.documents.find((d) => d.id === '鄂托克前旗安全生产委员会工作规则-20240528')!;

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const pages = ['/', doc.url, `/j/${doc.jurisdiction}/`, '/search/?q=约谈', '/citations/', '/report/', '/about/', '/compare/', '/no-such-page/'];

it.each(pages)('%s: a CSP meta tag, and no violation', async (url) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`${siteUrl}${enc(url)}`);
  if (url === '/compare/' && response?.status() === 404) return page.close();
  await page.waitForLoadState('networkidle');
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  await page.close();
});

it('the copy-citation button works under the policy', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
  const page = await context.newPage();
  await page.goto(`${siteUrl}${enc(doc.url)}#art_9`);
  await page.locator('[data-eid="art_9"] button').first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^《鄂托克前旗安全生产委员会工作规则》第九条 /);
  await context.close();
});
