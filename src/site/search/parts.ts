/**
 * The parts of a search record (records.ts): the clauses of an article, each with the
 * position of its first token, so that the search page (engine.ts) can land on the clause
 * that holds a phrase. Kept in the record's meta as JSON rows, shared by both sides.
 */

/** One clause of a record: its URL, its citation path, its text, the position of its first token. */
export type RecordPart = { url: string; num: string; text: string; at: number };

/** The page of a URL, without its #fragment. */
export const pageOf = (url: string) => url.split('#')[0];

/**
 * The parts as the meta "parts" holds them: JSON of [eId, num, text, at] rows. Every part is
 * on the record's page, so a row keeps only the clause's eId (the page's address, repeated
 * in every row, made the metadata Pagefind holds while indexing a fifth larger).
 */
export function encodeParts(parts: RecordPart[]): string {
  return JSON.stringify(parts.map((p) => [p.url.slice(p.url.indexOf('#') + 1), p.num, p.text, p.at]));
}

/** The parts of a record whose URL (any clause of its page) is `recordUrl`. */
export function decodeParts(value: string | undefined, recordUrl: string): RecordPart[] {
  if (!value) return [];
  const page = pageOf(recordUrl);
  return (JSON.parse(value) as [string, string, string, number][]).map(([eId, num, text, at]) => ({ url: `${page}#${eId}`, num, text, at }));
}
