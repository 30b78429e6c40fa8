/**
 * Reading, end to end in headless Chromium against the built site: from the home page to a
 * jurisdiction, to a document, to a clause (by link text), at a desktop and a phone width;
 * permalinks; the search form; a repealed document's way to what replaced it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiIndex, Document, Jurisdiction } from '../../src/lib/types';
import { clauseLabel, tocEntries } from '../../src/site/clauses';
import { readJson } from '../site/helpers';
import { enc, launch } from './browser';

const siteUrl = inject('siteUrl');
const dataDir = path.join(inject('contentRoot'), 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const loadDoc = (id: string) => readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));

// The walk: the document with the longest table of contents, its jurisdiction, and a clause
// from the second half of its contents (so that following the link has to scroll).
const docs = index.documents.map((d) => ({ summary: d, doc: loadDoc(d.id) })).map((x) => ({ ...x, toc: tocEntries(x.doc) }));
const target = docs.sort((a, b) => b.toc.length - a.toc.length)[0];
const tocTarget = target.toc[Math.floor(target.toc.length * 0.6)].clause;
const place = index.jurisdictions.find((j) => j.id === target.summary.jurisdiction) as Jurisdiction;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function inView(page: Page, id: string) {
  return page.evaluate((eid) => {
    const el = document.getElementById(eid);
    if (!el) return { exists: false, target: null as string | null, top: NaN, bottom: NaN, height: innerHeight };
    const r = el.getBoundingClientRect();
    return { exists: true, target: document.querySelector(':target')?.id ?? null, top: r.top, bottom: r.bottom, height: innerHeight };
  }, id);
}

const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);
const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

describe.each([
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 740 },
])('home → jurisdiction → document → clause ($name, $width px)', ({ width, height }) => {
  it('follows links by their text and lands on the clause', async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/`);
    expect(await page.title()).toContain('条文');

    await page.locator('.home__regions').getByRole('link', { name: place.name, exact: true }).first().click();
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/j/${place.id}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(place.name);

    await page.locator('.jpage__docs').getByRole('link', { name: target.summary.title, exact: true }).first().click();
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === target.summary.url);
    expect(pathOf(page)).toBe(target.summary.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(target.summary.title);

    const toc = page.getByRole('navigation', { name: '目录' });
    if (!(await toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) {
      expect(width, 'the table of contents starts open on a wide screen').toBeLessThan(1024);
      await toc.getByText('目录', { exact: true }).click();
    } else {
      expect(width, 'the table of contents starts closed on a phone').toBeGreaterThanOrEqual(1024);
    }
    await toc.getByRole('link', { name: clauseLabel(tocTarget), exact: true }).click();
    await page.waitForURL((u) => u.hash.length > 1);
    expect(hashOf(page)).toBe(`#${tocTarget.id}`);
    expect(pathOf(page)).toBe(target.summary.url);
    const seen = await inView(page, tocTarget.id);
    expect(seen.exists).toBe(true);
    expect(seen.target).toBe(tocTarget.id);
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.top).toBeLessThan(seen.height);
    await context.close();
  });
});

describe('clause permalinks', () => {
  it('each ¶ links to its clause, which becomes :target, scrolled into view', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const doc = target.doc;
    await page.goto(`${siteUrl}${enc(doc.url)}`);
    const clause = doc.clauses[Math.floor(doc.clauses.length / 2)];
    await page.locator(`a.permalink[href="#${clause.id}"]`).click();
    await page.waitForURL((u) => u.hash === `#${clause.id}`);
    const seen = await inView(page, clause.id);
    expect(seen.target).toBe(clause.id);
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.top).toBeLessThan(seen.height);

    // a clause URL opened directly
    const deep = doc.clauses[doc.clauses.length - 1];
    await page.goto(`${siteUrl}${enc(deep.url)}`);
    const direct = await inView(page, deep.id);
    expect(direct.target).toBe(deep.id);
    expect(direct.bottom).toBeGreaterThan(0);
    expect(direct.top).toBeLessThan(direct.height);
    await context.close();
  });
});

describe('search', () => {
  it('the home search form opens /search/?q= with results linking to documents', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/`);
    const word = target.doc.clauses.find((c) => c.heading)?.heading?.slice(0, 2) ?? target.summary.title.slice(0, 2);
    await page.getByRole('searchbox').fill(word);
    await page.getByRole('button', { name: '检索', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/search/');
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    const result = page.locator('[data-search-result] a[href*="/docs/"]').first();
    await result.waitFor({ timeout: 20_000 });
    expect(decodeURIComponent((await result.getAttribute('href'))!)).toMatch(/\/docs\/[^/]+\//);
    await context.close();
  });
});

describe('a repealed document', () => {
  const statusUrl = inject('statusSiteUrl');
  const statusData = path.join(inject('statusContentRoot'), 'data');
  const statusIndex = readJson<ApiIndex>(path.join(statusData, 'index.json'));
  const old = statusIndex.documents.find((d) => d.status === 'repealed' || d.status === 'superseded')!;
  const oldDoc = readJson<Document>(path.join(statusData, 'docs', `${old.id}.json`));
  const replacement = statusIndex.documents.find((d) => d.id === oldDoc.replacedBy)!;

  it('shows its status and links to what replaced it, which links back', async () => {
    expect(old, 'the fixture collection has a repealed document').toBeTruthy();
    expect(replacement).toBeTruthy();
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${statusUrl}${enc(old.url)}`);
    expect(await page.locator('.doc__status .badge').textContent()).toBe(old.status === 'repealed' ? '已废止' : '已被替代');
    const notice = page.locator('.notice--inactive');
    expect(await notice.textContent()).toContain(old.status === 'repealed' ? '已废止' : '已被替代');
    await notice.getByRole('link', { name: `《${replacement.title}》` }).click();
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === replacement.url);
    const back = page.locator('.doc__header').getByRole('link', { name: `《${old.title}》`, exact: true });
    expect(decodeURIComponent((await back.getAttribute('href'))!)).toBe(old.url);
    await context.close();
  });
});
