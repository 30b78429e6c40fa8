/**
 * The parts of a search record (records.ts): the clauses of an article, each with the
 * position of its first token, so that the search page (engine.ts) can land on the clause
 * that holds a phrase. Kept in the record's meta as JSON rows, shared by both sides.
 */

/** One clause of a record: its URL, its citation path, its text, the position of its first token. */
export type RecordPart = { url: string; num: string; text: string; at: number };

/** The parts as the meta "parts" holds them: JSON of [url, num, text, at] rows. */
export function encodeParts(parts: RecordPart[]): string {
  return JSON.stringify(parts.map((p) => [p.url, p.num, p.text, p.at]));
}

export function decodeParts(value: string | undefined): RecordPart[] {
  if (!value) return [];
  return (JSON.parse(value) as [string, string, string, number][]).map(([url, num, text, at]) => ({ url, num, text, at }));
}
