/**
 * Citations in a clause's text: titles in 《》 (with nested 〈〉 or <>), 文号, article
 * references (本条例第十九条第二款, 前款, 前条, 安全生产法第二十一条 through a short name
 * the text defines), and the relation a citation states (根据 → basis, 按照…执行 →
 * execution, 原《…》…废止 → repeal). Pure: text in, spans out.
 */
import { findDocNumber, formatDocNumber, DOC_NUMBER_RE } from './doc-number.ts';
import { HAN_NUMERAL, parseNumeral } from './numerals.ts';

export type Relation = 'basis' | 'execution' | 'repeal';

/** An article, paragraph (款) and item (项) named in a reference. */
export type Pinpoint = { article: number; articleSub?: number; paragraph?: number; item?: number };

export type Citation = {
  start: number;
  end: number;
  text: string;
  /** 'title' 《…》, 'docNumber' 文号, 'self' a provision of the citing document, 'relative' 前款/前条 */
  kind: 'title' | 'docNumber' | 'self' | 'relative';
  title?: string;
  docNumber?: string;
  pinpoint?: Pinpoint;
  /** 前款 → 'previousParagraph', 前条 → 'previousArticle' */
  relative?: 'previousParagraph' | 'previousArticle';
  relation?: Relation;
};

const N = `${HAN_NUMERAL}+|[0-9]+`;
const PINPOINT = `第(${N})条(?:之(${N}))?(?:第(${N})款)?(?:第[（(]?(${N})[）)]?项)?`;
const PINPOINT_RE = new RegExp(`^${PINPOINT}`);
const SELF_RE = new RegExp(`本(?:条例|规则|办法|细则|制度|方案|法|规定|决定|意见|实施意见|实施方案|实施办法|实施细则|解释)${PINPOINT}`, 'g');
const RELATIVE_RE = /前款|前条/g;
const SHORT_NAME_RE = /^\s*[（(][^（）()]{0,30}?(?:以下简称|以下称|下称|简称)\s*[《“"]?([^）)》”"，,、]{1,24})[》”"]?\s*[）)]/;

function pinpoint(m: RegExpExecArray | RegExpMatchArray, at = 1): Pinpoint {
  const p: Pinpoint = { article: parseNumeral(m[at]!)! };
  if (m[at + 1]) p.articleSub = parseNumeral(m[at + 1]!)!;
  if (m[at + 2]) p.paragraph = parseNumeral(m[at + 2]!)!;
  if (m[at + 3]) p.item = parseNumeral(m[at + 3]!)!;
  return p;
}

/** The end of a 《…》 title starting at `start`, allowing nested 《》, 〈〉 and <>; -1 when unclosed. */
function titleEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length && i < start + 200; i++) {
    const c = text[i];
    if (c === '《') depth++;
    else if (c === '》' && --depth === 0) return i + 1;
  }
  return -1;
}

function relationBefore(text: string, start: number, end: number): Relation | undefined {
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 40);
  if (/原$/.test(before) && /^[^。；]*?(同时|即行|相应)?(废止|停止执行)/.test(after)) return 'repeal';
  if (/(按照|参照|依照)[^。，；]{0,4}$/.test(before) && /^[^。；，]{0,30}?执行/.test(after)) return 'execution';
  if (/(根据|依据|依照|依)[^。，；]{0,6}$/.test(before)) return 'basis';
  return undefined;
}

const LEADING_WORDS = /^.*?(根据|依据|依照|按照|参照|印发|转发|关于|执行|落实|贯彻|以及|文件|通知|和|及|与|的|经|即|为|是|以|按|据|见|在|对|将|由|了)/;

/** An issuer's code in a 文号 is short and follows the last function word: 根据鄂政发 → 鄂政发. */
function trimPrefix(prefix: string): string {
  const trimmed = prefix.replace(LEADING_WORDS, '');
  return trimmed.length > 8 ? trimmed.slice(-8) : trimmed;
}

