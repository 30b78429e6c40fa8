/**
 * Build-time data of the comparison pages: the topics × jurisdictions matrix, each topic's
 * provisions grouped by jurisdiction (in the order of the jurisdiction tree) and document,
 * its obligations, and the links between provisions that invite a diff.
 *
 * Pure functions over an ApiIndex and a document loader, so that tests can run them on
 * the data files directly.
 */
import { citationPaths } from '../citation';
import type { ApiIndex, Clause, Document, DocumentSummary, Jurisdiction, Obligation, Topic } from '../../lib/types';

export type LoadDocument = (id: string) => Document;

/** "<docId>#<eId>" */
export type ClauseKey = string;

export const clauseKey = (docId: string, eId: string): ClauseKey => `${docId}#${eId}`;

/** "<docId>#<eId>" → [docId, eId] (a document id never has "#"; the eId is after the last one). */
export function splitKey(key: ClauseKey): [string, string] {
  const at = key.lastIndexOf('#');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

/** /compare/<topicId>/ */
export const topicHref = (topicId: string) => `/compare/${topicId}/`;

/** /compare/<topicId>/?j=<id>,<id> (the jurisdictions to show) */
export const topicHrefFor = (topicId: string, jurisdictions: string[]) =>
  `${topicHref(topicId)}?j=${jurisdictions.join(',')}`;

/** Every jurisdiction of the index in tree order: province → city → county/banner → town, siblings by code. */
export function treeOrder(jurisdictions: Jurisdiction[]): Jurisdiction[] {
  const byId = new Map(jurisdictions.map((j) => [j.id, j]));
  const children = new Map<string | null, Jurisdiction[]>();
  for (const j of jurisdictions) {
    const parent = j.parent && byId.has(j.parent) && j.parent !== j.id ? j.parent : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(j);
  }
  for (const list of children.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  const out: Jurisdiction[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const j of children.get(parent) ?? []) {
      if (seen.has(j.id)) continue;
      seen.add(j.id);
      out.push(j);
      walk(j.id);
    }
  };
  walk(null);
  // anything in a cycle of parents is still listed, at the end
  for (const j of [...jurisdictions].sort((a, b) => a.id.localeCompare(b.id))) if (!seen.has(j.id)) out.push(j);
  return out;
}

export type Matrix = {
  /** jurisdictions with at least one provision on some topic, in tree order */
  jurisdictions: Jurisdiction[];
  rows: { topic: Topic; counts: Map<string, number>; total: number }[];
  /** per jurisdiction: how many topics it has provisions on */
  topicsPer: Map<string, number>;
};

/** Topics × jurisdictions: how many of a topic's clauses (index.json) are in documents of each jurisdiction. */
export function topicMatrix(index: ApiIndex): Matrix {
  const docJurisdiction = new Map(index.documents.map((d) => [d.id, d.jurisdiction]));
  const rows = index.topics.map((topic) => {
    const counts = new Map<string, number>();
    for (const key of topic.clauses) {
      const j = docJurisdiction.get(splitKey(key)[0]);
      if (j) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    return { topic, counts, total: [...counts.values()].reduce((a, b) => a + b, 0) };
  });
  const present = new Set(rows.flatMap((r) => [...r.counts.keys()]));
  const jurisdictions = treeOrder(index.jurisdictions).filter((j) => present.has(j.id));
  const topicsPer = new Map(jurisdictions.map((j) => [j.id, rows.filter((r) => (r.counts.get(j.id) ?? 0) > 0).length]));
  return { jurisdictions, rows, topicsPer };
}

/** A provision on a topic page: a clause that carries the topic, with the clauses below it that carry it too. */
export type Provision = {
  key: ClauseKey;
  doc: DocumentSummary;
  clause: Clause;
  /** how the clause is cited in its document: 第六条第（一）项, 七、第五条第（三）项, 三、（一）4. */
  cite: string;
  /** what the page shows as its number: the citation path for a provision at the top, its own number when nested */
  label: string;
  /** clauses below that carry the topic, nested (their own nesting kept) */
  children: Provision[];
  /** clauses directly below that do not carry the topic (not shown) */
  omitted: number;
  /** the first similar provision (clause.related order) shown in another column of the page */
  compareWith: ClauseKey | null;
};

export type DocumentGroup = { doc: DocumentSummary; provisions: Provision[] };
export type Column = { jurisdiction: Jurisdiction; documents: DocumentGroup[]; count: number };

export type ObligationRow = {
  jurisdiction: Jurisdiction;
  doc: DocumentSummary;
  clause: Clause;
  key: ClauseKey;
  cite: string;
  obligation: Obligation;
};

export type TopicPage = {
  topic: Topic;
  columns: Column[];
  /** jurisdictions with documents in the collection but nothing on this topic */
  silent: Jurisdiction[];
  obligations: ObligationRow[];
  /** every clause key of the topic, as listed in index.json */
  keys: ClauseKey[];
};

export type TopicPageOptions = {
  /**
   * whether the words of an obligation (actor, action, text) are on the topic: where a clause
   * states several obligations and some are, only those are listed (the taxonomy's patterns)
   */
  onTopic?: (words: string) => boolean;
};

const obligationWords = (o: Obligation) => [o.actor, o.action, o.text].filter(Boolean).join(' ');

/** "第六条", "（一）", or the heading when there is no number */
export function clauseName(clause: Pick<Clause, 'num' | 'heading' | 'type'>): string {
  return clause.num ?? clause.heading ?? '';
}

/** Documents within a column: newest first (undated last), then by title. */
function byNewest(a: DocumentSummary, b: DocumentSummary): number {
  if (a.issued && !b.issued) return -1;
  if (!a.issued && b.issued) return 1;
  return (b.issued ?? '').localeCompare(a.issued ?? '') || a.title.localeCompare(b.title, 'zh-CN');
}

/** What one document contributes to a topic's page: its provisions (nested) and obligation rows. */
type DocumentSlice = { group: DocumentGroup; all: Provision[]; obligations: ObligationRow[] };

function documentSlice(doc: Document, summary: DocumentSummary, eIds: Set<string>, jurisdictions: Map<string, Jurisdiction>, options: TopicPageOptions): DocumentSlice {
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const childCount = new Map<string, number>();
  for (const c of doc.clauses) if (c.parent) childCount.set(c.parent, (childCount.get(c.parent) ?? 0) + 1);
  // the nearest ancestor that carries the topic
  const carrier = (c: Clause): Clause | undefined => {
    const seen = new Set([c.id]);
    for (let p = c.parent ? byId.get(c.parent) : undefined; p && !seen.has(p.id); p = p.parent ? byId.get(p.parent) : undefined) {
      if (eIds.has(p.id)) return p;
      seen.add(p.id);
    }
    return undefined;
  };
  const cites = citationPaths(doc.clauses);
  const provisions = new Map<string, Provision>();
  const roots: Provision[] = [];
  const all: Provision[] = [];
  const obligations: ObligationRow[] = [];
  for (const clause of doc.clauses) {
    if (!eIds.has(clause.id)) continue;
    const up = carrier(clause);
    const provision: Provision = {
      key: clauseKey(doc.id, clause.id),
      doc: summary,
      clause,
      cite: cites.get(clause.id) || clauseName(clause),
      label: (up ? clause.num : cites.get(clause.id)) || clauseName(clause),
      children: [],
      omitted: 0,
      compareWith: null,
    };
    provisions.set(clause.id, provision);
    all.push(provision);
    if (up && provisions.has(up.id)) provisions.get(up.id)!.children.push(provision);
    else roots.push(provision);
    const own = clause.obligations ?? [];
    // a clause that states several obligations, some on the topic and some not: the ones on the topic
    const onTopic = options.onTopic ? own.filter((o) => options.onTopic!(obligationWords(o))) : own;
    for (const obligation of onTopic.length > 0 ? onTopic : own) {
      obligations.push({
        jurisdiction: jurisdictions.get(summary.jurisdiction) ?? { id: summary.jurisdiction, name: summary.jurisdiction, level: '', parent: null },
        doc: summary,
        clause,
        key: provision.key,
        cite: provision.cite,
        obligation,
      });
    }
  }
  for (const p of provisions.values()) {
    const direct = p.children.filter((c) => c.clause.parent === p.clause.id).length;
    p.omitted = (childCount.get(p.clause.id) ?? 0) - direct;
  }
  return { group: { doc: summary, provisions: roots }, all, obligations };
}

/** A topic's page from the slices of its documents (in collection order). */
function finishTopicPage(index: ApiIndex, topic: Topic, slices: DocumentSlice[]): TopicPage {
  const groups = new Map<string, DocumentGroup[]>();
  const shown = new Map<ClauseKey, string>(); // key → jurisdiction, for compareWith
  for (const slice of slices) {
    const j = slice.group.doc.jurisdiction;
    if (!groups.has(j)) groups.set(j, []);
    groups.get(j)!.push(slice.group);
    for (const p of slice.all) shown.set(p.key, j);
  }
  for (const slice of slices) {
    for (const p of slice.all) {
      const here = p.doc.jurisdiction;
      p.compareWith = p.clause.related.find((key) => shown.has(key) && shown.get(key) !== here) ?? null;
    }
  }

  const order = treeOrder(index.jurisdictions);
  const rank = new Map(order.map((j, i) => [j.id, i]));
  const columns: Column[] = order
    .filter((j) => groups.has(j.id))
    .map((jurisdiction) => {
      const documents = groups.get(jurisdiction.id)!.sort((a, b) => byNewest(a.doc, b.doc));
      const count = documents.reduce((n, g) => n + count1(g.provisions), 0);
      return { jurisdiction, documents, count };
    });
  const withDocs = new Set(index.documents.map((d) => d.jurisdiction));
  const silent = order.filter((j) => withDocs.has(j.id) && !groups.has(j.id));
  const obligations = slices.flatMap((s) => s.obligations);
  obligations.sort(
    (a, b) =>
      (rank.get(a.jurisdiction.id) ?? 1e9) - (rank.get(b.jurisdiction.id) ?? 1e9) ||
      byNewest(a.doc, b.doc) ||
      0,
  );
  return { topic, columns, silent, obligations, keys: topic.clauses };
}

/** docId → eIds of a topic's clauses, documents in collection order (only those in the index). */
function topicClausesByDocument(index: ApiIndex, topic: Topic): Map<string, Set<string>> {
  const byDoc = new Map<string, Set<string>>();
  for (const key of topic.clauses) {
    const [docId, eId] = splitKey(key);
    if (!byDoc.has(docId)) byDoc.set(docId, new Set());
    byDoc.get(docId)!.add(eId);
  }
  return new Map(index.documents.filter((d) => byDoc.has(d.id)).map((d) => [d.id, byDoc.get(d.id)!]));
}

/** The page of one topic: its provisions by jurisdiction (tree order) and document, nested, and its obligations. */
export function topicPage(index: ApiIndex, topicId: string, load: LoadDocument, options: TopicPageOptions = {}): TopicPage {
  const topic = index.topics.find((t) => t.id === topicId);
  if (!topic) throw new Error(`tiaowen: no topic "${topicId}" in index.json`);
  return topicPages({ ...index, topics: [topic] }, load, () => options).get(topicId)!;
}

/**
 * Every topic's page at once, reading each document once. A site renders all topic pages,
 * and page by page each read its documents again: 33 topics × the collection, through the
 * build's bounded document cache (about 4 s per 1,000 documents). What is kept is only the
 * clauses on some topic (a sixth of the corpus's clauses).
 */
export function topicPages(index: ApiIndex, load: LoadDocument, optionsFor: (topicId: string) => TopicPageOptions = () => ({})): Map<string, TopicPage> {
  const pages = topicPageCollector(index, optionsFor);
  for (const summary of index.documents) if (pages.wants(summary.id)) pages.add(summary.id, load(summary.id));
  return pages.finish();
}

/**
 * topicPages in two steps, for a pass over the documents shared with other pages
 * (compare/shared.ts): `add` the documents it `wants` in collection order, then `finish`.
 */
export function topicPageCollector(
  index: ApiIndex,
  optionsFor: (topicId: string) => TopicPageOptions = () => ({}),
): { wants(docId: string): boolean; add(docId: string, doc: Document): void; finish(): Map<string, TopicPage> } {
  const jurisdictions = new Map(index.jurisdictions.map((j) => [j.id, j]));
  const summaries = new Map(index.documents.map((d) => [d.id, d]));
  const wanted = new Map<string, { topic: Topic; eIds: Set<string> }[]>(); // docId → topics with clauses in it
  for (const topic of index.topics) {
    for (const [docId, eIds] of topicClausesByDocument(index, topic)) {
      if (!wanted.has(docId)) wanted.set(docId, []);
      wanted.get(docId)!.push({ topic, eIds });
    }
  }
  const options = new Map(index.topics.map((t) => [t.id, optionsFor(t.id)]));
  const slices = new Map<string, DocumentSlice[]>(index.topics.map((t) => [t.id, []]));
  return {
    wants: (docId) => wanted.has(docId),
    add(docId, doc) {
      for (const { topic, eIds } of wanted.get(docId) ?? []) slices.get(topic.id)!.push(documentSlice(doc, summaries.get(docId)!, eIds, jurisdictions, options.get(topic.id)!));
    },
    finish: () => new Map(index.topics.map((t) => [t.id, finishTopicPage(index, t, slices.get(t.id)!)])),
  };
}

function count1(provisions: Provision[]): number {
  return provisions.reduce((n, p) => n + 1 + count1(p.children), 0);
}

/** A provision and everything nested in it, depth first. */
export function flatten(provisions: Provision[]): Provision[] {
  return provisions.flatMap((p) => [p, ...flatten(p.children)]);
}

const KIND_LABELS: Record<Obligation['kind'], string> = { frequency: '频次', deadline: '时限', date: '日期' };
export const obligationKind = (kind: Obligation['kind']) => KIND_LABELS[kind] ?? kind;
