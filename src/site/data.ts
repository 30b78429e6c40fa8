/**
 * Build-time access to the ingest output in `<content root>/data/`.
 * Everything here runs in Node while Astro prerenders; nothing is shipped to browsers.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiIndex, Document, DocumentSummary, IngestReport, Jurisdiction } from '../lib/types';
import { contentRoot } from './content-root';

export function dataDir(): string {
  return path.join(contentRoot(), 'data');
}

/** Raw text of a file under data/, with an actionable error when it is missing. */
export function readDataFile(relative: string): string {
  const file = path.join(dataDir(), relative);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `tiaowen: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error}). ` +
        'Run `npm run ingest` first, or point TIAOWEN_CONTENT at a content root that has data/.',
    );
  }
}

function parseJson<T>(relative: string, text = readDataFile(relative)): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`tiaowen: ${path.join(dataDir(), relative)} is not valid JSON: ${(error as Error).message}`);
  }
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

export function loadIndex(): ApiIndex {
  return cached('index', () => parseJson<ApiIndex>('index.json'));
}

export function loadReport(): IngestReport {
  return cached('report', () => parseJson<IngestReport>('report.json'));
}

export function docFileName(id: string): string {
  return `${id}.json`;
}

/**
 * Recently read documents. Bounded: on a corpus of thousands of documents, keeping every
 * document read during a build held gigabytes and slowed the whole build down.
 */
const documents = new Map<string, Document>();
const DOCUMENT_CACHE = 256;

/** Every document's hash (documentDigest) and issuing notice, once read: a few bytes each, kept for the whole build. */
const digests = new Map<string, string>();
const issuers = new Map<string, string | null>();

export function loadDocument(id: string): Document {
  const hit = documents.get(id);
  if (hit) {
    documents.delete(id);
    documents.set(id, hit);
    return hit;
  }
  const relative = path.join('docs', docFileName(id));
  const text = readDataFile(relative);
  const doc = parseJson<Document>(relative, text);
  if (doc.id !== id) throw new Error(`tiaowen: data/docs/${docFileName(id)} has id "${doc.id}", expected "${id}"`);
  issuers.set(id, doc.issuedBy ?? null);
  documents.set(id, doc);
  if (documents.size > DOCUMENT_CACHE) documents.delete(documents.keys().next().value!);
  return doc;
}

/**
 * The SHA-256 of a document's data file as it is on disk: what its parsed Document is made
 * from. Read and hashed once per build; a build reads the ingest's digests instead (links.ts:
 * dataDigest), so this is for a content root without them.
 */
export function documentDigest(id: string): string {
  let digest = digests.get(id);
  if (!digest) {
    const file = path.join(dataDir(), 'docs', docFileName(id));
    digests.set(id, (digest = createHash('sha256').update(fs.readFileSync(file)).digest('hex')));
  }
  return digest;
}

