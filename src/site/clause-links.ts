/**
 * What each clause of a document page shows beside its text: its topics, its similar
 * provisions in other jurisdictions, and the clauses of other documents that cite it
 * (被引用). The links comparing a clause with each similar provision are added by the page's
 * script when their row is opened (client/reading.ts).
 */
import type { Document } from '../lib/types';
import { documentSummary, jurisdictionPath, loadIndex } from './data';
import { refHref } from './format';
import { citePathOf, citedBy, RELATED_SHOWN } from './links';

export type ClauseLink = { href: string; label: string; place?: string };
export type ClauseLinks = { topics: { href: string; name: string }[]; related: ClauseLink[]; citedBy: ClauseLink[] };

/** The name of a jurisdiction, by id: asked for every link of every page, so kept. */
const placeNames = new Map<string, string>();
function placeName(jurisdiction: string): string {
  let name = placeNames.get(jurisdiction);
  if (name === undefined) {
    name = jurisdictionPath(jurisdiction).at(-1)?.name ?? '';
    placeNames.set(jurisdiction, name);
  }
  return name;
}

/** "《title》第九条", with the place that issued it. */
function describe(ref: string): { label: string; place: string } {
  const at = ref.indexOf('#');
  const docId = at < 0 ? ref : ref.slice(0, at);
  const doc = documentSummary(docId);
  const place = doc ? placeName(doc.jurisdiction) : '';
  // the ref is the citation paths' key as it is ("<docId>#<eId>")
  return { label: `《${doc?.title ?? docId}》${at < 0 ? '' : (citePathOf(ref) ?? ref.slice(at + 1))}`, place };
}

export function clauseLinks(doc: Document, options: { topicPages: boolean }): Map<string, ClauseLinks> {
  const topicNames = new Map(loadIndex().topics.map((t) => [t.id, t.name]));
  const out = new Map<string, ClauseLinks>();
  for (const clause of doc.clauses) {
    const self = `${doc.id}#${clause.id}`;
    out.set(clause.id, {
      topics: options.topicPages ? clause.topics.map((id) => ({ href: `/compare/${id}/`, name: topicNames.get(id) ?? id })) : [],
      related: clause.related.slice(0, RELATED_SHOWN).map((ref) => ({ href: refHref(ref), ...describe(ref) })),
      citedBy: citedBy(self).map((c) => ({ href: refHref(c.from), ...describe(c.from) })),
    });
  }
  return out;
}