/** Short names a text defines: 《中华人民共和国安全生产法》（以下简称安全生产法）. */
export function findShortNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (let i = text.indexOf('《'); i >= 0; i = text.indexOf('《', i + 1)) {
    const end = titleEnd(text, i);
    if (end < 0) continue;
    const m = SHORT_NAME_RE.exec(text.slice(end));
    if (m) names.set(m[1]!.trim(), text.slice(i + 1, end - 1));
  }
  return names;
}

/**
 * Citations in `text`, in order, without overlaps. `shortNames` maps names the document
 * defined (安全生产法) to the full titles they stand for.
 */
export function extractCitations(text: string, shortNames: Map<string, string> = new Map()): Citation[] {
  const found: Citation[] = [];
  const taken = (start: number, end: number) => found.some((c) => start < c.end && end > c.start);

  for (let i = text.indexOf('《'); i >= 0; i = text.indexOf('《', i + 1)) {
    const end0 = titleEnd(text, i);
    if (end0 < 0 || taken(i, end0)) continue;
    const printed = text.slice(i + 1, end0 - 1);
    // 《意见》 after (…下称《意见》) stands for the full title.
    const title = shortNames.get(printed) ?? printed;
    let end = end0;
    const c: Citation = { start: i, end, text: '', kind: 'title', title };
    const pin = PINPOINT_RE.exec(text.slice(end));
    if (pin) { c.pinpoint = pinpoint(pin); end += pin[0].length; }
    // 《…》(鄂前安发〔2022〕7号): the number in brackets right after the title identifies it.
    const numbered = /^\s*[（(]([^（）()]{4,30})[）)]/.exec(text.slice(end));
    const n = numbered ? findDocNumber(numbered[1]!) : null;
    if (n && numbered![1]!.trim() === n.text.trim()) { c.docNumber = formatDocNumber(n); end += numbered![0].length; }
    c.end = end;
    c.text = text.slice(i, end);
    // Titles listed after one 根据 (根据《A》《B》和《C》) share its relation.
    const previous = found[found.length - 1];
    const listed = previous?.kind === 'title' && previous.relation === 'basis' && /^[、，,和及与以及\s]*$/.test(text.slice(previous.end, i));
    const relation = listed ? 'basis' : relationBefore(text, i, end);
    if (relation) c.relation = relation;
    found.push(c);
    i = end0 - 1;
  }

  // every 文号 ends in 号: the pattern, which tries up to 16 Han characters at each position, runs only where one can be
  for (const m of text.includes('号') ? text.matchAll(new RegExp(DOC_NUMBER_RE.source, 'gu')) : []) {
    // The pattern's prefix runs back over any Han text (根据鄂政发〔2016〕78号): keep only the issuer's code.
    const prefix = trimPrefix(m[1]!);
    const start = m.index! + (m[1]!.length - prefix.length);
    const end = m.index! + m[0].length;
    if (taken(start, end) || prefix.length === 0) continue;
    const n = findDocNumber(text.slice(start, end))!;
    found.push({ start, end, text: text.slice(start, end), kind: 'docNumber', docNumber: formatDocNumber(n) });
  }

  for (const m of text.matchAll(SELF_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!taken(start, end)) found.push({ start, end, text: m[0], kind: 'self', pinpoint: pinpoint(m) });
  }

  for (const [short, title] of shortNames) {
    const re = new RegExp(`${short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${PINPOINT}`, 'g');
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!taken(start, end)) found.push({ start, end, text: m[0], kind: 'title', title, pinpoint: pinpoint(m) });
    }
  }

  for (const m of text.matchAll(RELATIVE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!taken(start, end)) found.push({ start, end, text: m[0], kind: 'relative', relative: m[0] === '前款' ? 'previousParagraph' : 'previousArticle' });
  }

  return found.sort((a, b) => a.start - b.start);
}
