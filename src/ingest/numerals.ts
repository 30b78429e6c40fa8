/** Chinese numerals as printed in legal numbering (第二十一条, 一百零五, 〇) → numbers. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const HAN_NUMERAL = '[零〇一二三四五六七八九十百千两]';

/** '二十一' → 21, '一百零五' → 105, '十' → 10, '12' → 12; null when not a numeral. */
export function parseNumeral(raw: string): number | null {
  if (/^[0-9]+$/.test(raw)) return Number(raw);
  if (/^[０-９]+$/.test(raw)) return Number(raw.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
  if (!new RegExp(`^${HAN_NUMERAL}+$`).test(raw)) return null;
  // Digit-by-digit form without units, as in years (二〇二四).
  if (!/[十百千]/.test(raw)) return Number([...raw].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of raw) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else {
      // A bare unit ('十' in 十五) means one of it.
      total += (digit ?? 1) * UNITS[c]!;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** '③' → 3 */
export function parseCircled(c: string): number | null {
  const i = CIRCLED.indexOf(c);
  return i < 0 ? null : i + 1;
}

export const CIRCLED_CLASS = `[${CIRCLED}]`;
