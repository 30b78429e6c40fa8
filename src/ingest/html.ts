/**
 * A page saved from a government portal → the document's text. The article is kept;
 * navigation, breadcrumbs, headers and footers are dropped (and reported); a metadata
 * table (索引号, 发布机构, 发文日期, 文号) becomes `key: value` lines that cleaning reads
 * into fields.
 */
import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { RemovedLine } from './clean.ts';

const DROP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'button', 'select', 'svg', 'canvas', 'object', 'embed', 'head']);
const FURNITURE = /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|head|sidebar|side|share|toolbar|tools|position|location|topbar|top|bottom|copyright|links?|login|search)([-_\s\d]|$)/i;
const CONTENT = /(content|article|zoom|detail|trs_?editor|main|text|wenzhang|zw)/i;
const METADATA_KEY = /索\s*引\s*号|发\s*文\s*日\s*期|成\s*文\s*日\s*期|发\s*布\s*机\s*构|文\s*号/;

const parser = unified().use(rehypeParse);

function isElement(node: RootContent | Root): node is Element {
  return node.type === 'element';
}

function classAndId(el: Element): string {
  const cls = el.properties?.className;
  return `${Array.isArray(cls) ? cls.join(' ') : (cls ?? '')} ${el.properties?.id ?? ''}`;
}

function textOf(node: Element | Root): string {
  return toText(node, { whitespace: 'pre' }).trim();
}

/** Every element under `node`, depth first. */
function* elements(node: Element | Root): Generator<Element> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child);
  }
}

/** Removes navigation and page furniture in place, reporting its text. */
function dropFurniture(node: Element | Root, removed: RemovedLine[]): void {
  node.children = node.children.filter((child) => {
    if (!isElement(child)) return true;
    const furniture = DROP_TAGS.has(child.tagName) || (FURNITURE.test(classAndId(child)) && !CONTENT.test(classAndId(child)));
    if (furniture) {
      if (child.tagName !== 'head' && child.tagName !== 'script' && child.tagName !== 'style') {
        for (const line of textOf(child).split('\n').map((l) => l.trim()).filter(Boolean)) removed.push({ line, reason: `web page ${child.tagName} (navigation, header or footer)` });
      }
      return false;
    }
    dropFurniture(child, removed);
    return true;
  }) as typeof node.children;
}

/** A metadata table as `key: value` lines, removed from the tree. */
function takeMetadataTable(root: Root): string[] {
  for (const table of elements(root)) {
    if (table.tagName !== 'table' || !METADATA_KEY.test(textOf(table))) continue;
    const lines: string[] = [];
    for (const row of elements(table)) {
      if (row.tagName !== 'tr') continue;
      const cells = row.children.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th').map((c) => textOf(c).replace(/\s+/g, ' '));
      const parts: string[] = [];
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (/[:：]\s*\S/.test(cell)) parts.push(cell);
        else if (/[:：]?$/.test(cell) && i + 1 < cells.length) { parts.push(`${cell.replace(/[:：]$/, '')}: ${cells[++i]}`); }
        else parts.push(cell);
      }
      if (parts.length) lines.push(parts.join(' '));
    }
    table.tagName = 'div';
    table.children = [];
    return lines;
  }
  return [];
}

/** The element holding the article: <article>, <main>, or the content-like block with the most text. */
function findArticle(root: Root): Element | Root {
  const all = [...elements(root)];
  const tagged = all.find((e) => e.tagName === 'article') ?? all.find((e) => e.tagName === 'main');
  if (tagged) return tagged;
  let best: { el: Element; length: number } | null = null;
  for (const el of all) {
    if (!CONTENT.test(classAndId(el))) continue;
    const length = textOf(el).length;
    if (!best || length > best.length) best = { el, length };
  }
  const body = all.find((e) => e.tagName === 'body');
  // A content block must hold most of the page's text to be trusted over the whole body.
  if (best && body && best.length >= 0.5 * textOf(body).length) return best.el;
  return body ?? root;
}

export function htmlToText(html: string): { text: string; removed: RemovedLine[] } {
  const root = parser.parse(html) as Root;
  const removed: RemovedLine[] = [];
  const title = [...elements(root)].find((e) => e.tagName === 'h1');
  const table = takeMetadataTable(root);
  dropFurniture(root, removed);
  const article = findArticle(root);
  const body = textOf(article);
  const titleText = title ? textOf(title) : '';
  // The page title may sit outside the article block.
  const head = titleText && !body.includes(titleText) ? [titleText, ''] : [];
  return { text: [...head, ...table, '', body].join('\n'), removed };
}
