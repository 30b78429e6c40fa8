/**
 * The clause tree a careful reader sees, built from a document's body lines.
 *
 * Structural numbering (编/分编/章/节/条, 附件) has a fixed rank. List numbering
 * (一、 （一） 1. （1） ① 第一阶段) nests in whatever order a document uses it: a
 * number of a style already open closes that style's clause and opens a sibling;
 * a new style opens a child. Unnumbered lines become the text of an empty clause or
 * paragraphs (款) of the open one; nothing is dropped.
 */
import { matchNumbering, type Numbering, type NumberingKind } from './numbering.ts';

export type ClauseNode = {
  kind: NumberingKind | 'paragraph' | 'preamble';
  value: number | null;
  subValue?: number;
  num: string | null;
  heading: string | null;
  text: string;
  children: ClauseNode[];
  /** the numbered line held only a heading (一、机构设置和人员组成): such a clause can hold articles */
  headingOnly?: boolean;
};

/** Rank of structural kinds: a clause of rank r closes open clauses of rank ≥ r. */
const RANK: Partial<Record<NumberingKind, number>> = { attachment: 0, part: 1, subpart: 2, chapter: 3, section: 4, article: 6 };
const LIST_KINDS = new Set<NumberingKind>(['heading1', 'item', 'point', 'subpoint', 'subitem', 'stage']);

const TERMINAL_PUNCT = /[。；;！？!?：:]/;
const HEADING_MAX = 30;
const HEADING_SENTENCE_MAX = 30;
/** Article headings given as a first sentence name a 制度/机制 (约谈制度。对…). */
const ARTICLE_HEADING_SENTENCE = /(制度|机制)$/;

/** Splits the text after a numbering into heading and text. */
export function splitHeading(kind: NumberingKind, rest: string): { heading: string | null; text: string } {
  if (rest === '') return { heading: null, text: '' };
  const max = kind === 'article' ? 20 : HEADING_MAX;
  // A short line without a sentence end is a heading, even with a comma (（一）提高认识,加强领导).
  if (!TERMINAL_PUNCT.test(rest) && rest.length <= max) return { heading: rest, text: '' };
  const stop = rest.indexOf('。');
  if (stop > 0 && stop < rest.length - 1) {
    const sentence = rest.slice(0, stop);
    const ok = sentence.length <= HEADING_SENTENCE_MAX && !/[，,；;：:]/.test(sentence) &&
      (kind !== 'article' || ARTICLE_HEADING_SENTENCE.test(sentence));
    if (ok) return { heading: sentence, text: rest.slice(stop + 1) };
  }
  return { heading: null, text: rest };
}

function isStructural(kind: ClauseNode['kind']): boolean {
  return kind in RANK;
}

/** Can `open` hold an article? Structural containers can, and a 一、 heading that has no text of its own. */
function holdsArticles(open: ClauseNode): boolean {
  if (open.kind === 'article') return false;
  if (isStructural(open.kind)) return true;
  return (open.kind === 'heading1' || open.kind === 'stage') && open.headingOnly === true;
}

function newClause(n: Numbering): ClauseNode {
  const { heading, text } = splitHeading(n.kind, n.rest);
  return {
    kind: n.kind, value: n.value, ...(n.subValue !== undefined ? { subValue: n.subValue } : {}),
    num: n.num, heading, text, children: [], ...(heading !== null && text === '' ? { headingOnly: true } : {}),
  };
}

export function buildClauseTree(lines: string[]): ClauseNode[] {
  const root: ClauseNode[] = [];
  const stack: ClauseNode[] = [];
  let seenNumbered = false;
  const attach = (node: ClauseNode) => (stack.length ? stack[stack.length - 1]!.children : root).push(node);

  for (const line of lines) {
    if (line === '') continue;
    const n = matchNumbering(line);
    if (!n) {
      const top = stack[stack.length - 1];
      if (top && top.text === '' && top.children.length === 0) {
        top.text = line;
        continue;
      }
      // A paragraph after a list of items is the article's next 款, not part of the last item.
      const article = stack.findLastIndex((open) => open.kind === 'article');
      if (article >= 0 && top && LIST_KINDS.has(top.kind as NumberingKind)) stack.length = article + 1;
      if (top === undefined) attach({ kind: seenNumbered ? 'paragraph' : 'preamble', value: null, num: null, heading: null, text: line, children: [] });
      else attach({ kind: 'paragraph', value: null, num: null, heading: null, text: line, children: [] });
      continue;
    }
    seenNumbered = true;
    if (n.kind === 'article') {
      while (stack.length && !holdsArticles(stack[stack.length - 1]!)) stack.pop();
    } else if (isStructural(n.kind)) {
      const rank = RANK[n.kind]!;
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        if (isStructural(top.kind) && RANK[top.kind as NumberingKind]! < rank) break;
        stack.pop();
      }
    } else if (LIST_KINDS.has(n.kind)) {
      const same = stack.findLastIndex((open) => open.kind === n.kind);
      if (same >= 0) stack.length = same;
    }
    const node = newClause(n);
    attach(node);
    stack.push(node);
  }
  return liftClosingParagraphs(root);
}

/**
 * A closing paragraph after the last of a run of one-paragraph sections (002: 十五、…
 * then 各级党委和政府要…) belongs to the document, not to that last section.
 */
function liftClosingParagraphs(root: ClauseNode[]): ClauseNode[] {
  const last = root[root.length - 1];
  if (!last || last.kind === 'paragraph' || last.kind === 'preamble') return root;
  const siblings = root.filter((c) => c.kind === last.kind && c !== last);
  if (siblings.length === 0 || siblings.some((c) => c.children.length > 0)) return root;
  if (!last.children.every((c) => c.kind === 'paragraph')) return root;
  const lifted = last.children;
  last.children = [];
  return [...root, ...lifted];
}
