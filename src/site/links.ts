/**
 * Links across the collection, computed once per build from every document's refs:
 * who cites what (被引用), the index of cited instruments, and the chain of higher-level
 * documents a document implements.
 */
import type { ApiIndex, Document, DocumentSummary } from '../lib/types';
import { citationPaths } from './citation';
import { normaliseCitedTitle } from '../ingest/references';
import { documentSummary, jurisdictionPath, loadDocument, loadIndex } from './data';

/**
 * Similar provisions a document page shows beside each clause (clause-links.ts). Three are
 * enough there; the diff and topic pages show more. On the whole corpus, five per clause
 * made the document pages several times larger.
 */
export const RELATED_SHOWN = 3;

export type Citing = { from: string; docId: string; clauseId: string; text: string; relation?: string };

type Links = {
  /** "<docId>#<eId>" → its citation path (第九条, 第四条第（六）项), for every clause of the collection */
  citePaths: Map<string, string>;
  /** "<docId>" or "<docId>#<eId>" → the clauses citing it */
  citedBy: Map<string, Citing[]>;
  /** document id → documents it cites by a resolved ref, with the strongest relation */
  cites: Map<string, Map<string, string | undefined>>;
  /** cited instruments by key (see citationIndex) */
  instruments: Map<string, InstrumentGroup>;
  /**
   * document id → the other documents its page shows something of, besides those above:
   * the documents whose clauses it shows beside its own (similar provisions) and those it
   * issued, was issued by, replaced or was replaced by (see pageNeighbours)
   */
  shown: Map<string, Set<string>>;
  /** document id → documents citing it or one of its clauses */
  citers: Map<string, Set<string>>;
};

type InstrumentGroup = { labels: Map<string, number>; target: string | null; count: number; docs: Set<string> };

let links: Links | null = null;

/** Links gathered from the documents, given one at a time in the collection's order. */
function collector(): { add(doc: Document): void; finish(): Links } {
  const citedBy = new Map<string, Citing[]>();
  const cites = new Map<string, Map<string, string | undefined>>();
  const citePaths = new Map<string, string>();
  const instruments = new Map<string, InstrumentGroup>();
  const shown = new Map<string, Set<string>>();
  const citers = new Map<string, Set<string>>();
  const add = (doc: Document) => {
    for (const [eId, cite] of citationPaths(doc.clauses)) citePaths.set(`${doc.id}#${eId}`, cite);
    const out = new Map<string, string | undefined>();
    const others = new Set([doc.issuedBy, doc.replacedBy, ...(doc.issues ?? []), ...(doc.replaces ?? [])].filter((id): id is string => Boolean(id)));
    for (const clause of doc.clauses) {
      for (const ref of clause.related.slice(0, RELATED_SHOWN)) others.add(ref.split('#')[0]!);
      for (const ref of clause.refs) {
        addInstrument(instruments, doc.id, ref);
        if (!ref.target) continue;
        const targetDoc = ref.target.split('#')[0]!;
        if (targetDoc === doc.id) continue;
        const entry: Citing = { from: `${doc.id}#${clause.id}`, docId: doc.id, clauseId: clause.id, text: ref.text, ...(ref.relation ? { relation: ref.relation } : {}) };
        for (const key of ref.target === targetDoc ? [targetDoc] : [ref.target, targetDoc]) {
          const list = citedBy.get(key);
          if (list) list.push(entry);
          else citedBy.set(key, [entry]);
        }
        if (!out.has(targetDoc) || ref.relation === 'basis') out.set(targetDoc, ref.relation ?? out.get(targetDoc));
        const citing = citers.get(targetDoc);
        if (citing) citing.add(doc.id);
        else citers.set(targetDoc, new Set([doc.id]));
      }
    }
    cites.set(doc.id, out);
    others.delete(doc.id);
    shown.set(doc.id, others);
  };
  return { add, finish: () => ({ citedBy, cites, citePaths, instruments, shown, citers }) };
}

/** A pass of its own over every document, one at a time (the collection is not held in memory at once). */
function build(): Links {
  const links = collector();
  for (const d of loadIndex().documents) links.add(loadDocument(d.id));
  return links.finish();
}

function get(): Links {
  links ??= build();
  return links;
}

/**
 * The links, built from a pass over every document that another page makes anyway (the
 * comparison pages', compare/shared.ts), which gives each document, in the collection's
 * order (`index`'s, which must be the build's), to `add`: each pass parses every data file
 * (208 MB on the corpus). Undefined when the links are built already.
 */
export function linksFromPass(index: ApiIndex): { add(doc: Document): void; finish(): void } | undefined {
  // a pass over some other collection than the build's says nothing of its links
  if (links || index !== loadIndex()) return undefined;
  const pass = collector();
  return { add: pass.add, finish: () => void (links ??= pass.finish()) };
}

/** The citation path of a clause anywhere in the collection: 第九条, 第四条第（六）项. */
export function citePathOf(key: string): string | undefined {
  return get().citePaths.get(key);
}

