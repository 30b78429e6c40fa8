/**
 * Whole-collection ingest: every source parsed, then ids assigned (unique across the
 * collection), links between documents filled in, and the outputs derived.
 */
import { createHash } from 'node:crypto';
import type { ApiIndex, Document, DocumentSummary, IngestProblem, IngestReport, Jurisdiction, Topic } from '../lib/types.ts';
import { compareProvisions, type CompareOptions } from './compare.ts';
import { assignTopics, type TopicRule } from './topics.ts';
import { documentId } from './doc-id.ts';
import { jurisdictionChain } from './jurisdiction.ts';
import { linkReferences } from './references.ts';
import { applyReplacements } from './status.ts';
import { parseSource, type ParsedSource } from './parse-source.ts';
import { parseSidecar, type Sidecar } from './sidecar.ts';

export type SourceFile = { source: string; bytes: Uint8Array; sidecarText?: string; sidecarName?: string };

export type Collection = {
  documents: Document[]; jurisdictions: Jurisdiction[]; topics: Topic[]; report: IngestReport;
  /** seconds spent in each whole-collection stage */
  timings: Record<string, number>;
  /** sources whose parse came from the cache */
  cachedSources: number;
};

/** Parsed sources by content hash: a rebuild parses only the sources that changed. */
export type ParseCache = { get(key: string): ParsedSource | undefined; set(key: string, value: ParsedSource): void };

export type IngestOptions = {
  topics?: TopicRule[];
  similarity?: CompareOptions;
  cache?: ParseCache;
  /**
   * Called once the references are linked and before the comparison (the longest stage),
   * with the documents as far as their MDX goes: the comparison adds data-file fields only.
   * The build writes the MDX here, so that Astro bundles the pages while the comparison runs.
   */
  linked?: (documents: Document[]) => void;
  /**
   * Called once the topics are assigned and before the similar provisions are found, with
   * the documents as far as the search index goes (their clauses, topics and places): the
   * rest of the comparison adds `related` and `obligations` only. The build writes the
   * search index's first shards from here, on a core the comparison leaves idle.
   */
  searchable?: (documents: Document[], context: Pick<ApiIndex, 'jurisdictions' | 'topics'>) => void;
};

/** A source's identity for the cache: its name, bytes and sidecar. */
export function sourceKey(file: SourceFile): string {
  const hash = createHash('sha256');
  hash.update(file.source).update('\0').update(file.bytes).update('\0').update(file.sidecarText ?? '');
  return hash.digest('hex');
}

export function documentUrl(id: string): string {
  return `/docs/${id}/`;
}

function readSidecar(file: SourceFile, problems: IngestProblem[]): Sidecar {
  if (file.sidecarText === undefined) return {};
  const parsed = parseSidecar(file.sidecarText);
  if (parsed.ok) return parsed.value;
  problems.push({ source: file.sidecarName ?? file.source, severity: 'error', message: `sidecar metadata ignored: ${parsed.message}` });
  return {};
}

/** Ingests `files` (in any order; the result depends only on their content and names). */
export async function ingestCollection(files: SourceFile[], options: IngestOptions = {}): Promise<Collection> {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (stage: string) => { const now = performance.now(); timings[stage] = (now - mark) / 1000; mark = now; };
  const sorted = [...files].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const problems: IngestProblem[] = [];
  const parsed: ParsedSource[] = [];
  let cached = 0;
  for (const file of sorted) {
    const key = options.cache ? sourceKey(file) : '';
    const hit = options.cache?.get(key);
    if (hit) {
      parsed.push({ ...hit, problems: [...hit.problems] });
      cached++;
      continue;
    }
    const sidecarProblems: IngestProblem[] = [];
    const sidecar = readSidecar(file, sidecarProblems);
    const result = await parseSource(file.source, file.bytes, sidecar);
    result.problems.unshift(...sidecarProblems);
    options.cache?.set(key, result);
    parsed.push({ ...result, problems: [...result.problems] });
  }

  const owner = new Map<string, string>();
  const documents: Document[] = [];
  for (const source of parsed) {
    const ids = source.documents.map((d) => {
      const wanted = d.requestedId ?? documentId(d);
      let id = wanted;
      for (let k = 2; owner.has(id); k++) id = `${wanted}-${k}`;
      if (id !== wanted) {
        source.problems.push({ source: source.source, severity: 'warning', message: `document id "${wanted}" is already taken by ${owner.get(wanted)}; this document is "${id}"` });
      }
      owner.set(id, source.source);
      return id;
    });
    source.documents.forEach((d, i) => {
      const id = ids[i]!;
      const url = documentUrl(id);
      const { requestedId: _r, issues, issuedBy, clauses, ...rest } = d;
      documents.push({
        id, ...rest, url,
        issues: issues.map((k) => ids[k]!),
        issuedBy: issuedBy === null ? null : ids[issuedBy]!,
        replacedBy: null,
        replaces: [],
        clauses: clauses.map((c) => ({ ...c, url: `${url}#${c.id}` })),
      });
    });
    problems.push(...source.problems);
  }

  // The report needs only these of the parse results; letting go of the rest frees their
  // clause trees (the documents hold copies) before the whole-collection stages, where the
  // ingest's memory peaks.
  const sources = parsed.map(({ source, format, removedLines }) => ({ source, format, removedLines }));
  parsed.length = 0;

  lap('parse');
  applyReplacements(documents);
  linkReferences(documents);
  lap('references');
  if (options.linked) {
    options.linked(documents);
    lap('mdx');
  }
  const topics = assignTopics(documents, options.topics ?? []);
  const jurisdictions = collectionJurisdictions(documents);
  options.searchable?.(documents, { jurisdictions, topics });
  await compareProvisions(documents, options.similarity);
  lap('comparison');

  return {
    documents,
    jurisdictions,
    topics,
    timings,
    cachedSources: cached,
    report: {
      sources: sources.map((s) => ({
        source: s.source, format: s.format,
        documents: documents.filter((d) => d.source === s.source).map((d) => d.id),
        removedLines: s.removedLines,
      })),
      problems,
    },
  };
}

/** Every jurisdiction of the documents and those above them, by id. */
function collectionJurisdictions(documents: Document[]): Jurisdiction[] {
  const jurisdictions = new Map<string, Jurisdiction>();
  for (const d of documents) for (const j of jurisdictionChain(d.jurisdiction)) jurisdictions.set(j.id, j);
  return [...jurisdictions.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function summary(d: Document): DocumentSummary {
  return { id: d.id, title: d.title, jurisdiction: d.jurisdiction, docNumber: d.docNumber, issuer: d.issuer, issued: d.issued, status: d.status, source: d.source, url: d.url };
}

export function apiIndex(c: Collection): ApiIndex {
  return { documents: c.documents.map(summary), jurisdictions: c.jurisdictions, topics: c.topics };
}
