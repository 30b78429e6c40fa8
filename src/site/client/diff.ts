/**
 * The diff page (/compare/diff/?a=<docId>%23<eId>&b=<docId>%23<eId>): loads both
 * documents from /api/docs/<docId>.json, takes each provision's text (its own text, then
 * the clauses below it, one a line), and shows them side by side with the differences of
 * readableDiff marked: <del> on the left (甲), <ins> on the right (乙), each with a hidden
 * text marker for screen readers.
 */
import type { Clause, Document } from '../../lib/types';
import { citationPaths } from '../citation';
import { provisionText } from '../compare/provision-text';
import { markCount, readableDiff, sameShare, type DiffPart } from '../compare/diff-merge';

const root = document.querySelector<HTMLElement>('[data-diff]');
const statusEl = document.querySelector<HTMLElement>('[data-diff-status]');
const resultEl = document.querySelector<HTMLElement>('[data-diff-result]');
const form = document.querySelector<HTMLFormElement>('[data-diff-form]');

const places: Record<string, string> = JSON.parse(root?.dataset.places ?? '{}');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; href?: string } = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text != null) node.textContent = props.text;
  if (props.href != null) node.setAttribute('href', props.href);
  node.append(...children);
  return node;
}

function hiddenText(text: string) {
  return el('span', { class: 'visually-hidden', text });
}

/** "<docId>#<eId>": the eId is after the last # */
function split(key: string): [string, string] | null {
  const at = key.lastIndexOf('#');
  if (at <= 0 || at === key.length - 1) return null;
  return [key.slice(0, at), key.slice(at + 1)];
}

const docs = new Map<string, Promise<Document>>();
function loadDoc(id: string): Promise<Document> {
  if (!docs.has(id)) {
    docs.set(
      id,
      fetch(`/api/docs/${encodeURIComponent(id)}.json`).then((r) => {
        if (!r.ok) throw new Error(`找不到文件“${id}”`);
        return r.json() as Promise<Document>;
      }),
    );
  }
  return docs.get(id)!;
}

type Side = { key: string; doc: Document; clause: Clause; cite: string; text: string };

async function loadSide(key: string): Promise<Side> {
  const parts = split(key);
  if (!parts) throw new Error(`“${key}”不是“文件编号#条款编号”`);
  const [docId, eId] = parts;
  const doc = await loadDoc(docId);
  const clause = doc.clauses.find((c) => c.id === eId);
  if (!clause) throw new Error(`《${doc.title}》中没有条款“${eId}”`);
  const cite = citationPaths(doc.clauses).get(clause.id) || clause.num || clause.heading || '';
  return { key, doc, clause, cite, text: provisionText(doc, clause) };
}

function sideHeader(label: string, side: Side) {
  const place = places[side.doc.jurisdiction] ?? side.doc.jurisdiction;
  return el(
    'header',
    { class: 'diff__head' },
    el('span', { class: 'diff__tag', text: label }),
    el('span', { class: 'diff__place', text: place }),
    el('a', { class: 'diff__doc', href: side.doc.url, text: `《${side.doc.title}》` }),
    el('a', { class: 'diff__cite', href: side.clause.url, text: [side.cite, side.clause.heading].filter(Boolean).join(' ') || '全文' }),
  );
}

function sideText(parts: DiffPart[], which: 'a' | 'b') {
  const p = el('p', { class: 'diff__text' });
  for (const part of parts) {
    if (part.kind === 'equal') p.append(part.text);
    else {
      const text = which === 'a' ? part.a : part.b;
      if (!text) continue;
      p.append(
        which === 'a'
          ? el('del', {}, hiddenText('［删去：'), text, hiddenText('］'))
          : el('ins', {}, hiddenText('［新增：'), text, hiddenText('］')),
      );
    }
  }
  return p;
}

function swapHref(a: string, b: string) {
  return `/compare/diff/?a=${encodeURIComponent(b)}&b=${encodeURIComponent(a)}`;
}

async function run() {
  if (!root || !statusEl || !resultEl || !form) return;
  const params = new URLSearchParams(location.search);
  const a = params.get('a')?.trim() ?? '';
  const b = params.get('b')?.trim() ?? '';
  (form.elements.namedItem('a') as HTMLInputElement).value = a;
  (form.elements.namedItem('b') as HTMLInputElement).value = b;
  if (!a || !b) {
    statusEl.textContent = '请选择两条规定。';
    form.hidden = false;
    return;
  }
  statusEl.textContent = '正在载入两条规定…';
  let sides: [Side, Side];
  try {
    sides = await Promise.all([loadSide(a), loadSide(b)]);
  } catch (error) {
    statusEl.textContent = `无法对比：${(error as Error).message}。`;
    form.hidden = false;
    return;
  }
  const [left, right] = sides;
  const parts = readableDiff(left.text, right.text);
  const marks = markCount(parts);
  const same = Math.round(sameShare(parts) * 100);
  document.title = `${left.cite || left.doc.title} ⇄ ${right.cite || right.doc.title} · 逐字对比 · 条文`;
  resultEl.replaceChildren(
    el(
      'p',
      { class: 'diff__summary' },
      marks === 0 ? '两条规定文字相同。' : `相同文字约占 ${same}%，标出 ${parts.filter((p) => p.kind === 'change').length} 处不同。`,
      ' ',
      el('a', { href: swapHref(a, b), text: '交换左右' }),
    ),
    el(
      'div',
      { class: 'diff__sides' },
      el('section', { class: 'diff__side diff__side--a' }, sideHeader('甲', left), sideText(parts, 'a')),
      el('section', { class: 'diff__side diff__side--b' }, sideHeader('乙', right), sideText(parts, 'b')),
    ),
  );
  resultEl.dataset.marks = String(marks);
  resultEl.hidden = false;
  statusEl.textContent = '';
  form.hidden = false;
}

run();

export {};
