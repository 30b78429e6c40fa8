/**
 * Cross-references across the collection: every clause's citations are extracted, then
 * resolved against all documents: by exact or normalised title (中华人民共和国安全生产法 =
 * 安全生产法), by 文号, through short names, and down to the article, paragraph (款) or
 * item (项) when one is named. What is not in the collection keeps `target: null`.
 */
import type { Clause, Document, Ref } from '../lib/types.ts';
import { extractCitations, findShortNames, type Citation, type Pinpoint } from './citations.ts';
import { findDocNumber } from './doc-number.ts';
import { parseNumeral } from './numerals.ts';

/** Titles as readers cite them: no book marks, spaces or quotes, no 中华人民共和国 prefix, no (2018年修正). */
export function normaliseCitedTitle(title: string): string {
  return title
    .replace(/[《》〈〉<>\s\u3000“”"‘’「」]/g, '')
    .replace(/[（(][^（）()]*(修正|修订|修改|年)[^（）()]*[）)]$/, '')
    .replace(/^中华人民共和国/, '');
}

type Index = {
  byTitle: Map<string, Document[]>;
  byNumber: Map<string, Document[]>;
  articles: Map<string, Map<string, Clause[]>>;
};

export function articleKey(article: number, sub?: number): string {
  return sub === undefined ? String(article) : `${article}_${sub}`;
}

/** 第十七条之一 → '17_1' */
export function clauseArticleKey(num: string | null): string | null {
  const m = num ? /^第(.+?)条(?:之(.+))?$/.exec(num) : null;
  if (!m) return null;
  const a = parseNumeral(m[1]!);
  const sub = m[2] ? parseNumeral(m[2]) : undefined;
  return a === null ? null : articleKey(a, sub ?? undefined);
}

function buildIndex(documents: Document[]): Index {
  const index: Index = { byTitle: new Map(), byNumber: new Map(), articles: new Map() };
  const add = <K>(map: Map<K, Document[]>, key: K, d: Document) => map.set(key, [...(map.get(key) ?? []), d]);
  for (const d of documents) {
    add(index.byTitle, normaliseCitedTitle(d.title), d);
    const n = d.docNumber ? findDocNumber(d.docNumber) : null;
    if (n) add(index.byNumber, `${n.year}-${n.serial}`, d);
    const articles = new Map<string, Clause[]>();
    for (const c of d.clauses) {
      if (c.type !== 'article') continue;
      const key = clauseArticleKey(c.num);
      if (key) articles.set(key, [...(articles.get(key) ?? []), c]);
    }
    index.articles.set(d.id, articles);
  }
  return index;
}

/** Of several versions, the one in force when the citing document was issued, else the current one. */
function pickVersion(candidates: Document[], citing: Document): Document | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const dated = candidates.filter((d) => d.issued !== null).sort((a, b) => (a.issued! < b.issued! ? -1 : 1));
  if (citing.issued) {
    const before = dated.filter((d) => d.issued! <= citing.issued!);
    if (before.length) return before[before.length - 1]!;
  }
  return candidates.find((d) => d.status === 'current') ?? dated[dated.length - 1] ?? candidates[0]!;
}

function byTitle(index: Index, title: string, citing: Document): Document | null {
  const key = normaliseCitedTitle(title);
  const candidates = (index.byTitle.get(key) ?? []).filter((d) => d.id !== citing.id);
  return pickVersion(candidates, citing);
}

function byNumber(index: Index, number: string, citing: Document): Document | null {
  const n = findDocNumber(number);
  if (!n) return null;
  const candidates = (index.byNumber.get(`${n.year}-${n.serial}`) ?? []).filter((d) => {
    const p = findDocNumber(d.docNumber!)!.prefix;
    return d.id !== citing.id && (p.endsWith(n.prefix) || n.prefix.endsWith(p));
  });
  return candidates.length === 1 ? candidates[0]! : null;
}

/** The clause a pinpoint names in `doc`; within `scope` (a section's eId) when articles restart. */
function findClause(index: Index, doc: Document, pin: Pinpoint, scope: string | null): string | null {
  const articles = index.articles.get(doc.id)?.get(articleKey(pin.article, pin.articleSub)) ?? [];
  const article = articles.length === 1 ? articles[0] : articles.find((a) => scope !== null && a.id.startsWith(`${scope}__`));
  if (!article) return null;
  let id = article.id;
  const exists = (eId: string) => doc.clauses.some((c) => c.id === eId);
  // 第一款 is the article's own text; later 款 are its paragraphs.
  if (pin.paragraph !== undefined && pin.paragraph > 1) {
    if (!exists(`${id}__para_${pin.paragraph}`)) return id;
    id = `${id}__para_${pin.paragraph}`;
  }
  if (pin.item !== undefined) {
    const item = [`${id}__item_${pin.item}`, `${article.id}__item_${pin.item}`].find(exists);
    if (item) id = item;
  }
  return id;
}

/** The section an article of a document with restarting numbering sits in: sec_2 of sec_2__art_3. */
function scopeOf(clauseId: string): string | null {
  const m = /^(.*?)__art_/.exec(clauseId);
  return m ? m[1]! : null;
}

function articleOf(doc: Document, clause: Clause): Clause | null {
  let c: Clause | undefined = clause;
  const byId = new Map(doc.clauses.map((x) => [x.id, x]));
  while (c && c.type !== 'article') c = c.parent ? byId.get(c.parent) : undefined;
  return c ?? null;
}

function resolve(index: Index, doc: Document, clause: Clause, c: Citation): string | null {
  const scope = scopeOf(clause.id);
  if (c.kind === 'self') {
    const eId = findClause(index, doc, c.pinpoint!, scope);
    return eId ? `${doc.id}#${eId}` : null;
  }
  if (c.kind === 'relative') {
    const article = articleOf(doc, clause);
    if (!article) return null;
    if (c.relative === 'previousArticle') {
      const articles = doc.clauses.filter((x) => x.type === 'article' && x.parent === article.parent);
      const prev = articles[articles.indexOf(article) - 1];
      return prev ? `${doc.id}#${prev.id}` : null;
    }
    // 前款: the paragraph before the one this clause belongs to, counting the article's text as the first.
    const paragraph = /__para_(\d+)/.exec(clause.id.slice(article.id.length));
    const number = paragraph ? Number(paragraph[1]) : 1;
    if (number <= 1) return null;
    return `${doc.id}#${number === 2 ? article.id : `${article.id}__para_${number - 1}`}`;
  }
  const target = (c.title ? byTitle(index, c.title, doc) : null) ?? (c.docNumber ? byNumber(index, c.docNumber, doc) : null);
  if (!target) return null;
  if (c.pinpoint) {
    const eId = findClause(index, target, c.pinpoint, null);
    if (eId) return `${target.id}#${eId}`;
  }
  return target.id;
}

/** Fills every clause's `refs`, in text order (the MDX finds each ref's text in turn). */
export function linkReferences(documents: Document[]): void {
  const index = buildIndex(documents);
  for (const doc of documents) {
    const shortNames = findShortNames(doc.clauses.map((c) => c.text).join('\n'));
    for (const clause of doc.clauses) {
      clause.refs = extractCitations(clause.text, shortNames).map((c): Ref => {
        const target = resolve(index, doc, clause, c);
        return { text: c.text, target, ...(c.relation ? { relation: c.relation } : {}) };
      });
    }
  }
}
