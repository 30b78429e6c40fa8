/**
 * Cleaning: what a source carries that is not the document's text. Word-export debris,
 * web-portal furniture, a portal's metadata table (kept as fields), and lines broken by
 * page breaks (joined). Every removed line is returned with its reason, so nothing
 * disappears silently.
 */
import { startsWithNumbering } from './numbering.ts';

export type RemovedLine = { line: string; reason: string };

export type Cleaned = {
  /** lines, trimmed, blank lines kept as '' (they separate paragraphs and titles) */
  lines: string[];
  removed: RemovedLine[];
  /** key → value from a metadata table (索引号, 发布机构, 发文日期, 文号, …) */
  table: Record<string, string>;
  /** how many page-break joins were made */
  joins: number;
};

/** Trim ASCII and full-width spaces at both ends. */
export function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, '');
}

const DEBRIS = /\[bookmark: [^\]]*\]/g;
const DEBRIS_TEST = /\[bookmark: [^\]]*\]/;

/** Markdown emphasis that a conversion wrapped around title lines: **…** */
function stripEmphasisMarks(line: string): string {
  return line.replace(/^\*\*(?=\S)/, '').replace(/(?<=\S)\*\*$/, '');
}

const FURNITURE: { re: RegExp; reason: string }[] = [
  { re: /^[•·●\s]*(您好|你好)[,，!！\s]*欢迎(来到|访问)/, reason: 'portal welcome line' },
  { re: /^(您的位置|您现在的位置|当前位置|所在位置)[:：]/, reason: 'portal breadcrumb' },
  { re: /^(首页|网站首页)\s*[>＞»]/, reason: 'portal breadcrumb' },
  { re: /^[【\[]?\s*(打印本页|关闭窗口|打印|关闭)\s*[】\]]?(\s*[【\[]?\s*(打印本页|关闭窗口|打印|关闭)\s*[】\]]?)*$/, reason: 'portal page controls' },
  { re: /^(字号|字体)[:：]\s*[【\[]?\s*大/, reason: 'portal page controls' },
  { re: /^(扫一扫在手机打开当前页|分享到[:：]?.*)$/, reason: 'portal page controls' },
];

/** Keys of the metadata tables that government portals print above a document. */
const TABLE_KEYS = ['索引号', '分类', '主题分类', '发布机构', '发文机关', '成文日期', '发文日期', '发布日期', '名称', '标题', '文号', '发文字号', '主题词', '有效性', '公文种类'];
const spaced = (key: string) => [...key].join('[\\s\\u3000]*');
const TABLE_KEY_RE = new RegExp(`(${TABLE_KEYS.map(spaced).join('|')})[\\s\\u3000]*[:：]`, 'g');

/** 'A: x B: y' → {A: 'x', B: 'y'} when the line starts with a table key; else null. */
export function parseTableLine(line: string): Record<string, string> | null {
  const matches = [...line.matchAll(TABLE_KEY_RE)];
  if (matches.length === 0 || matches[0]!.index !== 0) return null;
  const fields: Record<string, string> = {};
  matches.forEach((m, i) => {
    const key = m[1]!.replace(/[\s\u3000]/g, '');
    const end = i + 1 < matches.length ? matches[i + 1]!.index : line.length;
    fields[key] = trimLine(line.slice(m.index! + m[0].length, end)).replace(/[\s\u3000]*[/／]$/, '');
  });
  return fields;
}

/** Running text holds clause punctuation; titles and headings do not. */
const RUNNING_TEXT = /[，。；,;]/;
const CC_START = /^(抄送|抄报|分送)[：:]/;
/** Stands where a line was removed: a page break is never joined across it. */
const BARRIER = '\u0000';
const TERMINAL = /[。；;：:！？!?…]$|[。；;！？!?][”"’）)」』】]$/;
const DATE_LINE = /^[0-9０-９〇零一二三四五六七八九十]{2,4}年[0-9０-９〇一二三四五六七八九十]{1,2}月[0-9０-９〇一二三四五六七八九十]{1,3}日/;
/** A line broken by a page break is a full line of running text. */
const MIN_BROKEN_LINE = 25;

/**
 * Joins a line that stops mid-sentence to the next non-blank line when only blank lines
 * (a page break) lie between: `…报旗委批准后，旗` + '' + `人民政府印发通知；…`.
 */
export function joinPageBreaks(lines: string[]): { lines: string[]; joins: number } {
  const out: string[] = [];
  let joins = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (line.length >= MIN_BROKEN_LINE && !TERMINAL.test(line) && RUNNING_TEXT.test(line) && !CC_START.test(line) && /[，、,\p{Script=Han}]$/u.test(line)) {
      let j = i + 1;
      while (j < lines.length && lines[j] === '') j++;
      if (j === i + 1 || j >= lines.length) break;
      const next = lines[j]!;
      if (next === BARRIER || startsWithNumbering(next) || DATE_LINE.test(next) || !/^[\p{Script=Han}“”‘’《（(0-9A-Za-z]/u.test(next)) break;
      // An issuer line followed by a date is a signature, not the rest of a sentence.
      let k = j + 1;
      while (k < lines.length && lines[k] === '') k++;
      if (k < lines.length && DATE_LINE.test(lines[k]!) && next.length <= 40) break;
      line += next;
      joins++;
      i = j;
    }
    if (line !== BARRIER) out.push(line);
  }
  return { lines: out, joins };
}

export function cleanText(text: string): Cleaned {
  const removed: RemovedLine[] = [];
  const table: Record<string, string> = {};
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    let line = trimLine(raw);
    if (DEBRIS_TEST.test(line)) {
      const stripped = trimLine(line.replace(DEBRIS, ''));
      removed.push({ line, reason: 'word-processor export debris' });
      line = stripped;
      if (line === '') continue;
    }
    line = stripEmphasisMarks(line);
    const furniture = FURNITURE.find((f) => f.re.test(line));
    if (furniture) {
      removed.push({ line, reason: furniture.reason });
      lines.push(BARRIER);
      continue;
    }
    const fields = parseTableLine(line);
    if (fields) {
      const repeated = Object.entries(fields).every(([k, v]) => table[k] === v);
      if (repeated) removed.push({ line, reason: 'repeated metadata table line' });
      for (const [key, value] of Object.entries(fields)) {
        // A key given twice with different values keeps both.
        let k = key;
        for (let n = 2; table[k] !== undefined && table[k] !== value; n++) k = `${key}_${n}`;
        table[k] = value;
      }
      lines.push(BARRIER);
      continue;
    }
    lines.push(line);
  }
  const joined = joinPageBreaks(lines);
  return { lines: joined.lines, removed, table, joins: joined.joins };
}
