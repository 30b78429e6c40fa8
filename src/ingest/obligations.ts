/**
 * Obligations in a clause's text: how often (每季度至少召开一次), by when (15日内,
 * 5个工作日内), on which date (每年6月中旬), and who must act — the sentence's subject.
 */
import type { Obligation } from '../lib/types.ts';
import { parseNumeral } from './numerals.ts';

const NUM = '[一二三四五六七八九十两0-9]+';
const PERIOD = `每(?:年|半年|季度|季|月|半月|周|旬|日|天|(?:${NUM})个?(?:年|月|周))`;
const FREQUENCY_RE = new RegExp(`(${PERIOD})([^。；;，,]{0,24}?)(至少|不少于|不低于)?\\s*(${NUM})\\s*次`, 'gu');
const DEADLINE_RE = new RegExp(`(?:提前\\s*)?(${NUM})\\s*(个)?(工作日|日|天|小时|个月|月|年)(内|以内|前)|提前\\s*(${NUM})\\s*(个)?(工作日|日|天|小时)`, 'gu');
const DATE_RE = new RegExp(`每年\\s*(${NUM})\\s*月(上旬|中旬|下旬|底|初|末|(?:${NUM})日)(前)?|(季度|年度|月)(初|末|底)(前)?`, 'gu');

/**
 * Where the subject of a sentence stops: the first word that starts the predicate. Single
 * characters are guarded so that 主要负责人, 应急管理局, 关于 and 自治区 stay in the subject.
 */
const PREDICATE = /(原则上|每(?=年|半年|季|月|周|旬|日|天|[一二两三四五六七八九十0-9])|至少|应当|应(?=于|在|按|及|向|对|将)|必须|须|可以|负责(?!人|同志)|定期|及时|不定期|根据|按照|依照|实行|建立|召开|开展|组织|报告|报送|提前|提交|向|对(?!于)|在(?!内)|由(?!于))/;

function sentenceAround(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && !/[。；;！？!?]/.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !/[。；;！？!?]/.test(text[end]!)) end++;
  return { start, end };
}

function subjectOf(prefix: string): string | null {
  const m = PREDICATE.exec(prefix);
  const subject = (m ? prefix.slice(0, m.index) : '').replace(/^[\s，,、：:]+|[\s，,、：:]+$/g, '');
  return subject.length >= 2 && subject.length <= 30 ? subject : null;
}

/**
 * Who must act: the subject of the comma-clause holding `at` (其他成员单位每年至少报告一次),
 * else of the whole sentence (联席会议原则上每季度召开一次).
 */
function actorOf(text: string, at: number): string | null {
  const { start } = sentenceAround(text, at);
  let clauseStart = at;
  while (clauseStart > start && !/[，,：:]/.test(text[clauseStart - 1]!)) clauseStart--;
  return subjectOf(text.slice(clauseStart, at + 2)) ?? subjectOf(text.slice(start, at + 2));
}

/** What is to be done: the words after the obligation up to the end of the clause of the sentence. */
function actionAfter(text: string, from: number): string | null {
  const m = /^[^。；;，,]{1,30}/.exec(text.slice(from));
  const action = m ? m[0].trim() : '';
  return action.length >= 2 ? action : null;
}

export function extractObligations(text: string): Obligation[] {
  const out: Obligation[] = [];
  for (const m of text.matchAll(FREQUENCY_RE)) {
    const at = m.index!;
    const atLeast = Boolean(m[3]) || /至少|不少于/.test(m[2]!);
    const between = m[2]!.trim().replace(/^(至少|不少于)/, '');
    // 召开1次全体会议 → 召开全体会议: the verb before the count and the object after it.
    const action = `${between}${actionAfter(text, at + m[0].length) ?? ''}`;
    out.push({
      kind: 'frequency', text: m[0], actor: actorOf(text, at), action: action.length >= 2 ? action : null,
      period: m[1]!, count: parseNumeral(m[4]!) ?? 1, atLeast,
    });
  }
  for (const m of text.matchAll(DEADLINE_RE)) {
    const at = m.index!;
    const [amount, unit] = m[1] ? [m[1], m[3]!] : [m[5]!, m[7]!];
    out.push({
      kind: 'deadline', text: m[0], actor: actorOf(text, at), action: actionAfter(text, at + m[0].length),
      amount: parseNumeral(amount) ?? 0, unit: unit === '工作日' ? '日' : unit, workdays: unit === '工作日',
    });
  }
  for (const m of text.matchAll(DATE_RE)) {
    const at = m.index!;
    out.push({ kind: 'date', text: m[0], actor: actorOf(text, at), action: actionAfter(text, at + m[0].length) });
  }
  return out.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
}
