/**
 * What a document page shows besides the document itself: everything it reads from other
 * documents (who cites it, what it implements, the clauses beside each clause, the
 * documents it issues or replaces) and from outside the data (the original's size).
 *
 * The page renders from this and from its own document only. Its `cacheKey` for Astro's
 * incremental builds (astro.config.mjs) is a hash of the data both are made from
 * (documentPageKey): a rebuild skips rendering a page whose key and code are unchanged and
 * copies the earlier output, and a change anywhere the page reads changes its key.
 */
import { createHash } from 'node:crypto';
import type { Document, DocumentSummary } from '../lib/types';
import { citationPaths } from './citation';
import { clauseLinks, type ClauseLinks } from './clause-links';
import { documentSummary, jurisdictionPath, siteDataDigest } from './data';
import { citePathsOf, citingDocuments, dataDigest, implementsChain, pageNeighbours } from './links';
import { sourceLink } from './sources';

export type PageFlags = { topicPages: boolean; diffPage: boolean };

export type LinkedDocument = { id: string; title: string; url: string; docNumber: string | null; known: boolean };

export type DocumentPage = {
  cite: ReadonlyMap<string, string>;
  links: Map<string, ClauseLinks>;
  citing: DocumentSummary[];
  /** higher-level documents it implements, each with the name of its place */
  chain: (DocumentSummary & { place: string })[];
  place: ReturnType<typeof jurisdictionPath>;
  issuedBy: LinkedDocument | null;
  issues: LinkedDocument[];
  replacedBy: LinkedDocument | null;
  replaces: LinkedDocument[];
  source: ReturnType<typeof sourceLink>;
};

function linked(id: string): LinkedDocument {
  const summary = documentSummary(id);
  return { id, title: summary?.title ?? id, url: summary?.url ?? `/docs/${id}/`, docNumber: summary?.docNumber ?? null, known: Boolean(summary) };
}

export function documentPage(doc: Document, flags: PageFlags): DocumentPage {
  return {
    // the links hold them already; a document the links do not know (not in the index) has its own computed
    cite: citePathsOf(doc.id) ?? citationPaths(doc.clauses),
    links: clauseLinks(doc, flags),
    citing: citingDocuments(doc.id),
    chain: implementsChain(doc.id).map((d) => ({ ...d, place: jurisdictionPath(d.jurisdiction).at(-1)?.name ?? '' })),
    place: jurisdictionPath(doc.jurisdiction),
    issuedBy: doc.issuedBy ? linked(doc.issuedBy) : null,
    issues: (doc.issues ?? []).map(linked),
    replacedBy: doc.replacedBy ? linked(doc.replacedBy) : null,
    replaces: (doc.replaces ?? []).map(linked),
    source: sourceLink(doc.source),
  };
}

/**
 * The page's cache key: a hash of the data the page is made from rather than of the page
 * itself: its document's data file, the data files of the documents it shows something of
 * (links.ts: pageNeighbours), the digest of its MDX file (its body), the site-wide data, the
 * original's size and the flags. Each of those documents' summary and citation paths is
 * made from its data file, so a change to any of them changes its hash. Hashing what
 * documentPage makes instead computed every page's links twice (10–11 s of Astro's thread
 * on the corpus before its first page).
 */
export function documentPageKey(id: string, flags: PageFlags, mdxDigest: string | number | undefined): string {
  const summary = documentSummary(id);
  const neighbours = pageNeighbours(id).map((other) => [other, documentSummary(other) ? dataDigest(other) : null]);
  return createHash('sha256')
    .update(JSON.stringify({ digest: dataDigest(id), mdx: mdxDigest ?? null, flags, source: summary ? sourceLink(summary.source) : null, site: siteDataDigest(), neighbours }))
    .digest('hex');
}
