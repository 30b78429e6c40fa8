/**
 * Comparison, end to end in headless Chromium: a topic page's columns follow the
 * checkboxes and the address (?j=…), without JavaScript every column shows, the columns
 * stack on a phone; a 对比 link opens the diff page, which marks differences with
 * <ins>/<del> — far fewer marks than a raw character diff of the same texts; a document
 * page's row of similar provisions gets its 对比 links when it is opened.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiIndex, Document } from '../../src/lib/types';
import { charDiff, markCount } from '../../src/site/compare/diff-merge';
import { diffHref } from '../../src/site/compare/diff-href';
import { provisionText } from '../../src/site/compare/provision-text';
import { readJson } from '../site/helpers';
import { launch } from './browser';

const siteUrl = inject('siteUrl');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const loadDoc = (id: string) => readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));
const docJurisdiction = new Map(index.documents.map((d) => [d.id, d.jurisdiction]));

// the topic with provisions in the most jurisdictions (ties: the most clauses)
const spread = (clauses: string[]) => new Set(clauses.map((k) => docJurisdiction.get(k.slice(0, k.lastIndexOf('#'))))).size;
const topic = [...index.topics].sort((a, b) => spread(b.clauses) - spread(a.clauses) || b.clauses.length - a.clauses.length)[0];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const visibleColumns = (page: Page) =>
  page.locator('[data-cols] > section.cmp-col').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).dataset.j!));
const allColumns = (page: Page) => page.locator('[data-cols] > section.cmp-col').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.j!));

describe('a topic page', () => {
  it('shows the jurisdictions chosen with the checkboxes, and keeps the choice in the address', async () => {
    expect(spread(topic.clauses)).toBeGreaterThanOrEqual(3);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/compare/${topic.id}/`);
    const all = await allColumns(page);
    expect(await visibleColumns(page)).toEqual(all);
    expect(await page.locator('[data-picker]').isVisible()).toBe(true);

    // uncheck the first jurisdiction: its column and its obligation rows hide, the address says which remain
    const [first, ...rest] = all;
    await page.locator(`[data-picker] input[value="${first}"]`).uncheck();
    await page.waitForURL((u) => u.searchParams.has('j'));
    expect(new URL(page.url()).search).toBe(`?j=${rest.join(',')}`);
    expect(await visibleColumns(page)).toEqual(rest);
    expect(await page.locator(`.cmp-obl tbody tr[data-j="${first}"]:visible`).count()).toBe(0);

    // check it again: every column, no parameter
    await page.locator(`[data-picker] input[value="${first}"]`).check();
    await page.waitForURL((u) => !u.searchParams.has('j'));
    expect(await visibleColumns(page)).toEqual(all);

    // a shared address with two jurisdictions (in any order) shows those two, in tree order
    const two = [all[all.length - 1], all[1]];
    await page.goto(`${siteUrl}/compare/${topic.id}/?j=${two.join(',')}`);
    expect(await visibleColumns(page)).toEqual([all[1], all[all.length - 1]]);
    const checked = await page.locator('[data-picker] input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(checked).toEqual([all[1], all[all.length - 1]]);

    // the last checked box cannot be unchecked: one column always shows
    await page.goto(`${siteUrl}/compare/${topic.id}/?j=${all[0]}`);
    await page.locator(`[data-picker] input[value="${all[0]}"]`).click();
    expect(await visibleColumns(page)).toEqual([all[0]]);
    await context.close();
  });

  it('shows every column without JavaScript, and no checkboxes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const one = docJurisdiction.get(topic.clauses[0].slice(0, topic.clauses[0].lastIndexOf('#')));
    await page.goto(`${siteUrl}/compare/${topic.id}/?j=${one}`);
    const all = await allColumns(page);
    expect(all.length).toBeGreaterThan(1);
    expect(await visibleColumns(page)).toEqual(all);
    expect(await page.locator('[data-picker]').isVisible()).toBe(false);
    await context.close();
  });

  it('puts the columns side by side on a wide screen and stacks them on a phone', async () => {
    for (const [width, sideBySide] of [
      [1280, true],
      [375, false],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${siteUrl}/compare/${topic.id}/`);
      const boxes = await page.locator('[data-cols] > section.cmp-col').evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      if (sideBySide) {
        expect(boxes[1].left).toBeGreaterThan(boxes[0].right - 1);
        expect(Math.abs(boxes[1].top - boxes[0].top)).toBeLessThan(2);
      } else {
        expect(Math.abs(boxes[1].left - boxes[0].left)).toBeLessThan(1);
        expect(boxes[1].top).toBeGreaterThanOrEqual(boxes[0].bottom - 1);
      }
      await context.close();
    }
  });
});

describe('the diff page', () => {
  it('opens from a 对比 link on a topic page and marks the differences, with far fewer marks than a raw character diff', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/compare/${topic.id}/`);
    // the 对比 link of the provision with the longest text on the page (the most to compare)
    const links = await page.locator('a.cmp-diff-link').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).getAttribute('href')!));
    expect(links.length).toBeGreaterThan(0);
    const keys = (href: string) => {
      const p = new URL(href, 'https://x.invalid').searchParams;
      return [p.get('a')!, p.get('b')!] as const;
    };
    const textOf = (key: string) => {
      const docId = key.slice(0, key.lastIndexOf('#'));
      const doc = loadDoc(docId);
      return provisionText(doc, doc.clauses.find((c) => c.id === key.slice(key.lastIndexOf('#') + 1))!);
    };
    const href = [...links].sort((x, y) => {
      const [xa, xb] = keys(x);
      const [ya, yb] = keys(y);
      return textOf(ya).length + textOf(yb).length - (textOf(xa).length + textOf(xb).length);
    })[0];
    await page.locator(`a.cmp-diff-link[href="${href}"]`).click();
    await page.waitForURL((u) => u.pathname === '/compare/diff/');
    const [a, b] = keys(href);
    expect(new URL(page.url()).searchParams.get('a')).toBe(a);
    expect(new URL(page.url()).searchParams.get('b')).toBe(b);

    await page.locator('[data-diff-result]:not([hidden])').waitFor({ timeout: 15_000 });
    const dels = await page.locator('.diff__side--a del').count();
    const ins = await page.locator('.diff__side--b ins').count();
    expect(dels + ins).toBeGreaterThan(0);
    expect(await page.locator('.diff__side--a ins').count()).toBe(0);
    expect(await page.locator('.diff__side--b del').count()).toBe(0);

    // the two texts are there, whole (markers for screen readers aside)
    const shown = (side: string) =>
      page.locator(`.diff__side--${side} .diff__text`).evaluate((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
        return copy.textContent;
      });
    expect(await shown('a')).toBe(textOf(a));
    expect(await shown('b')).toBe(textOf(b));

    // a text marker, not colour alone
    expect(await page.locator('.diff__side--a del .visually-hidden').first().textContent()).toContain('删去');
    expect(await page.locator('.diff__side--b ins .visually-hidden').first().textContent()).toContain('新增');

    // far fewer marks than one per run of a raw character diff
    const raw = markCount(charDiff(textOf(a), textOf(b)));
    expect(dels + ins).toBe(Number(await page.locator('[data-diff-result]').getAttribute('data-marks')));
    expect((dels + ins) * 2, `${dels + ins} marks against ${raw} in a raw character diff`).toBeLessThanOrEqual(raw);

    // each side links to its clause
    const own = loadDoc(a.slice(0, a.lastIndexOf('#'))).clauses.find((c) => c.id === a.slice(a.lastIndexOf('#') + 1))!;
    expect(decodeURIComponent((await page.locator('.diff__side--a a.diff__cite').getAttribute('href'))!)).toBe(own.url);
    await context.close();
  });

  it('is linked from a document page’s similar provisions once their row is opened, one 对比 link for each', async () => {
    // the clause with the most similar provisions shown (three at most), of the first document that has one
    const withRelated = index.documents.map((d) => loadDoc(d.id)).flatMap((doc) => doc.clauses.filter((c) => c.related.length > 0).map((c) => ({ doc, clause: c })));
    expect(withRelated.length).toBeGreaterThan(0);
    const { doc, clause } = withRelated.sort((x, y) => Math.min(3, y.clause.related.length) - Math.min(3, x.clause.related.length))[0]!;
    const shown = clause.related.slice(0, 3);
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}${encodeURI(clause.url)}`);
    const row = page.locator(`[id="${clause.id}"]`).locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " clause ")][1]').locator('details.clause-aside__related').first();
    // none in the page as built: without JavaScript there is no diff page to go to
    expect(await page.locator('a.clause-aside__diff').count()).toBe(0);
    await row.locator('summary').click();
    const links = row.locator('a.clause-aside__diff');
    await links.first().waitFor();
    expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute('href')))).toEqual(shown.map((other) => diffHref(`${doc.id}#${clause.id}`, other)));
    // opened again, the row keeps one link each
    await row.locator('summary').click();
    await row.locator('summary').click();
    expect(await links.count()).toBe(shown.length);

    await links.first().click();
    await page.waitForURL((u) => u.pathname === '/compare/diff/');
    expect(new URL(page.url()).searchParams.get('a')).toBe(`${doc.id}#${clause.id}`);
    expect(new URL(page.url()).searchParams.get('b')).toBe(shown[0]);
    await page.locator('[data-diff-result]:not([hidden])').waitFor({ timeout: 15_000 });
    expect(decodeURIComponent((await page.locator('.diff__side--a a.diff__cite').getAttribute('href'))!)).toBe(clause.url);
    await context.close();
  });

  it('says what is wrong with an address that names no provision', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const doc = index.documents[0];
    await page.goto(`${siteUrl}/compare/diff/?a=${encodeURIComponent(`${doc.id}#no_such_clause`)}&b=${encodeURIComponent('nothing#art_1')}`);
    await page.locator('[data-diff-status]').filter({ hasText: '无法对比' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-diff-form]').isVisible()).toBe(true);
    expect(await page.locator('[data-diff-result]').isVisible()).toBe(false);
    await context.close();
  });
});
