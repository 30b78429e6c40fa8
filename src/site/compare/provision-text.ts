/**
 * The text of a provision as the diff page compares it: the clause's own text, then each
 * clause below it (number, heading, text: 第一条　…, （一）…), one a line. A heading-only clause (第六条 会议制度)
 * is compared by what is under it.
 */
import type { Clause, Document } from '../../lib/types';

export function provisionText(doc: Pick<Document, 'clauses'>, clause: Clause): string {
  const below = new Set([clause.id]);
  const lines = clause.text ? [clause.text] : [];
  for (const c of doc.clauses) {
    if (c.parent && below.has(c.parent)) {
      below.add(c.id);
      const head = [c.num, c.heading].filter(Boolean).join(c.num && /[、．.]$/.test(c.num) ? '' : ' ');
      // 第一条　text, as printed; （一）text
      const line = [head, c.text].filter(Boolean).join(c.heading || /条$/.test(c.num ?? '') ? '　' : '');
      if (line) lines.push(line);
    }
  }
  return lines.join('\n');
}
