/** What a document page shows beside a clause, as HTML (src/site/clause-aside.ts). */
import { describe, expect, it } from 'vitest';
import { clauseAsideHtml } from '../../src/site/clause-aside';
import { escapeHtml } from '../../src/site/format';

describe('clauseAsideHtml', () => {
  it('is empty for a clause with nothing beside it', () => {
    expect(clauseAsideHtml({ topics: [], related: [], citedBy: [] })).toBe('');
  });

  it('writes topics, then 被引用, then similar provisions with their places (their 对比 links are the script’s)', () => {
    expect(
      clauseAsideHtml({
        topics: [{ href: '/compare/inspection/', name: '安全检查' }],
        citedBy: [{ href: '/docs/乙-20200101/#art_2', label: '《乙》第二条', place: '东胜区' }],
        related: [
          { href: '/docs/丙-20190101/#art_9', label: '《丙》第九条', place: '石泉县' },
          { href: '/docs/丁/', label: '《丁》' },
        ],
      }),
    ).toBe(
      '<div class="clause-aside" data-pagefind-ignore>' +
        '<p class="clause-aside__row"><span class="clause-aside__label">主题</span><a class="tag" href="/compare/inspection/">安全检查</a></p>' +
        '<details class="clause-aside__row clause-aside__cited"><summary><span class="clause-aside__label">被引用</span> 1 处</summary><ul>' +
        '<li><a href="/docs/乙-20200101/#art_2">《乙》第二条</a><span class="clause-aside__place">（东胜区）</span></li></ul></details>' +
        '<details class="clause-aside__row clause-aside__related"><summary><span class="clause-aside__label">其他地区的相似条款</span> 2 条</summary><ul>' +
        '<li><a href="/docs/丙-20190101/#art_9">《丙》第九条</a><span class="clause-aside__place">（石泉县）</span></li>' +
        '<li><a href="/docs/丁/">《丁》</a></li></ul></details></div>',
    );
  });

  it('keeps titles, places and links that look like markup as text', () => {
    const html = clauseAsideHtml({
      topics: [{ href: '/compare/x"onmouseover="alert(1)/', name: '<b>主题</b>' }],
      citedBy: [],
      related: [{ href: '/docs/a/', label: '《<script>alert(1)</script>》第一条', place: '"&<' }],
    });
    expect(html).not.toMatch(/<script|<b>|" onmouseover|"onmouseover/);
    expect(html).toContain('href="/compare/x&quot;onmouseover=&quot;alert(1)/"');
    expect(html).toContain('《&lt;script&gt;alert(1)&lt;/script&gt;》第一条');
    expect(html).toContain('（&quot;&amp;&lt;）');
  });
});

describe('escapeHtml', () => {
  it('escapes the characters that end text or a quoted attribute', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe(`a &amp; b &lt; c &gt; d &quot; e ' f`);
  });
});
