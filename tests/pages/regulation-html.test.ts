/**
 * A regulation's MDX body as the document page's HTML (src/site/regulation-mdx.ts parses,
 * src/site/regulation-html.ts writes): MDX in, HTML out.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frontmatterText, readRegulationBody, regulationBodyTree, regulationFrontmatter } from '../../src/site/regulation-mdx';
import { regulationBodyHtml, type ClauseContext } from '../../src/site/regulation-html';

const EMPTY: ClauseContext = { layout: new Map(), cite: new Map() };
const html = (mdx: string, context: ClauseContext = EMPTY) => regulationBodyHtml(regulationBodyTree(mdx), context, 'regulations/甲.mdx');

const tools = (id: string, cite: string, name = cite) =>
  `<span class="clause__tools" data-eid="${id}" data-cite${cite ? `="${cite}"` : ''} data-pagefind-ignore><a class="permalink" href="#${id}" aria-label="${name}的固定链接">¶</a></span>`;

describe('regulationBodyHtml', () => {
  it('writes an article as a heading at its layout level, its paragraph as a numbered block, with citation paths', () => {
    const mdx = [
      '---',
      'id: 甲',
      '---',
      '',
      '<Clause id="art_9" type="article" num="第九条" heading="约谈制度">',
      '  约谈对象包括：',
      '',
      '  <Clause id="art_9__item_1" type="item" num="（一）">',
      '    未按期整改的。',
      '  </Clause>',
      '</Clause>',
    ].join('\n');
    const context: ClauseContext = {
      layout: new Map([['art_9', 3], ['art_9__item_1', null]]),
      cite: new Map([['art_9', '第九条'], ['art_9__item_1', '第九条第（一）项']]),
    };
    expect(html(mdx, context)).toBe(
      '<section class="clause clause--structural clause--article" data-clause-type="article">' +
        '<div class="clause__bar"><h3 id="art_9" class="clause__head"><span class="clause__num">第九条</span> <span class="clause__heading">约谈制度</span></h3>' +
        tools('art_9', '第九条') +
        '</div><div class="clause__body"><p>约谈对象包括：</p>' +
        '<div id="art_9__item_1" class="clause clause--inline clause--item" data-clause-type="item"><span class="clause__num">（一）</span>' +
        '<div class="clause__body"><p>未按期整改的。</p></div>' +
        tools('art_9__item_1', '第九条第（一）项') +
        '</div></div></section>',
    );
  });

  it('marks an article without a heading as bare, and names an unnumbered paragraph 本段', () => {
    expect(html('<Clause id="art_1" type="article" num="第一条">\n  为了……\n</Clause>')).toContain(
      '<section class="clause clause--structural clause--article clause--bare" data-clause-type="article"><div class="clause__bar"><h4 id="art_1"',
    );
    expect(html('<Clause id="para_2" type="paragraph">\n  其他。\n</Clause>')).toBe(
      '<div id="para_2" class="clause clause--inline clause--paragraph clause--nonum" data-clause-type="paragraph"><div class="clause__body"><p>其他。</p></div>' +
        tools('para_2', '', '本段') +
        '</div>',
    );
  });

  it('puts the aside first in a structural clause and last in a numbered block', () => {
    const links = new Map([
      ['art_2', { topics: [{ href: '/compare/meetings/', name: '会议' }], related: [], citedBy: [] }],
      ['art_2__para_2', { topics: [{ href: '/compare/meetings/', name: '会议' }], related: [], citedBy: [] }],
    ]);
    const out = html('<Clause id="art_2" type="article" num="第二条">\n  甲。\n\n  <Clause id="art_2__para_2" type="paragraph">\n    乙。\n  </Clause>\n</Clause>', { ...EMPTY, links });
    const aside = '<div class="clause-aside" data-pagefind-ignore><p class="clause-aside__row"><span class="clause-aside__label">主题</span><a class="tag" href="/compare/meetings/">会议</a></p></div>';
    expect(out).toContain(`<div class="clause__body">${aside}<p>甲。</p>`);
    expect(out).toContain(`<div class="clause__body"><p>乙。</p>${aside}</div>`);
  });

  it('links a citation in the collection and marks one that is not', () => {
    expect(html('依照<Ref to="乙-20200101#art_3" relation="basis">《乙》第三条</Ref>和<Ref>《丙》</Ref>。')).toBe(
      '<p>依照<a class="ref" href="/docs/乙-20200101/#art_3" data-relation="basis" title="依据：本库已收录">《乙》第三条</a>和' +
        '<span class="ref ref--absent" title="本库未收录">《丙》<span class="ref__absent" data-pagefind-ignore>（本库未收录）</span></span>。</p>',
    );
  });

  it('keeps escaped MDX syntax and markup in the text as text', () => {
    const out = html('<Clause id="art_1" type="article" num="第一条">\n  \\{process.exit(1)} \\<script>alert(1)\\</script> import x from "y"\n</Clause>');
    expect(out).toContain('<p>{process.exit(1)} &lt;script&gt;alert(1)&lt;/script&gt; import x from "y"</p>');
    expect(out).not.toContain('<script');
  });

  it('writes other Markdown the MDX may hold: elements without attributes, with attributes, without an end tag', () => {
    expect(html('**重点**与[附件](/sources/a.docx "原文")\\\n换行')).toBe('<p><strong>重点</strong>与<a href="/sources/a.docx" title="原文">附件</a><br>\n换行</p>');
  });

  it.each([
    ['an expression', '<Clause id="a" type="article">\n  {1 + 1}\n</Clause>', /regulations\/甲\.mdx:2: an MDX expression/],
    ['an import', 'import X from "./x.js"\n\n<X />', /regulations\/甲\.mdx:1: an MDX expression or import\/export/],
    ['another component', '\n<Script src="x" />', /regulations\/甲\.mdx:2: <Script> is not an element of a regulation/],
    ['an attribute expression', '<Clause id={x} type="article" />', /regulations\/甲\.mdx:1: <Clause id> has an expression as its value/],
    ['spread attributes', '<Clause {...x} />', /regulations\/甲\.mdx:1: <Clause> has an attribute expression/],
    ['a clause without an id', '<Clause type="article" />', /regulations\/甲\.mdx:1: <Clause> needs an id and a type/],
  ])('refuses %s, naming the file and line', (_, mdx, message) => {
    expect(() => html(mdx)).toThrow(message);
  });
});

describe('readRegulationBody', () => {
  it('names the file, line and column of MDX that does not parse', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-mdx-'));
    fs.mkdirSync(path.join(root, 'regulations'));
    fs.writeFileSync(path.join(root, 'regulations', '甲.mdx'), '---\nid: 甲\n---\n\n<Clause id="art_1" type="article">\n  正文\n</Clause>\n</Clause>\n');
    expect(() => readRegulationBody('甲', root)).toThrow(/regulations\/甲\.mdx:8:1: Unexpected closing tag/);
    expect(() => readRegulationBody('乙', root)).toThrow(/regulations\/乙\.mdx: cannot be read/);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('regulationFrontmatter', () => {
  it('reads the YAML between the --- lines, dates and numbers as YAML gives them', () => {
    expect(regulationFrontmatter('---\nid: 甲\nissued: 2024-01-05\njurisdiction: "150623"\n---\n\n正文', 'f.mdx')).toEqual({ id: '甲', issued: '2024-01-05', jurisdiction: '150623' });
    expect(frontmatterText('---\r\nid: 甲\r\n---\r\n')).toBe('id: 甲');
    expect(frontmatterText('---\n---\n正文')).toBe('');
  });
  it.each([
    ['no frontmatter', '<Clause id="a" type="article" />', /f\.mdx: no frontmatter/],
    ['an unclosed frontmatter', '---\nid: 甲\n', /f\.mdx: no frontmatter/],
    ['invalid YAML', '---\nid: [甲\n---\n', /f\.mdx: frontmatter is not valid YAML/],
    ['a list', '---\n- 甲\n---\n', /f\.mdx: frontmatter is not a mapping/],
  ])('names the file when it has %s', (_, text, message) => {
    expect(() => regulationFrontmatter(text, 'f.mdx')).toThrow(message);
  });
});
