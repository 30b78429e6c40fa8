/**
 * MDX is serialised from an mdast tree: text that looks like MDX, JSX, HTML or JavaScript
 * must come back as the same text when the MDX is parsed, never as code or markup.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { GENERATED_MARK, documentToMdx } from '../../src/ingest/mdx.ts';
import { ingestBundled } from './helpers.ts';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']);

type Parsed = { id: string; num: string | null; heading: string | null; text: string; refs: { text: string; target: string | null }[] };

/** Reads clauses back out of MDX: each <Clause> element's attributes and its own paragraph text. */
function readClauses(mdx: string): { clauses: Parsed[]; code: string[] } {
  const tree = parser.parse(mdx);
  const clauses: Parsed[] = [];
  const code: string[] = [];
  visit(tree, (node: any) => {
    if (node.type === 'mdxjsEsm' || node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') code.push(node.value);
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name !== 'Clause' && node.name !== 'Ref') code.push(node.name);
    if (node.type !== 'mdxJsxFlowElement' || node.name !== 'Clause') return;
    const attr = (name: string) => node.attributes.find((a: any) => a.name === name)?.value ?? null;
    const paragraph = node.children.find((c: any) => c.type === 'paragraph');
    const inline = paragraph ? paragraph.children : [];
    const textOf = (t: any): string => (t.type === 'text' ? t.value : t.type === 'mdxJsxTextElement' && t.name === 'Ref' ? t.children.map(textOf).join('') : `<${t.type}>`);
    const refs = inline.filter((t: any) => t.type === 'mdxJsxTextElement').map((t: any) => ({ text: t.children.map(textOf).join(''), target: t.attributes.find((a: any) => a.name === 'to')?.value ?? null }));
    clauses.push({ id: attr('id'), num: attr('num'), heading: attr('heading'), text: inline.map(textOf).join(''), refs });
  });
  return { clauses, code };
}

const bundled = await ingestBundled();

describe('generated MDX reads back as the same clauses', () => {
  test.each(bundled.documents.map((d) => [d.id, d] as const))('%s', (_id, doc) => {
    const mdx = documentToMdx(doc);
    expect(mdx).toContain(GENERATED_MARK);
    const { clauses, code } = readClauses(mdx);
    expect(code).toEqual([]);
    // The citations are <Ref> elements carrying their targets.
    expect(clauses).toEqual(doc.clauses.map(({ id, num, heading, text, refs }) => ({ id, num, heading, text, refs: refs.map((r) => ({ text: r.text, target: r.target })) })));
  });
});

const hostile = [
  '第一条 {process.exit(1)} 与 {{constructor.constructor("return process")().exit(1)}} 均为文字。',
  '第二条 import fs from "node:fs" 以及 export const x = 1 不是代码；',
  '第三条 <script>alert(1)</script> 与 <img src=x onerror="alert(1)"> 与 [链接](javascript:alert(1)) 都要原样显示。',
  '第四条 *强调* _下划线_ # 井号 > 引用 `代码` \\反斜杠 &amp; 实体 <Clause id="x">伪造</Clause>。',
];
const [doc] = (await ingestCollection([{ source: 'hostile.txt', bytes: new TextEncoder().encode(['测试条例', '', ...hostile].join('\n')) }])).documents;

describe('hostile text stays text', () => {
  test('the clause texts are the lines as written', () => {
    expect(doc!.clauses.map((c) => `${c.num} ${c.text}`)).toEqual(hostile);
  });
  test('parsing the MDX gives no ESM, no expressions, no other elements, and the same texts', () => {
    const { clauses, code } = readClauses(documentToMdx(doc!));
    expect(code).toEqual([]);
    expect(clauses.map((c) => `${c.num} ${c.text}`)).toEqual(hostile);
    expect(clauses.flatMap((c) => c.refs)).toEqual([]);
  });
});
