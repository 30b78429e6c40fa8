/**
 * Document → MDX. The file is an mdast tree (frontmatter + nested <Clause> JSX elements
 * holding text nodes) serialised by remark-mdx, never assembled from strings: `{`, `<`,
 * `import` in a source stay text.
 */
import type { PhrasingContent, Root, RootContent, Paragraph } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { Clause, Document } from '../lib/types.ts';

export const GENERATED_MARK = '由 npm run ingest 从 content/sources 生成，请勿手工编辑 (generated file, do not edit)';

const processor = unified().use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkStringify, { bullet: '-', fences: true });

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}

/**
 * A clause's text with each citation as a <Ref to="docId#eId"> element (no `to` when the
 * cited instrument is not in the collection). Refs are in text order and do not overlap.
 */
export function phrasing(clause: Clause): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const ref of clause.refs) {
    const start = clause.text.indexOf(ref.text, at);
    if (start < 0) continue;
    if (start > at) out.push({ type: 'text', value: clause.text.slice(at, start) });
    const attributes: MdxJsxAttribute[] = [];
    if (ref.target) attributes.push(attribute('to', ref.target));
    if (ref.relation) attributes.push(attribute('relation', ref.relation));
    out.push({ type: 'mdxJsxTextElement', name: 'Ref', attributes, children: [{ type: 'text', value: ref.text }] } satisfies MdxJsxTextElement);
    at = start + ref.text.length;
  }
  if (at < clause.text.length) out.push({ type: 'text', value: clause.text.slice(at) });
  return out;
}

function clauseElement(clause: Clause, children: RootContent[]): MdxJsxFlowElement {
  const attributes = [attribute('id', clause.id), attribute('type', clause.type)];
  if (clause.num !== null) attributes.push(attribute('num', clause.num));
  if (clause.heading !== null) attributes.push(attribute('heading', clause.heading));
  const body: RootContent[] = clause.text ? [{ type: 'paragraph', children: phrasing(clause) } satisfies Paragraph] : [];
  return { type: 'mdxJsxFlowElement', name: 'Clause', attributes, children: [...body, ...children] as MdxJsxFlowElement['children'] };
}

/** Nests the flat clause list back into elements. */
function clauseTree(clauses: Clause[]): RootContent[] {
  const children = new Map<string | null, Clause[]>();
  for (const c of clauses) {
    const list = children.get(c.parent);
    if (list) list.push(c);
    else children.set(c.parent, [c]);
  }
  const build = (parent: string | null): RootContent[] =>
    (children.get(parent) ?? []).map((c) => clauseElement(c, build(c.id)));
  return build(null);
}

/** The frontmatter: the document without its clauses. */
export function frontmatter(doc: Document): Omit<Document, 'clauses'> {
  const { clauses: _clauses, ...rest } = doc;
  return rest;
}

export function documentToMdast(doc: Document): Root {
  const yaml = `# ${GENERATED_MARK}\n${stringifyYaml(frontmatter(doc), { lineWidth: 0 }).trimEnd()}`;
  return { type: 'root', children: [{ type: 'yaml', value: yaml }, ...clauseTree(doc.clauses)] };
}

export function documentToMdx(doc: Document): string {
  return processor.stringify(documentToMdast(doc));
}
