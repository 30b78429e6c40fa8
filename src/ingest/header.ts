/**
 * A document part's header and closing lines: 文号, title (possibly over several lines),
 * 附件 label, 征求意见稿, history lines of laws (通过/修正/施行), recipients (主送),
 * the signature (issuer and date) and the colophon (抄送/抄报, 印发).
 */
import { DATE_RE, allDates, parseChineseDate } from './dates.ts';
import { isDocNumberLine } from './doc-number.ts';
import { matchNumbering } from './numbering.ts';
import { normaliseTitle } from './split.ts';

export type Header = {
  docNumber: string | null;
  titleLines: string[];
  attachmentLabel: string | null;
  draftMark: string | null;
  history: string[];
  recipients: string | null;
  /** header lines of a kind already seen (a second 附件 label or 征求意见稿 mark), kept as printed */
  extra: string[];
  /** index of the first body line */
  bodyStart: number;
};

const ATTACHMENT_LABEL = /^附件\s*([0-9]+|[一二三四五六七八九十]+)$/;
const DRAFT_MARK = /^[（(]?\s*(征求意见稿|送审稿|草案|讨论稿)\s*[）)]?$/;
const HISTORY = /^[（(]?\s*[0-9０-９〇零一二三四五六七八九十]{4}\s*年.*(通过|修正|修订|施行|公布|批准|发布|修改)/;
const SENTENCE_END = /[。；;！？!?]/;
const TITLE_MAX_LINE = 80;

/**
 * Reads the header from the top of `lines`. `knownTitle` is given for a part a notice
 * issued: its title lines are the ones that spell that title.
 */
export function parseHeader(lines: string[], knownTitle?: string): Header {
  const header: Header = { docNumber: null, titleLines: [], attachmentLabel: null, draftMark: null, history: [], recipients: null, extra: [], bodyStart: lines.length };
  let i = 0;
  const skipBlank = () => { while (i < lines.length && lines[i] === '') i++; };
  if (knownTitle) {
    const key = normaliseTitle(knownTitle);
    skipBlank();
    let acc = '';
    while (i < lines.length && acc.length < key.length) {
      if (lines[i] !== '') { header.titleLines.push(lines[i]!); acc += normaliseTitle(lines[i]!); }
      i++;
    }
  }
  for (; ; i++) {
    skipBlank();
    if (i >= lines.length) break;
    const line = lines[i]!;
    if (header.docNumber === null && header.titleLines.length === 0 && isDocNumberLine(line)) { header.docNumber = line; continue; }
    if (header.titleLines.length === 0 && ATTACHMENT_LABEL.test(line)) {
      if (header.attachmentLabel === null) header.attachmentLabel = line;
      else header.extra.push(line);
      continue;
    }
    if (DRAFT_MARK.test(line)) {
      if (header.draftMark === null) header.draftMark = line;
      else header.extra.push(line);
      continue;
    }
    if (HISTORY.test(line) && line.length < 300) { header.history.push(line); continue; }
    if (header.history.length > 0) break;
    if (/[：:]$/.test(line) && line.length <= 150 && (header.titleLines.length > 0 || header.docNumber)) {
      header.recipients = line.replace(/[：:]$/, '');
      i++;
      break;
    }
    const titleLength = header.titleLines.join('').length;
    if (!knownTitle && !matchNumbering(line) && !SENTENCE_END.test(line) && line.length <= TITLE_MAX_LINE &&
      header.titleLines.length < 4 && titleLength + line.length <= 120) {
      header.titleLines.push(line);
      continue;
    }
    break;
  }
  header.bodyStart = Math.min(i, lines.length);
  return header;
}

/** Joins title lines; a wrapped line break inside a title is not a space. */
export function joinTitle(lines: string[]): string {
  return lines.join('').replace(/\s+/g, ' ').trim();
}

export type Signature = { issuerLine: string | null; dateLine: string; date: string | null };

const ORGANISATION = /(人民政府|委员会|办公室|办公厅|政府|党委|局|厅|部|院|管委会|小组|中心|指挥部)$/;
const DATE_ONLY = new RegExp(`^${DATE_RE.source}$`);
const MANGLED_DATE = /^[0-9]{6,8}$/;

/** The signature at the end of `lines` (issuer line, then a date line), and the lines before it. */
export function takeSignature(lines: string[]): { rest: string[]; signature: Signature | null } {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  const dateLine = lines[end - 1];
  if (dateLine === undefined || !(DATE_ONLY.test(dateLine.replace(/\s/g, '')) || MANGLED_DATE.test(dateLine))) {
    return { rest: lines, signature: null };
  }
  let k = end - 2;
  while (k >= 0 && lines[k] === '') k--;
  const issuerLine = k >= 0 && ORGANISATION.test(lines[k]!) && lines[k]!.length <= 40 && !SENTENCE_END.test(lines[k]!) ? lines[k]! : null;
  const cut = issuerLine ? k : end - 1;
  return {
    rest: lines.slice(0, cut),
    signature: { issuerLine, dateLine, date: parseChineseDate(dateLine) },
  };
}

export type Colophon = { cc: string[]; printed: string | null };

const CC_LINE = /^(抄送|抄报|分送)[：:]/;
const PRINTED_LINE = new RegExp(`${DATE_RE.source}\\s*印发$`);

/** The colophon (版记) at the end of a file: 抄送/抄报 lines and the 印发 line. */
export function takeColophon(lines: string[]): { rest: string[]; colophon: Colophon } {
  const colophon: Colophon = { cc: [], printed: null };
  let end = lines.length;
  for (;;) {
    while (end > 0 && lines[end - 1] === '') end--;
    const line = lines[end - 1];
    if (line === undefined) break;
    if (CC_LINE.test(line)) { colophon.cc.unshift(line); end--; continue; }
    if (colophon.printed === null && PRINTED_LINE.test(line)) {
      end--;
      let k = end - 1;
      while (k >= 0 && lines[k] === '') k--;
      if (k >= 0 && ORGANISATION.test(lines[k]!) && lines[k]!.length <= 40) {
        colophon.printed = `${lines[k]} ${line}`;
        end = k;
      } else colophon.printed = line;
      continue;
    }
    break;
  }
  return { rest: lines.slice(0, end), colophon };
}

/** The issuing body named in a law's history line: 2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议… */
export function issuerFromHistory(history: string[]): string | null {
  for (const line of [...history].reverse()) {
    const m = /日\s*[（(]?\s*([^，,（(]+?)(?:第[一二三四五六七八九十百零〇]+次(?:全体)?会议|令第)/.exec(line);
    if (m) return m[1]!.trim();
  }
  return null;
}

/** The latest date in history lines: the date of the version. */
export function latestHistoryDate(history: string[]): string | null {
  const dates = history.flatMap((h) => allDates(h)).sort();
  return dates[dates.length - 1] ?? null;
}