/** Ids of every data/docs/*.json file, sorted. */
export function listDocumentIds(): string[] {
  const dir = path.join(dataDir(), 'docs');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** The hash of the data every page shows some of: the jurisdictions (places, their names) and the topics (names). */
export function siteDataDigest(): string {
  return cached('siteDigest', () => {
    const { jurisdictions, topics } = loadIndex();
    return createHash('sha256').update(JSON.stringify([jurisdictions, topics])).digest('hex');
  });
}

export function documentSummary(id: string): DocumentSummary | undefined {
  return cached('summaries', () => new Map(loadIndex().documents.map((d) => [d.id, d]))).get(id);
}

export function jurisdictionById(): Map<string, Jurisdiction> {
  return cached('jurisdictions', () => new Map(loadIndex().jurisdictions.map((j) => [j.id, j])));
}

/** Names from the province down to the given jurisdiction. */
export function jurisdictionPath(id: string): Jurisdiction[] {
  const byId = jurisdictionById();
  const chain: Jurisdiction[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parent ? byId.get(current.parent) : undefined;
  }
  return chain;
}

/** "内蒙古自治区 · 鄂尔多斯市 · 鄂托克前旗": the path without the national level (unless that is all there is). */
export function jurisdictionLabel(id: string): string {
  const chain = jurisdictionPath(id);
  const local = chain.filter((j) => j.level !== 'country');
  return (local.length > 0 ? local : chain).map((j) => j.name).join(' · ') || id;
}

export type JurisdictionNode = Jurisdiction & {
  /** documents whose jurisdiction is exactly this one */
  own: number;
  /** documents in this jurisdiction or any below it */
  total: number;
  children: JurisdictionNode[];
};

/** The jurisdictions as a forest (province → city → county/banner → town), with document counts. */
export function jurisdictionTree(index: ApiIndex = loadIndex()): JurisdictionNode[] {
  const nodes = new Map<string, JurisdictionNode>();
  for (const j of index.jurisdictions) nodes.set(j.id, { ...j, own: 0, total: 0, children: [] });
  for (const d of index.documents) {
    const node = nodes.get(d.jurisdiction);
    if (node) node.own += 1;
  }
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent ? nodes.get(node.parent) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const total = (node: JurisdictionNode, seen: Set<string>): number => {
    if (seen.has(node.id)) return 0;
    seen.add(node.id);
    node.children.sort((a, b) => a.id.localeCompare(b.id));
    node.total = node.own + node.children.reduce((sum, child) => sum + total(child, seen), 0);
    return node.total;
  };
  roots.sort((a, b) => a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const root of roots) total(root, seen);
  return roots;
}

/** Documents grouped by jurisdiction, groups in tree order, newest first within a group. */
export function documentsByJurisdiction(index: ApiIndex = loadIndex()) {
  const order: string[] = [];
  const walk = (nodes: JurisdictionNode[]) => {
    for (const node of nodes) {
      order.push(node.id);
      walk(node.children);
    }
  };
  walk(jurisdictionTree(index));
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of index.documents) {
    if (!groups.has(d.jurisdiction)) groups.set(d.jurisdiction, []);
    groups.get(d.jurisdiction)!.push(d);
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : Number.MAX_SAFE_INTEGER);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, documents]) => ({
      jurisdiction: jurisdictionById().get(id) ?? { id, name: id, level: 'unknown', parent: null },
      documents: documents.sort(
        (a, b) => (b.issued ?? '').localeCompare(a.issued ?? '') || a.title.localeCompare(b.title, 'zh-CN'),
      ),
    }));
}

/** Newest first (undated last), then by title. */
export function byNewest(a: DocumentSummary, b: DocumentSummary): number {
  if (a.issued && !b.issued) return -1;
  if (!a.issued && b.issued) return 1;
  return (b.issued ?? '').localeCompare(a.issued ?? '') || a.title.localeCompare(b.title, 'zh-CN');
}

/** The n newest documents of the collection (undated documents last). */
export function newestDocuments(n: number, index: ApiIndex = loadIndex()): DocumentSummary[] {
  return [...index.documents].sort(byNewest).slice(0, n);
}

/** A jurisdiction and everything below it, in tree order (the jurisdiction first). */
export function subtree(id: string, index: ApiIndex = loadIndex()): JurisdictionNode[] {
  const out: JurisdictionNode[] = [];
  const find = (nodes: JurisdictionNode[]): JurisdictionNode | undefined => {
    for (const node of nodes) {
      if (node.id === id) return node;
      const hit = find(node.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const walk = (node: JurisdictionNode) => {
    out.push(node);
    node.children.forEach(walk);
  };
  const root = find(jurisdictionTree(index));
  if (root) walk(root);
  return out;
}

/**
 * The documents of a jurisdiction page: its own, then those of each jurisdiction below it
 * (in tree order), newest first within a group. Groups without documents are left out.
 */
export function documentsUnder(id: string, index: ApiIndex = loadIndex()) {
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of index.documents) {
    if (!groups.has(d.jurisdiction)) groups.set(d.jurisdiction, []);
    groups.get(d.jurisdiction)!.push(d);
  }
  return subtree(id, index)
    .map((node) => ({ jurisdiction: node as Jurisdiction, own: node.id === id, documents: (groups.get(node.id) ?? []).sort(byNewest) }))
    .filter((g) => g.documents.length > 0);
}

/** Where a document's 文号 is missing because a notice issued it: that notice. */
export function issuingNotice(id: string): DocumentSummary | undefined {
  const issuedBy = issuers.has(id) ? issuers.get(id) : loadDocument(id).issuedBy;
  return issuedBy ? documentSummary(issuedBy) : undefined;
}

/** Roots of the tree as shown to readers: the country level is skipped when it has no documents of its own. */
export function displayRoots(index: ApiIndex = loadIndex()): JurisdictionNode[] {
  const roots = jurisdictionTree(index);
  return roots.flatMap((root) => (root.level === 'country' && root.own === 0 ? root.children : [root]));
}
