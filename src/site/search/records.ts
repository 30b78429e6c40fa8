/**
 * The search records, built from the ingest's data files (data/index.json,
 * data/docs/*.json), not from the HTML pages, so the index does not depend on how pages are
 * rendered or split.
 *
 * One record per article (条) with its paragraphs, items and points, and one per clause with
 * text outside articles (chapter headings, preambles, the numbered parts of a notice). An
 * article is what a reader counts results in, and a record per clause made Pagefind's
 * metadata, which every visit loads whole, twice as large (343,693 records on the corpus
 * instead of 165,826). A result still lands on the clause: the record lists its parts with
 * the token position each starts at, and the page picks the part holding the phrase.
 *
 * A record's content is its parts' headings and texts as Han bigrams (see tokens.ts), in
 * document order. Its meta carries what a result shows (document title, place, the parts).
 * Its filters: every jurisdiction from the province down to the document's own (so choosing
 * a city includes its banners, counties and towns), the document, the level of its
 * jurisdiction, its status, the topics of its parts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiIndex, Clause, Document, Jurisdiction } from '../../lib/types';
import { citationPaths } from '../citation';
import { levelLabel, statusLabel } from '../format';
import { facetValue } from './facets';
import { encodeParts, type RecordPart } from './parts';
import { encodedTokens } from './tokens';

export type SearchRecord = {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
};

/** Pagefind's language for the records: one without word segmentation or stemming of Han text. */
export const RECORD_LANGUAGE = 'zxx';


function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Chain from the root down to id (ancestors first). */
function chain(id: string, byId: Map<string, Jurisdiction>): Jurisdiction[] {
  const out: Jurisdiction[] = [];
  const seen = new Set<string>();
  for (let j = byId.get(id); j && !seen.has(j.id); j = j.parent ? byId.get(j.parent) : undefined) {
    seen.add(j.id);
    out.unshift(j);
  }
  return out;
}

/** The words a clause is found by: its heading and its own text. */
export function clauseText(clause: Pick<Clause, 'heading' | 'text'>): string {
  return [clause.heading, clause.text].filter(Boolean).join(' ');
}

/** The clauses of a document grouped into search units: an article with everything below it, or a clause outside articles. */
export function searchUnits<C extends Pick<Clause, 'id' | 'parent' | 'type'>>(clauses: C[]): C[][] {
  const byId = new Map(clauses.map((c) => [c.id, c]));
  const articleOf = (clause: C): C | null => {
    for (let c: C | undefined = clause; c; c = c.parent ? byId.get(c.parent) : undefined) if (c.type === 'article') return c;
    return null;
  };
  const units = new Map<string, C[]>();
  for (const clause of clauses) {
    const key = articleOf(clause)?.id ?? clause.id;
    const unit = units.get(key);
    if (unit) unit.push(clause);
    else units.set(key, [clause]);
  }
  return [...units.values()];
}

/** What a document's records are made of: the ingest has this before its comparison, the data file after. */
export type RecordClause = Pick<Clause, 'id' | 'parent' | 'type' | 'num' | 'heading' | 'text' | 'url' | 'topics'>;
export type RecordDocument = Pick<Document, 'id' | 'title' | 'jurisdiction' | 'status'> & { clauses: RecordClause[] };

/** A document as far as its records go (the rest left out, e.g. to pass it to another thread). */
export function recordDocument({ id, title, jurisdiction, status, clauses }: RecordDocument): RecordDocument {
  return { id, title, jurisdiction, status, clauses: clauses.map(({ id, parent, type, num, heading, text, url, topics }) => ({ id, parent, type, num, heading, text, url, topics })) };
}

/** Every record of one document. */
export function documentRecords(doc: RecordDocument, index: RecordContext, byId = new Map(index.jurisdictions.map((j) => [j.id, j]))): SearchRecord[] {
  const topicNames = new Map(index.topics.map((t) => [t.id, t.name]));
  const places = chain(doc.jurisdiction, byId);
  const local = places.filter((j) => j.level !== 'country');
  const placeLabel = (local.length > 0 ? local : places).map((j) => j.name).join(' · ') || doc.jurisdiction;
  const own = byId.get(doc.jurisdiction);
  const paths = citationPaths(doc.clauses);
  const records: SearchRecord[] = [];
  for (const unit of searchUnits(doc.clauses)) {
    const parts: RecordPart[] = [];
    const tokens: string[] = [];
    const topics = new Set<string>();
    for (const clause of unit) {
      const text = clauseText(clause);
      const own = encodedTokens(text);
      if (own.length === 0) continue;
      parts.push({ url: clause.url, num: paths.get(clause.id) || clause.num || '', text, at: tokens.length });
      for (const token of own) tokens.push(token);
      for (const t of clause.topics) topics.add(t);
    }
    if (parts.length === 0) continue;
    records.push({
      url: unit[0].url,
      content: tokens.join(' '),
      language: RECORD_LANGUAGE,
      meta: { title: doc.title, place: placeLabel, parts: encodeParts(parts) },
      filters: {
        place: (places.length > 0 ? places : [{ id: doc.jurisdiction, name: doc.jurisdiction }]).map((j) => facetValue(j.name, j.id)),
        doc: [facetValue(doc.title, doc.id)],
        level: [levelLabel(own?.level ?? 'unknown')],
        status: [statusLabel(doc.status)],
        topic: [...topics].map((t) => topicNames.get(t) ?? t),
      },
    });
  }
  return records;
}

/** What records read from data/index.json besides the documents: places and topic names. */
export type RecordContext = Pick<ApiIndex, 'jurisdictions' | 'topics'>;

/** Some documents of a content root, and what their records need from data/index.json. */
export type RecordSubset = { ids: readonly string[]; context: RecordContext };

/** Every record of a content root's data/ folder (or of a subset of its documents), one document at a time. */
export function* contentRecords(dataDir: string, subset?: RecordSubset): Generator<SearchRecord[]> {
  const { ids, context } = subset ?? wholeCollection(dataDir);
  const byId = new Map(context.jurisdictions.map((j) => [j.id, j]));
  for (const id of ids) {
    const doc = readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));
    yield documentRecords(doc, context, byId);
  }
}

function wholeCollection(dataDir: string): RecordSubset {
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  return { ids: index.documents.map((d) => d.id), context: index };
}
