/**
 * Document ids: stable, URL-safe, and recognisable to a Chinese reader. A notice is
 * known by its 文号 (鄂前安发-2024-4); other documents by their title, with the year
 * of issue when known so that a regulation and its revision differ.
 */
import { findDocNumber } from './doc-number.ts';

/** Keeps Han characters, ASCII letters and digits; everything else becomes '-'. */
export function slug(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^\p{Script=Han}A-Za-z0-9]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function documentId(doc: { title: string; docNumber: string | null; issued: string | null }): string {
  const n = doc.docNumber ? findDocNumber(doc.docNumber) : null;
  if (n) return slug(`${n.prefix}-${n.year}-${n.serial}`);
  const base = slug(doc.title) || 'document';
  return doc.issued ? `${base}-${doc.issued.replace(/-/g, '')}` : base;
}
