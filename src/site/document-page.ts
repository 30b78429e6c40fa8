/**
 * What a document page shows besides the document itself: everything it reads from other
 * documents (who cites it, what it implements, the clauses beside each clause, the
 * documents it issues or replaces) and from outside the data (the original's size).
 *
 * The page renders from this and from its own document only, so the two together are
 * the page's `cacheKey` for Astro's incremental builds (astro.config.mjs): a rebuild skips
 * rendering a page whose key and code are unchanged and copies the earlier output, and a
 * change anywhere the page reads changes its key.
 */
import { createHash } from 'node:crypto';
import type { Document, DocumentSummary } from '../lib/types';
import { citationPaths } from './citation';
import { clauseLinks, type ClauseLinks } from './clause-links';
import { documentSummary, jurisdictionPath } from './data';
import { citingDocuments, implementsChain } from './links';
import { sourceLink } from './sources';

export type PageFlags = { topicPages: boolean; diffPage: boolean };

export type LinkedDocument = { id: string; title: string; url: string; docNumber: string | null; known: boolean };

export type DocumentPage = {
  cite: Map<string, string>;
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
    cite: citationPaths(doc.clauses),
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
 * The page's cache key: a hash of its document (`digest`, the hash of the data file it is
 * parsed from: cheaper than writing the parsed document out again) and of everything else
 * it shows.
 */
export function documentPageKey(doc: Document, digest: string, flags: PageFlags): string {
  const page = documentPage(doc, flags);
  return createHash('sha256')
    .update(digest)
    .update(JSON.stringify(page, (_, value) => (value instanceof Map ? [...value] : value)))
    .digest('hex');
}
