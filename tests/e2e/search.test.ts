/**
 * /search/ end to end in headless Chromium on the bundled site: a phrase of a clause finds
 * that clause first, and following the result lands on it (highlighted as :target); the
 * query lives in the address; filters with counts; the empty state; the header box, `/`,
 * and the keyboard.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiIndex, Document } from '../../src/lib/types';
import { searchUnits } from '../../src/site/search/records';
import { readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('siteUrl');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const docs = index.documents.map((d) => readJson<Document>(path.join(dataDir, 'docs', `${d.id}.json`)));
const clauses = docs.flatMap((doc) => doc.clauses.map((clause) => ({ doc, clause })));
const textOf = new Map(clauses.map(({ clause }) => [clause.url, `${clause.heading ?? ''} ${clause.text}`]));

/** A phrase of 6 Han characters from the middle of a clause's text that no other clause has. */
function uniquePhrase(): { phrase: string; url: string; docId: string } {
  for (const { doc, clause } of clauses.slice(Math.floor(clauses.length / 3))) {
    const run = clause.text.match(/\p{Script=Han}{8,}/u)?.[0];
    if (!run) continue;
    const phrase = run.slice(1, 7);
    if (clauses.filter((c) => c.clause.text.includes(phrase)).length === 1) return { phrase, url: clause.url, docId: doc.id };
  }
  throw new Error('no clause with a unique phrase');
}
const target = uniquePhrase();

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

async function results(page: Page, query: string): Promise<string[]> {
  await page.waitForFunction((q) => document.querySelector('[data-search-results]')?.getAttribute('data-search-query') === q, query);
  return page.locator('[data-search-result]').evaluateAll((items) => items.map((li) => decodeURIComponent(li.querySelector('a')!.getAttribute('href')!)));
}

const searchUrl = (q: string, extra = '') => `${siteUrl}/search/?q=${encodeURIComponent(q)}${extra}`;