/** Clauses of other documents that cite `target` ("<docId>" for the whole document, or "<docId>#<eId>"). */
export function citedBy(target: string): Citing[] {
  return get().citedBy.get(target) ?? [];
}

/** Documents citing `docId`, each once, in index order. */
export function citingDocuments(docId: string): DocumentSummary[] {
  const ids = new Set(citedBy(docId).map((c) => c.docId));
  return loadIndex().documents.filter((d) => ids.has(d.id));
}

function level(jurisdiction: string): number {
  return jurisdictionPath(jurisdiction).length;
}

/**
 * The higher-level documents `docId` implements, nearest first: documents it cites (its
 * basis first) issued by a jurisdiction above its own, then what those implement, up to
 * the national level (town → city → province → national).
 */
export function implementsChain(docId: string): DocumentSummary[] {
  const chain: DocumentSummary[] = [];
  const seen = new Set([docId]);
  let current = documentSummary(docId);
  while (current) {
    const here = current;
    const ancestors = new Set(jurisdictionPath(here.jurisdiction).map((j) => j.id));
    const candidates = [...(get().cites.get(here.id) ?? new Map()).entries()]
      .map(([id, relation]) => ({ doc: documentSummary(id), relation }))
      .filter((c): c is { doc: DocumentSummary; relation: string | undefined } =>
        c.doc !== undefined && !seen.has(c.doc.id) && c.doc.jurisdiction !== here.jurisdiction && ancestors.has(c.doc.jurisdiction))
      .sort((a, b) => Number(b.relation === 'basis') - Number(a.relation === 'basis') || level(b.doc.jurisdiction) - level(a.doc.jurisdiction));
    const next = candidates[0]?.doc;
    if (!next) break;
    chain.push(next);
    seen.add(next.id);
    current = next;
  }
  return chain;
}

/**
 * Every other document whose data a document's page shows something of: the documents
 * whose clauses stand beside its clauses (similar provisions, with their titles and
 * citation paths), those citing it (their titles, places and citing words), those it
 * issued, was issued by, replaced or was replaced by, and those its chain of implemented
 * documents is chosen from (the documents it cites, and those each link of the chain
 * cites). Sorted. With the site-wide data (jurisdictions, topics), these documents' data
 * and its own are all the data its page reads (document-page.ts: documentPageKey).
 */
export function pageNeighbours(docId: string): string[] {
  const links = get();
  const ids = new Set([...(links.shown.get(docId) ?? []), ...(links.citers.get(docId) ?? [])]);
  for (const link of [docId, ...implementsChain(docId).map((d) => d.id)]) {
    ids.add(link);
    for (const cited of links.cites.get(link)?.keys() ?? []) ids.add(cited);
  }
  ids.delete(docId);
  return [...ids].sort();
}

export type CitedInstrument = {
  /** the cited title (or 文号) as most often written */
  label: string;
  /** the document in the collection, when it is there */
  target: DocumentSummary | null;
  count: number;
  citingDocuments: number;
};

/** A citation's instrument, as a key that groups the ways it is written: 《中华人民共和国安全生产法》第二十一条 → 安全生产法. */
function instrumentKey(text: string): { key: string; label: string } {
  const title = /《(.+)》/.exec(text)?.[1];
  if (title) {
    return { key: `t:${normaliseCitedTitle(title)}`, label: `《${title}》` };
  }
  const number = /[\p{Script=Han}]{1,8}[〔\[［（(]\d{4}[〕\]］）)]\d+号/u.exec(text)?.[0];
  if (number) return { key: `n:${number}`, label: number };
  return { key: `s:${text}`, label: text };
}

/** Counts a ref of document `docId` towards its instrument; self-references are left out. */
function addInstrument(groups: Map<string, InstrumentGroup>, docId: string, ref: { text: string; target: string | null }): void {
  const targetDoc = ref.target?.split('#')[0] ?? null;
  if (targetDoc === docId) return;
  const { key: textKey, label } = instrumentKey(ref.text);
  // Unresolved references to an article of the same document (本条例第N条 that does not exist) are not instruments.
  if (!targetDoc && !textKey.startsWith('t:') && !textKey.startsWith('n:')) return;
  const key = targetDoc ? `d:${targetDoc}` : textKey;
  const g = groups.get(key) ?? { labels: new Map(), target: targetDoc, count: 0, docs: new Set() };
  g.labels.set(label, (g.labels.get(label) ?? 0) + 1);
  g.count++;
  g.docs.add(docId);
  groups.set(key, g);
}

/**
 * Every instrument cited from another document, most cited first; self-references are left
 * out. Counted in the same pass over the documents as the other links (each pass parses
 * every data file: 208 MB on the corpus).
 */
export function citationIndex(): CitedInstrument[] {
  const groups = get().instruments;
  return [...groups.values()]
    .map((g) => {
      const target = g.target ? (documentSummary(g.target) ?? null) : null;
      const label = target ? `《${target.title}》` : [...g.labels.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      return { label, target, count: g.count, citingDocuments: g.docs.size };
    })
    .sort((a, b) => b.count - a.count || b.citingDocuments - a.citingDocuments || (a.label < b.label ? -1 : 1));
}
