import type { Clause, Document } from '../lib/types';

/**
 * Clause types that structure a document and are rendered as headings (h2…h6) when they
 * have a number or a heading. Any clause that has a heading text is also rendered as a heading.
 * Other clauses (paragraphs, items, points…) are rendered as numbered blocks.
 */
const STRUCTURAL_TYPES = new Set([
  'book',
  'part',
  'title',
  'chapter',
  'subchapter',
  'section',
  'subsection',
  'article',
  'attachment',
  'annex',
]);

export function isStructural(clause: Pick<Clause, 'type' | 'num' | 'heading'>): boolean {
  return Boolean(clause.heading) || (STRUCTURAL_TYPES.has(clause.type) && Boolean(clause.num));
}

/** "第九条 约谈制度", "一、安全生产例会制度" (no space after an enumeration comma) */
export function clauseLabel(clause: { num?: string | null; heading?: string | null }): string {
  if (clause.num && clause.heading) return `${clause.num}${/[、，．]$/.test(clause.num) ? '' : ' '}${clause.heading}`;
  return clause.num || clause.heading || '';
}

/** Heading level (2–6) for structural clauses, null for the others. h1 is the document title. */
export type ClauseLayout = Map<string, number | null>;

export function clauseLayout(doc: Document): ClauseLayout {
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const layout: ClauseLayout = new Map();
  for (const clause of doc.clauses) {
    if (!isStructural(clause)) {
      layout.set(clause.id, null);
      continue;
    }
    let depth = 0;
    const seen = new Set([clause.id]);
    for (let p = clause.parent ? byId.get(clause.parent) : undefined; p && !seen.has(p.id); p = p.parent ? byId.get(p.parent) : undefined) {
      seen.add(p.id);
      if (isStructural(p)) depth += 1;
    }
    layout.set(clause.id, Math.min(6, 2 + depth));
  }
  return layout;
}

/** Structural clauses for a table of contents: parts, chapters, sections, and clauses with headings. */
export function tocEntries(doc: Document, layout: ClauseLayout = clauseLayout(doc)): { clause: Clause; level: number }[] {
  return doc.clauses
    .filter((c) => layout.get(c.id) != null && (c.type !== 'article' || c.heading))
    .map((clause) => ({ clause, level: layout.get(clause.id)! }));
}
