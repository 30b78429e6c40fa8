/**
 * Links across the collection: who cites what (被引用), the index of cited instruments, and
 * the chain of higher-level documents a document implements. Read from data/links.json,
 * which the ingest writes (links-collect.ts); gathered from every document's data file by a
 * pass when a content root has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiIndex, Document, DocumentSummary } from '../lib/types';
import { dataDir, documentDigest, documentSummary, jurisdictionPath, loadDocument, loadIndex, readDataFile } from './data';
import { type Citing, LINKS_FILE, type Links, linksCollector, parseLinks } from './links-collect';

export { RELATED_SHOWN, type Citing } from './links-collect';

let links: Links | null = null;

/** Whether the ingest wrote the links (data/links.json); a content root from before it did has none. */
function hasLinksFile(): boolean {
  return fs.existsSync(path.join(dataDir(), LINKS_FILE));
}

function readLinks(): Links {
  try {
    return parseLinks(readDataFile(LINKS_FILE));
  } catch (error) {
    throw new Error(`tiaowen: ${path.join(dataDir(), LINKS_FILE)}: ${(error as Error).message}; run \`npm run ingest\` again`);
  }
}

/** A pass of its own over every document, one at a time (the collection is not held in memory at once). */
function build(): Links {
  const links = linksCollector();
  for (const d of loadIndex().documents) links.add(loadDocument(d.id));
  return links.finish();
}

function get(): Links {
  links ??= hasLinksFile() ? readLinks() : build();
  return links;
}

/**
 * Without data/links.json, the links built from a pass over every document that another page
 * makes anyway (the comparison pages', compare/shared.ts), which gives each document, in the
 * collection's order (`index`'s, which must be the build's), to `add`: each pass parses every
 * data file (208 MB on the corpus). Undefined when the links are built already, or read from
 * the file.
 */
export function linksFromPass(index: ApiIndex): { add(doc: Document): void; finish(): void } | undefined {
  // a pass over some other collection than the build's says nothing of its links
  if (links || index !== loadIndex() || hasLinksFile()) return undefined;
  const pass = linksCollector();
  return { add: pass.add, finish: () => void (links ??= pass.finish()) };
}

/** The citation path of a clause anywhere in the collection: 第九条, 第四条第（六）项. */
export function citePathOf(key: string): string | undefined {
  const at = key.indexOf('#');
  return at < 0 ? undefined : get().citePaths.get(key.slice(0, at))?.get(key.slice(at + 1));
}

/** Every clause's citation path of a document (citation.ts: citationPaths), as the links hold them. */
export function citePathsOf(docId: string): ReadonlyMap<string, string> | undefined {
  return get().citePaths.get(docId);
}

/**
 * The SHA-256 of a document's data file: as the ingest wrote it (data/links.json), else
 * read from the file. A document page's cache key holds its neighbours' (document-page.ts).
 */
export function dataDigest(id: string): string {
  return get().digests.get(id) ?? documentDigest(id);
}

/** Clauses of other documents that cite `target` ("<docId>" for the whole document, or "<docId>#<eId>"). */
export function citedBy(target: string): Citing[] {
  return get().citedBy.get(target) ?? [];
}

/** Documents citing `docId`, each once, in index order. */
export function citingDocuments(docId: string): DocumentSummary[] {
  const ids = new Set(citedBy(docId).map((c) => c.docId));
  // most documents are cited by none: no walk over the whole index for them
  return ids.size === 0 ? [] : loadIndex().documents.filter((d) => ids.has(d.id));
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
      return { label, target, count: g.count, citingDocuments: g.docs };
    })
    .sort((a, b) => b.count - a.count || b.citingDocuments - a.citingDocuments || (a.label < b.label ? -1 : 1));
}