describe('/search/', () => {
  it('finds the clause holding a phrase first, marks the phrase, and lands on the clause', async () => {
    const page = await context.newPage();
    await page.goto(searchUrl(target.phrase));
    const urls = await results(page, target.phrase);
    expect(urls[0]).toBe(target.url);
    const first = page.locator('[data-search-result]').first();
    expect(await first.locator('mark').first().textContent()).toBe(target.phrase);
    expect(await first.textContent()).toContain(docs.find((d) => d.id === target.docId)!.title);
    await first.locator('a').first().click();
    await page.waitForURL((u) => u.hash.length > 1);
    const eid = target.url.split('#')[1];
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#${eid}`);
    const landed = await page.evaluate(() => {
      const el = document.querySelector(':target');
      if (!el) return null;
      const r = el.getBoundingClientRect();
      // the highlighted box is the target or the clause around it
      let box: Element | null = el;
      while (box && getComputedStyle(box).backgroundColor === 'rgba(0, 0, 0, 0)') box = box.parentElement;
      return { id: el.id, top: r.top, height: innerHeight, background: box ? getComputedStyle(box).backgroundColor : null };
    });
    expect(landed?.id).toBe(eid);
    expect(landed!.top).toBeGreaterThanOrEqual(0);
    expect(landed!.top).toBeLessThan(landed!.height);
    expect(landed!.background).toBe('rgb(255, 241, 191)');
    await page.close();
  });

  it('ranks every article holding a phrase verbatim above partial matches, and links each clause holding it', async () => {
    const page = await context.newPage();
    const phrase = '安全生产工作';
    await page.goto(searchUrl(phrase));
    const urls = await results(page, phrase);
    // one result per article (or clause outside articles): its first clause with the phrase
    const units = docs.flatMap((doc) => searchUnits(doc.clauses));
    const holding = units.map((unit) => unit.filter((c) => textOf.get(c.url)!.includes(phrase)).map((c) => c.url)).filter((u) => u.length > 0);
    expect(holding.length).toBeGreaterThan(1);
    const shown = urls.map((u) => textOf.get(u)!.includes(phrase));
    const firstMiss = shown.indexOf(false);
    if (firstMiss >= 0) expect(shown.slice(firstMiss).every((x) => !x)).toBe(true);
    expect(shown.filter(Boolean).length).toBe(Math.min(holding.length, urls.length));
    // the other clauses of an article with the phrase are linked from its result
    const linked = await page.locator('[data-search-result] a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href')!)));
    for (const unit of holding) if (urls.includes(unit[0])) for (const url of unit) expect(linked).toContain(url);
    await page.close();
  });

  it('keeps the query in the address as it is typed, and reads it back', async () => {
    const page = await context.newPage();
    await page.goto(`${siteUrl}/search/`);
    expect(await page.locator('[data-search-hints]').isVisible()).toBe(true);
    await page.locator('[data-search-input]').fill(target.phrase);
    await page.waitForURL((u) => u.searchParams.get('q') === target.phrase);
    expect((await results(page, target.phrase))[0]).toBe(target.url);
    await page.reload();
    expect(await page.locator('[data-search-input]').inputValue()).toBe(target.phrase);
    expect((await results(page, target.phrase))[0]).toBe(target.url);
    await page.close();
  });

  it('filters by jurisdiction (with the places below it), level and status, with counts', async () => {
    const page = await context.newPage();
    const phrase = '安全';
    await page.goto(searchUrl(phrase));
    await results(page, phrase);
    await page.locator('[data-search-filters] summary').click();
    const place = page.locator('select[data-search-filter="place"]');
    await page.waitForFunction(() => document.querySelectorAll('select[data-search-filter="place"] option').length > 1);
    const options = await place.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent! })));
    for (const o of options.slice(1)) expect(o.label).toMatch(/（\d+）$/);
    // a jurisdiction that has documents of its own and below it, or else any
    const byId = new Map(index.jurisdictions.map((j) => [j.id, j]));
    const under = (code: string, docJ: string) => {
      for (let j = byId.get(docJ); j; j = j.parent ? byId.get(j.parent) : undefined) if (j.id === code) return true;
      return false;
    };
    const counts = options.slice(1).map((o) => ({ ...o, code: o.value.split('｜')[1], n: Number(/（(\d+)）$/.exec(o.label)![1]) }));
    const city = counts.filter((c) => c.code.length === 6 && c.code.endsWith('00') && !c.code.endsWith('0000')).sort((a, b) => b.n - a.n)[0] ?? counts[0];
    await place.selectOption(city.value);
    await page.waitForURL((u) => u.searchParams.get('place') === city.value);
    await page.waitForFunction((n) => document.querySelector('[data-search-status]')?.textContent?.includes(`找到 ${n} 条`), city.n);
    let urls = await results(page, phrase);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const doc = docs.find((d) => d.clauses.some((c) => c.url === url))!;
      expect(under(city.code, doc.jurisdiction), `${url} is in ${city.label}`).toBe(true);
    }
    // the filter survives a reload, and a status filter narrows further
    await page.reload();
    urls = await results(page, phrase);
    expect(await page.locator('select[data-search-filter="place"]').inputValue()).toBe(city.value);
    const status = page.locator('select[data-search-filter="status"]');
    await page.waitForFunction(() => document.querySelectorAll('select[data-search-filter="status"] option').length > 1);
    const statusValue = await status.locator('option').nth(1).getAttribute('value');
    await status.selectOption(statusValue!);
    await page.waitForURL((u) => u.searchParams.get('status') === statusValue);
    expect((await results(page, phrase)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('shows an empty state with suggestions, and a way out of the filters', async () => {
    const page = await context.newPage();
    const nothing = '鑫鑫鑫鑫鑫';
    await page.goto(searchUrl(nothing, '&status=%E5%B7%B2%E5%BA%9F%E6%AD%A2'));
    await results(page, nothing);
    const empty = page.locator('[data-search-empty]');
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toContain(`没有找到包含“${nothing}”的条文`);
    expect(await page.locator('[data-search-result]').count()).toBe(0);
    await empty.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForURL((u) => !u.searchParams.has('status'));
    await page.close();
  });
});

describe('keyboard and the header box', () => {
  it('`/` focuses the header box on a document page; Enter searches; ↓ and Enter open the first result', async () => {
    const page = await context.newPage();
    await page.goto(`${siteUrl}${enc(docs[0].url)}`);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
    await page.keyboard.type(target.phrase);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search/');
    expect((await results(page, target.phrase))[0]).toBe(target.url);
    await page.locator('[data-search-input]').focus();
    await page.keyboard.press('ArrowDown');
    expect(decodeURIComponent((await page.evaluate(() => document.activeElement?.getAttribute('href'))) ?? '')).toBe(target.url);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash.length > 1);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(target.url.split('#')[1]);
    await page.close();
  });

  it('has no header box where the page has its own search form', async () => {
    const page = await context.newPage();
    for (const p of ['/', '/search/']) {
      await page.goto(`${siteUrl}${p}`);
      expect(await page.locator('.site-search').count(), p).toBe(0);
      await page.keyboard.press('/');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), p).toBe('q');
    }
    await page.close();
  });
});
