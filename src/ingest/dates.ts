/** Dates as printed in Chinese documents → ISO YYYY-MM-DD. */
import { parseNumeral } from './numerals.ts';

const PART = '[0-9０-９〇零一二三四五六七八九十]';
export const DATE_RE = new RegExp(`(${PART}{4})\\s*年\\s*(${PART}{1,2})\\s*月\\s*(${PART}{1,3})\\s*日`);

function toHalfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
}

/** '2024年5月28日' → '2024-05-28'; '二〇二四年五月二十八日' too; null when there is no valid date. */
export function parseChineseDate(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [m[1]!, m[2]!, m[3]!].map((p) => parseNumeral(toHalfWidth(p)));
  if (y === null || mo === null || d === null) return null;
  if (y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** All valid dates in `text`, in order. */
export function allDates(text: string): string[] {
  const re = new RegExp(DATE_RE.source, 'g');
  return [...text.matchAll(re)].map((m) => parseChineseDate(m[0])).filter((d): d is string => d !== null);
}
