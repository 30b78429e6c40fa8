/**
 * A regulation's body (regulation-mdx.ts: the MDX parsed, never compiled) as the document
 * page's HTML: each <Clause id type num heading> becomes the clause's markup, each
 * <Ref to relation> a citation link, and the text and Markdown elements stay as they are.
 *
 * Structural clauses (numbered chapters, sections, articles; anything with a heading)
 * become headings at the level the page computed (so search results can link to them);
 * the others (paragraphs, items, points, preambles) are laid out as number | text | tools.
 * The tools hold the permalink (¶) and carry data-eid/data-cite, from which the page
 * script adds a "copy citation" button. The element carrying `id` is the target of
 * /docs/<docId>/#<eId> links.
 *
 * Anything else an MDX file could hold (expressions, import/export, other components)
 * is refused with the file and line: the ingest writes none, and the body is data.
 *
 * Written as strings (every text and attribute escaped here), as the clauses' asides are
 * (clause-aside.ts): making an element tree for hast-util-to-html took a tenth of the
 * document pages' render on the corpus. The pages are byte for byte those Astro's MDX
 * compiler and a component per <Clause> and <Ref> made.
 */
import type { ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { clauseAsideHtml } from './clause-aside';
import type { ClauseLinks } from './clause-links';
import { clauseLabel, isStructural, type ClauseLayout } from './clauses';
import { escapeHtml, escapeText, refHref } from './format';

/** What the page knows about its clauses beyond the MDX. */
export type ClauseContext = {
  layout: ClauseLayout;
  /** citation path by eId: 第九条, 第四条第（六）项, 三、（二）1. (see citation.ts) */
  cite: ReadonlyMap<string, string>;
  /** topics, similar provisions and 被引用 by eId (see clause-links.ts) */
  links?: Map<string, ClauseLinks>;
};

type JsxNode = {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  children: RootContent[];
  position?: { start: { line: number } };
};

type Source = { file: string; context: ClauseContext };

const RELATION: Record<string, string> = { basis: '依据', execution: '按其执行', repeal: '废止' };

/** Elements without an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function fail(source: Source, node: { position?: { start: { line: number } } }, message: string): never {
  const line = node.position?.start.line;
  throw new Error(`tiaowen: ${source.file}${line ? `:${line}` : ''}: ${message}`);
}

/** The element's attributes as strings; an expression as a value (`a={…}`) is refused. */
function attributes(node: JsxNode, source: Source): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.name !== 'string') {
      fail(source, node, `<${node.name}> has an attribute expression; only name="text" attributes are read`);
    }
    if (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string') {
      fail(source, node, `<${node.name} ${attribute.name}> has an expression as its value; only text is read`);
    }
    result[attribute.name] = attribute.value ?? '';
  }
  return result;
}

/** ` name="value"`, or nothing without a value; a value of '' is written as the bare name. */
const attr = (name: string, value: string | undefined): string => (value === undefined ? '' : value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`);

function permalinkTools(id: string, cite: string, name: string): string {
  return `<span class="clause__tools"${attr('data-eid', id)}${attr('data-cite', cite)} data-pagefind-ignore><a class="permalink"${attr('href', `#${id}`)}${attr('aria-label', `${name}的固定链接`)}>¶</a></span>`;
}

function clause(node: JsxNode, source: Source): string {
  const { id, type, num: numAttr, heading: headingAttr } = attributes(node, source);
  if (!id || !type) fail(source, node, '<Clause> needs an id and a type');
  const num = numAttr || null;
  const heading = headingAttr || null;
  const { context } = source;
  const fallbackLevel = ['book', 'part', 'title', 'chapter'].includes(type) ? 2 : type === 'section' ? 3 : 4;
  const level = context.layout.has(id) ? context.layout.get(id) : isStructural({ type, num, heading }) ? fallbackLevel : null;
  const cite = context.cite.get(id) ?? num ?? '';
  const name = cite || clauseLabel({ num, heading }) || '本段';
  const links = context.links?.get(id);
  // an HTML string made by clause-aside.ts, which escapes what it writes
  const aside = links ? clauseAsideHtml(links) : '';
  const children = content(node.children, source);
  const numSpan = num ? `<span class="clause__num">${escapeText(num)}</span>` : '';

  if (level != null) {
    const space = num && heading && !/[、，．]$/.test(num) ? ' ' : '';
    const headingSpan = heading ? `<span class="clause__heading">${escapeText(heading)}</span>` : '';
    const bare = type === 'article' && !heading ? ' clause--bare' : '';
    return (
      `<section${attr('class', `clause clause--structural clause--${type}${bare}`)}${attr('data-clause-type', type)}>` +
      `<div class="clause__bar"><h${level}${attr('id', id)} class="clause__head">${numSpan}${space}${headingSpan}</h${level}>${permalinkTools(id, cite, name)}</div>` +
      `<div class="clause__body">${aside}${children}</div></section>`
    );
  }
  return (
    `<div${attr('id', id)}${attr('class', `clause clause--inline clause--${type}${num ? '' : ' clause--nonum'}`)}${attr('data-clause-type', type)}>` +
    `${numSpan}<div class="clause__body">${children}${aside}</div>${permalinkTools(id, cite, name)}</div>`
  );
}

/** A citation: a link when the cited document is in the collection, else marked as absent. */
function ref(node: JsxNode, source: Source): string {
  const { to, relation } = attributes(node, source);
  const children = content(node.children, source);
  const note = relation ? RELATION[relation] : undefined;
  if (to) {
    return `<a class="ref"${attr('href', refHref(to))}${attr('data-relation', relation)}${attr('title', note ? `${note}：本库已收录` : '本库已收录')}>${children}</a>`;
  }
  return `<span class="ref ref--absent"${attr('data-relation', relation)} title="本库未收录">${children}<span class="ref__absent" data-pagefind-ignore>（本库未收录）</span></span>`;
}

function content(nodes: RootContent[], source: Source): string {
  let html = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        html += escapeText(node.value);
        break;
      case 'element':
        // the bodies' paragraphs (the only elements the ingest writes) here; an element with
        // attributes, or one without an end tag, by hast-util-to-html
        html +=
          Object.keys(node.properties).length === 0 && !VOID.has(node.tagName)
            ? `<${node.tagName}>${content(node.children, source)}</${node.tagName}>`
            : toHtml({ ...node, children: [{ type: 'raw', value: content(node.children, source) } as unknown as ElementContent] }, { allowDangerousHtml: true });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const jsx = node as unknown as JsxNode;
        if (jsx.name === 'Clause') html += clause(jsx, source);
        else if (jsx.name === 'Ref') html += ref(jsx, source);
        else fail(source, jsx, `<${jsx.name ?? ''}> is not an element of a regulation (only <Clause> and <Ref> are)`);
        break;
      }
      case 'comment':
        break;
      default:
        fail(source, node as { position?: { start: { line: number } } }, `${node.type === 'raw' ? 'raw HTML' : node.type.startsWith('mdx') ? 'an MDX expression or import/export' : node.type} is not read in a regulation`);
    }
  }
  return html;
}

/** The HTML of a regulation's body; `file` names the MDX file in errors. */
export function regulationBodyHtml(tree: Root, context: ClauseContext, file: string): string {
  return content(tree.children, { file, context });
}
