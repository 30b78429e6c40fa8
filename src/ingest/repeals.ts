/** What a document repeals: 原《鄂托克前旗安全生产委员会工作规则》(鄂前安发〔2022〕7号)同时废止. */
import type { Repeal } from '../lib/types.ts';
import { findDocNumber, formatDocNumber } from './doc-number.ts';

const REPEAL_RE = /《([^《》]+)》\s*(?:[（(]([^（）()]*)[）)])?\s*(?:同时|即行|相应)?(?:废止|停止执行)/g;

export function findRepeals(text: string): Repeal[] {
  return [...text.matchAll(REPEAL_RE)].map((m) => {
    const n = m[2] ? findDocNumber(m[2]) : null;
    return { title: m[1]!, docNumber: n ? formatDocNumber(n) : null };
  });
}
