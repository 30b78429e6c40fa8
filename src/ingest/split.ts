/**
 * Several documents in one file: a notice (通知) that issues rules (现将《A》和《B》印发给你们)
 * followed by the rules themselves, each starting at a line that repeats its title.
 */

export type Part = {
  /** 'notice' when the part issues the following parts; 'issued' for those; 'single' otherwise */
  role: 'notice' | 'issued' | 'single';
  lines: string[];
  /** for issued parts: the title the notice gave it */
  title?: string;
};

/** Compares titles the way a reader does: ignoring spaces, quote styles and 、 between terms. */
export function normaliseTitle(title: string): string {
  return title.replace(/[\s\u3000“”"‘’'「」『』、·•]/g, '');
}

const ISSUING_LINE = /印发|发布|下发|转发/;
const TITLE_IN_BOOK_MARKS = /《([^《》]+)》/g;

/** Titles the notice says it issues, in the order it names them. */
export function issuedTitles(lines: string[]): { titles: string[]; at: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // The issuing sentence is body text (现将…印发给你们), not the notice's title.
    if (!/^现将|印发给你们|发给你们/.test(line) || !ISSUING_LINE.test(line)) continue;
    const titles = [...line.matchAll(TITLE_IN_BOOK_MARKS)].map((m) => m[1]!);
    if (titles.length) return { titles, at: i };
  }
  return null;
}

/** Splits `lines` into parts; a file without an issuing notice is one 'single' part. */
export function splitDocuments(lines: string[]): Part[] {
  const issued = issuedTitles(lines);
  if (!issued) return [{ role: 'single', lines }];
  const wanted = issued.titles.map((t) => ({ title: t, key: normaliseTitle(t) }));
  const starts: { index: number; title: string }[] = [];
  let next = 0;
  for (let i = issued.at + 1; i < lines.length && next < wanted.length; i++) {
    // A title line may be wrapped over two lines (铜川镇安全生产“党政同责、一岗双责” / 实施方案).
    const one = normaliseTitle(lines[i]!);
    const two = one + normaliseTitle(lines[i + 1] ?? '');
    const w = wanted[next]!;
    if (one === w.key || (one !== '' && two === w.key)) {
      starts.push({ index: i, title: w.title });
      next++;
    }
  }
  if (starts.length === 0) return [{ role: 'single', lines }];
  const parts: Part[] = [{ role: 'notice', lines: lines.slice(0, starts[0]!.index) }];
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.index : lines.length;
    parts.push({ role: 'issued', lines: lines.slice(s.index, end), title: s.title });
  });
  return parts;
}
