/**
 * The links across a collection, gathered from its documents one at a time, and their JSON
 * form (data/links.json). The ingest holds every document when it writes the data files and
 * writes the links beside them; the build's threads then read one file (26 MB on the corpus)
 * instead of parsing every data file (208 MB) for them, which was 4–5 s of the corpus site's
 * render on each thread that needed them. links.ts answers the pages' questions from them.
 */
import type { Document } from '../lib/types';
import { citationPaths } from './citation';
import { normaliseCitedTitle } from '../ingest/references';

/** The file under data/ the ingest writes them to. */
export const LINKS_FILE = 'links.json';

/**
 * Similar provisions a document page shows beside each clause (clause-links.ts). Three are
 * enough there; the diff and topic pages show more. On the whole corpus, five per clause
 * made the document pages several times larger.
 */
export const RELATED_SHOWN = 3;

export type Citing = { from: string; docId: string; clauseId: string; text: string; relation?: string };

/** A cited instrument: the ways it is written (with counts), its document if in the collection, its citations and citing documents. */
export type InstrumentGroup = { labels: Map<string, number>; target: string | null; count: number; docs: number };

export type Links = {
  /** document id → its clauses' citation paths by eId (第九条, 第四条第（六）项), for every document */
  citePaths: Map<string, ReadonlyMap<string, string>>;
  /** "<docId>" or "<docId>#<eId>" → the clauses citing it */
  citedBy: Map<string, Citing[]>;
  /** document id → documents it cites by a resolved ref, with the strongest relation */
  cites: Map<string, Map<string, string | undefined>>;
  /** cited instruments by key (see instrumentKey) */
  instruments: Map<string, InstrumentGroup>;
  /**
   * document id → the other documents its page shows something of, besides those above:
   * the documents whose clauses it shows beside its own (similar provisions) and those it
   * issued, was issued by, replaced or was replaced by (see links.ts: pageNeighbours)
   */
  shown: Map<string, Set<string>>;
  /** document id → documents citing it or one of its clauses */
  citers: Map<string, Set<string>>;
  /** document id → the SHA-256 of its data file, when the collector was told it (the ingest, which writes the file) */
  digests: Map<string, string>;
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

/** Links gathered from the documents, given one at a time in the collection's order (`digest`: its data file's, when known). */
export function linksCollector(): { add(doc: Document, digest?: string): void; finish(): Links } {
  const links: Links = { citePaths: new Map(), citedBy: new Map(), cites: new Map(), instruments: new Map(), shown: new Map(), citers: new Map(), digests: new Map() };
  // the last document counted towards each instrument: documents come one at a time
  const lastCiting = new Map<InstrumentGroup, string>();
  const addInstrument = (docId: string, ref: { text: string; target: string | null }) => {
    const targetDoc = ref.target?.split('#')[0] ?? null;
    if (targetDoc === docId) return;
    const { key: textKey, label } = instrumentKey(ref.text);
    // Unresolved references to an article of the same document (本条例第N条 that does not exist) are not instruments.
    if (!targetDoc && !textKey.startsWith('t:') && !textKey.startsWith('n:')) return;
    const key = targetDoc ? `d:${targetDoc}` : textKey;
    let g = links.instruments.get(key);
    if (!g) links.instruments.set(key, (g = { labels: new Map(), target: targetDoc, count: 0, docs: 0 }));
    g.labels.set(label, (g.labels.get(label) ?? 0) + 1);
    g.count++;
    if (lastCiting.get(g) !== docId) {
      lastCiting.set(g, docId);
      g.docs++;
    }
  };
  const add = (doc: Document, digest?: string) => {
    links.citePaths.set(doc.id, citationPaths(doc.clauses));
    if (digest) links.digests.set(doc.id, digest);
    const out = new Map<string, string | undefined>();
    const others = new Set([doc.issuedBy, doc.replacedBy, ...(doc.issues ?? []), ...(doc.replaces ?? [])].filter((id): id is string => Boolean(id)));
    for (const clause of doc.clauses) {
      for (const ref of clause.related.slice(0, RELATED_SHOWN)) others.add(ref.split('#')[0]!);
      for (const ref of clause.refs) {
        addInstrument(doc.id, ref);
        if (!ref.target) continue;
        const targetDoc = ref.target.split('#')[0]!;
        if (targetDoc === doc.id) continue;
        const entry: Citing = { from: `${doc.id}#${clause.id}`, docId: doc.id, clauseId: clause.id, text: ref.text, ...(ref.relation ? { relation: ref.relation } : {}) };
        for (const key of ref.target === targetDoc ? [targetDoc] : [ref.target, targetDoc]) {
          const list = links.citedBy.get(key);
          if (list) list.push(entry);
          else links.citedBy.set(key, [entry]);
        }
        if (!out.has(targetDoc) || ref.relation === 'basis') out.set(targetDoc, ref.relation ?? out.get(targetDoc));
        const citing = links.citers.get(targetDoc);
        if (citing) citing.add(doc.id);
        else links.citers.set(targetDoc, new Set([doc.id]));
      }
    }
    links.cites.set(doc.id, out);
    others.delete(doc.id);
    links.shown.set(doc.id, others);
  };
  return { add, finish: () => links };
}

/** The links as JSON, every map's entries in the order they were gathered (the collection's): the same documents give the same bytes. */
export function linksJson(links: Links): string {
  const entries = <V, W>(map: Map<string, V>, f: (v: V) => W) => [...map].map(([k, v]) => [k, f(v)]);
  return `${JSON.stringify({
    citePaths: entries(links.citePaths, (paths) => Object.fromEntries(paths)),
    citedBy: entries(links.citedBy, (list) => list.map((c) => [c.from, c.text, c.relation ?? null])),
    cites: entries(links.cites, (m) => [...m].map(([id, relation]) => [id, relation ?? null])),
    instruments: entries(links.instruments, (g) => [[...g.labels], g.target, g.count, g.docs]),
    shown: entries(links.shown, (s) => [...s]),
    citers: entries(links.citers, (s) => [...s]),
    digests: [...links.digests],
  })}\n`;
}

type LinksFile = {
  citePaths: [string, Record<string, string>][];
  citedBy: [string, [string, string, string | null][]][];
  cites: [string, [string, string | null][]][];
  instruments: [string, [[string, number][], string | null, number, number]][];
  shown: [string, string[]][];
  citers: [string, string[]][];
  digests: [string, string][];
};

/** The links from their JSON form (linksJson); throws when the text is not that form. */
export function parseLinks(text: string): Links {
  const f = JSON.parse(text) as LinksFile;
  for (const key of ['citePaths', 'citedBy', 'cites', 'instruments', 'shown', 'citers', 'digests'] as const) {
    if (!Array.isArray(f?.[key])) throw new Error(`not the links' JSON form: no list "${key}"`);
  }
  return {
    citePaths: new Map(f.citePaths.map(([id, paths]) => [id, new Map(Object.entries(paths))])),
    citedBy: new Map(
      f.citedBy.map(([key, list]) => [
        key,
        list.map(([from, text, relation]) => {
          const at = from.indexOf('#');
          return { from, docId: from.slice(0, at), clauseId: from.slice(at + 1), text, ...(relation ? { relation } : {}) };
        }),
      ]),
    ),
    cites: new Map(f.cites.map(([id, list]) => [id, new Map(list.map(([target, relation]) => [target, relation ?? undefined]))])),
    instruments: new Map(f.instruments.map(([key, [labels, target, count, docs]]) => [key, { labels: new Map(labels), target, count, docs }])),
    shown: new Map(f.shown.map(([id, ids]) => [id, new Set(ids)])),
    citers: new Map(f.citers.map(([id, ids]) => [id, new Set(ids)])),
    digests: new Map(f.digests),
  };
}
