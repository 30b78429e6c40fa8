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
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { clauseAsideHtml } from './clause-aside';
import type { ClauseLinks } from './clause-links';
import { clauseLabel, isStructural, type ClauseLayout } from './clauses';
import { refHref } from './format';

/** What the page knows about its clauses beyond the MDX. */
export type ClauseContext = {
  layout: ClauseLayout;
  /** citation path by eId: 第九条, 第四条第（六）项, 三、（二）1. (see citation.ts) */
  cite: Map<string, string>;
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

function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

const text = (value: string): ElementContent => ({ type: 'text', value });

function permalinkTools(id: string, cite: string, name: string): Element {
  return element('span', { className: ['clause__tools'], dataEid: id, dataCite: cite, dataPagefindIgnore: '' }, [
    element('a', { className: ['permalink'], href: `#${id}`, ariaLabel: `${name}的固定链接` }, [text('¶')]),
  ]);
}

function clause(node: JsxNode, source: Source): Element {
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
  const aside: ElementContent[] = [];
  const asideHtml = links ? clauseAsideHtml(links) : '';
  // an HTML string made by clause-aside.ts, which escapes what it writes
  if (asideHtml) aside.push({ type: 'raw', value: asideHtml } as unknown as ElementContent);
  const children = content(node.children, source);
  const numSpan = num ? [element('span', { className: ['clause__num'] }, [text(num)])] : [];

  if (level != null) {
    const space = num && heading && !/[、，．]$/.test(num) ? [text(' ')] : [];
    const head = element(`h${level}`, { id, className: ['clause__head'] }, [
      ...numSpan,
      ...space,
      ...(heading ? [element('span', { className: ['clause__heading'] }, [text(heading)])] : []),
    ]);
    const bare = type === 'article' && !heading ? ' clause--bare' : '';
    return element('section', { className: `clause clause--structural clause--${type}${bare}`.split(' '), dataClauseType: type }, [
      element('div', { className: ['clause__bar'] }, [head, permalinkTools(id, cite, name)]),
      element('div', { className: ['clause__body'] }, [...aside, ...children]),
    ]);
  }
  return element('div', { id, className: `clause clause--inline clause--${type}${num ? '' : ' clause--nonum'}`.split(' '), dataClauseType: type }, [
    ...numSpan,
    element('div', { className: ['clause__body'] }, [...children, ...aside]),
    permalinkTools(id, cite, name),
  ]);
}

/** A citation: a link when the cited document is in the collection, else marked as absent. */
function ref(node: JsxNode, source: Source): Element {
  const { to, relation } = attributes(node, source);
  const children = content(node.children, source);
  const note = relation ? RELATION[relation] : undefined;
  if (to) {
    return element('a', { className: ['ref'], href: refHref(to), dataRelation: relation, title: note ? `${note}：本库已收录` : '本库已收录' }, children);
  }
  return element('span', { className: ['ref', 'ref--absent'], dataRelation: relation, title: '本库未收录' }, [
    ...children,
    element('span', { className: ['ref__absent'], dataPagefindIgnore: '' }, [text('（本库未收录）')]),
  ]);
}

function content(nodes: RootContent[], source: Source): ElementContent[] {
  const result: ElementContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        result.push(node);
        break;
      case 'element':
        result.push({ ...node, children: content(node.children, source) });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const jsx = node as unknown as JsxNode;
        if (jsx.name === 'Clause') result.push(clause(jsx, source));
        else if (jsx.name === 'Ref') result.push(ref(jsx, source));
        else fail(source, jsx, `<${jsx.name ?? ''}> is not an element of a regulation (only <Clause> and <Ref> are)`);
        break;
      }
      case 'comment':
        break;
      default:
        fail(source, node as { position?: { start: { line: number } } }, `${node.type === 'raw' ? 'raw HTML' : node.type.startsWith('mdx') ? 'an MDX expression or import/export' : node.type} is not read in a regulation`);
    }
  }
  return result;
}

/** The HTML of a regulation's body; `file` names the MDX file in errors. */
export function regulationBodyHtml(tree: Root, context: ClauseContext, file: string): string {
  const body: Root = { type: 'root', children: content(tree.children, { file, context }) };
  return toHtml(body, { allowDangerousHtml: true, collapseEmptyAttributes: true, characterReferences: { useNamedReferences: true } });
}
