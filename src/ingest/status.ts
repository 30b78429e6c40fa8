/**
 * Status across the collection: a document another one repeals (原《…》(文号)同时废止) is
 * 'repealed'; of two documents with the same title from the same place, the older is
 * 'superseded' by the newer. Both get a link to what replaced them.
 */
import type { Document } from '../lib/types.ts';
import { normaliseTitle } from './split.ts';

function replace(old: Document, by: Document, status: 'repealed' | 'superseded') {
  if (old.replacedBy !== null) return;
  old.status = status;
  old.replacedBy = by.id;
  by.replaces.push(old.id);
}

const older = (a: Document, b: Document) => a.issued !== null && b.issued !== null && a.issued < b.issued;

export function applyReplacements(documents: Document[]): void {
  const byTitle = new Map<string, Document[]>();
  for (const d of documents) {
    const key = normaliseTitle(d.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), d]);
  }
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const d of documents) {
    for (const r of d.repeals) {
      for (const t of byTitle.get(normaliseTitle(r.title)) ?? []) {
        if (t === d || !older(t, d)) continue;
        // The 文号 of a rule is its issuing notice's.
        const number = t.docNumber ?? (t.issuedBy ? byId.get(t.issuedBy)?.docNumber : null) ?? null;
        if (r.docNumber === null || number === null || number === r.docNumber) replace(t, d, 'repealed');
      }
    }
  }
  for (const group of byTitle.values()) {
    if (group.length < 2) continue;
    const dated = group.filter((d) => d.issued !== null && d.status !== 'draft').sort((a, b) => (a.issued! < b.issued! ? -1 : 1));
    const newest = dated[dated.length - 1];
    for (const d of dated) if (d !== newest && d.jurisdiction === newest!.jurisdiction && older(d, newest!)) replace(d, newest!, 'superseded');
  }
}
