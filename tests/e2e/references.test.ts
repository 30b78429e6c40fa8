/**
 * Cross-references end to end in headless Chromium (second build): from a clause with a
 * citation, follow the link to the cited clause, then back through its 被引用 list.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ApiIndex } from '../../src/lib/types';
import { readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('statusSiteUrl');
const index = readJson<ApiIndex>(path.join(inject('statusContentRoot'), 'data', 'index.json'));
const decision = index.documents.find((d) => d.title.startsWith('北京市人民代表大会常务委员会关于北京市应税'))!;
const law = index.documents.find((d) => d.title === '中华人民共和国环境保护税法')!;

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

it('citation → cited clause → 被引用 → back to the citing clause', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${siteUrl}${enc(decision.url)}`);
  await page.getByRole('link', { name: '《中华人民共和国环境保护税法》第六条第二款' }).click();
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === law.url && u.hash === '#art_6__para_2');
  expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('art_6__para_2');

  const target = page.locator('[id="art_6__para_2"]');
  const cited = target.locator('.clause-aside__cited');
  await cited.locator('summary').click();
  await cited.getByRole('link', { name: new RegExp(decision.title) }).click();
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === decision.url && u.hash === '#preamble_1');
  expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('preamble_1');
  await page.close();
});
