/**
 * The search records: one per clause with text, built from the ingest's data files
 * (data/index.json, data/docs/*.json), not from the HTML pages, so the index does not depend
 * on how pages are rendered or split.
 *
 * A record's content is the clause's heading and text as Han bigrams (see tokens.ts). Its
 * meta carries what a result shows (document title, place, clause number, the text itself
 * for the excerpt and the exact-phrase check). Its filters: every jurisdiction from the
 * province down to the document's own (so choosing a city includes its banners, counties
 * and towns), the document, the level of its jurisdiction, its status, the clause's topics.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiIndex, Clause, Document, Jurisdiction } from '../../lib/types';
import { citationPaths } from '../citation';
import { levelLabel, statusLabel } from '../format';
import { indexContent } from './tokens';

export type SearchRecord = {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
};

/** Pagefind's language for the records: one without word segmentation or stemming of Han text. */
export const RECORD_LANGUAGE = 'zxx';

/** A filter value that names a thing and keeps it distinct: "鄂尔多斯市｜150600". */
export const FACET_SEPARATOR = '｜';
export const facetValue = (label: string, id: string) => `${label}${FACET_SEPARATOR}${id}`;
export const facetLabel = (value: string) => value.split(FACET_SEPARATOR)[0];

export const FILTERS = { place: '地区', doc: '文件', level: '层级', status: '状态', topic: '主题' } as const;
export type FilterKey = keyof typeof FILTERS;

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

/** Every record of one document. */
export function documentRecords(doc: Document, index: ApiIndex, byId = new Map(index.jurisdictions.map((j) => [j.id, j]))): SearchRecord[] {
  const topicNames = new Map(index.topics.map((t) => [t.id, t.name]));
  const places = chain(doc.jurisdiction, byId);
  const local = places.filter((j) => j.level !== 'country');
  const placeLabel = (local.length > 0 ? local : places).map((j) => j.name).join(' · ') || doc.jurisdiction;
  const own = byId.get(doc.jurisdiction);
  const paths = citationPaths(doc.clauses);
  const records: SearchRecord[] = [];
  for (const clause of doc.clauses) {
    const text = clauseText(clause);
    const content = indexContent(text);
    if (!content) continue;
    records.push({
      url: clause.url,
      content,
      language: RECORD_LANGUAGE,
      meta: {
        title: doc.title,
        place: placeLabel,
        num: paths.get(clause.id) || clause.num || '',
        text,
      },
      filters: {
        place: (places.length > 0 ? places : [{ id: doc.jurisdiction, name: doc.jurisdiction }]).map((j) => facetValue(j.name, j.id)),
        doc: [facetValue(doc.title, doc.id)],
        level: [levelLabel(own?.level ?? 'unknown')],
        status: [statusLabel(doc.status)],
        topic: clause.topics.map((t) => topicNames.get(t) ?? t),
      },
    });
  }
  return records;
}

/** Every record of a content root's data/ folder, one document at a time. */
export function* contentRecords(dataDir: string): Generator<SearchRecord[]> {
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  const byId = new Map(index.jurisdictions.map((j) => [j.id, j]));
  for (const summary of index.documents) {
    const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
    yield documentRecords(doc, index, byId);
  }
}
