/**
 * Recognises the numbering that opens a line of a Chinese legal text:
 * 第X编/分编/章/节/条, 一、, （一）, 1., （1）, ①, 第一阶段, 附件1.
 */
import { CIRCLED_CLASS, HAN_NUMERAL, parseCircled, parseNumeral } from './numerals.ts';

export type NumberingKind =
  | 'part' | 'subpart' | 'chapter' | 'section' | 'article'
  | 'heading1' | 'item' | 'point' | 'subpoint' | 'subitem' | 'stage' | 'attachment';

export type Numbering = {
  kind: NumberingKind;
  /** the number as a value: 第二十一条 → 21 */
  value: number;
  /** a suffix such as 之一 in 第十七条之一 → 1 */
  subValue?: number;
  /** numbering as printed, trimmed: 第九条, （一）, 1. */
  num: string;
  /** the rest of the line after the numbering */
  rest: string;
};

const N = `${HAN_NUMERAL}+`;
const OPEN = '[（(]';
const CLOSE = '[）)]';
// After a structural number there is a space, the end of the line, or text directly.
const SPACE = '[\\s\\u3000]*';
// A heading may follow its number without a space (第一章总则), but not a reference (第三章规定的).
const AFTER_HEADING_NUMBER = '(?:[\\s\\u3000]+|$|(?![的规所中之至和与及、，,]))';

type Pattern = { kind: NumberingKind; re: RegExp; circled?: boolean };

const PATTERNS: Pattern[] = [
  { kind: 'subpart', re: new RegExp(`^(第(${N})分编)${SPACE}(.*)$`) },
  { kind: 'part', re: new RegExp(`^(第(${N})编)${AFTER_HEADING_NUMBER}(.*)$`) },
  { kind: 'chapter', re: new RegExp(`^(第(${N})章)${AFTER_HEADING_NUMBER}(.*)$`) },
  { kind: 'section', re: new RegExp(`^(第(${N})节)${AFTER_HEADING_NUMBER}(.*)$`) },
  { kind: 'article', re: new RegExp(`^(第(${N}|[0-9]+)条(?:之(${N}))?)${SPACE}(.*)$`) },
  { kind: 'stage', re: new RegExp(`^(第(${N})阶段)${SPACE}[：:]?${SPACE}(.*)$`) },
  { kind: 'attachment', re: new RegExp(`^(附件${SPACE}([0-9]+|${N}))${SPACE}[：:.．]?${SPACE}(.*)$`) },
  { kind: 'heading1', re: new RegExp(`^((${N})[、.．])${SPACE}(.*)$`) },
  { kind: 'item', re: new RegExp(`^(${OPEN}${SPACE}(${N})${SPACE}${CLOSE})${SPACE}(.*)$`) },
  // "1." but not "1.5万元": the point must not be followed by a digit.
  { kind: 'point', re: new RegExp(`^(([0-9]{1,3})${SPACE}[.．、](?![0-9]))${SPACE}(.*)$`) },
  { kind: 'subpoint', re: new RegExp(`^(${OPEN}${SPACE}([0-9]{1,3})${SPACE}${CLOSE})${SPACE}(.*)$`) },
  { kind: 'subitem', re: new RegExp(`^((${CIRCLED_CLASS}))${SPACE}(.*)$`), circled: true },
];

/** The numbering opening `line` (already trimmed), or null. */
export function matchNumbering(line: string): Numbering | null {
  for (const { kind, re, circled } of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const value = circled ? parseCircled(m[2]!) : parseNumeral(m[2]!);
    if (value === null) continue;
    if (kind === 'article') {
      const sub = m[3] ? parseNumeral(m[3]) : null;
      return { kind, value, ...(sub !== null ? { subValue: sub } : {}), num: m[1]!.trim(), rest: m[4]!.trim() };
    }
    return { kind, value, num: m[1]!.trim(), rest: m[3]!.trim() };
  }
  return null;
}

/** True when `line` opens with any numbering: used by cleaning to avoid joining a numbered line to the one before. */
export function startsWithNumbering(line: string): boolean {
  return matchNumbering(line.trim()) !== null;
}
