/** 文号 (document numbers): 鄂前安发〔2024〕4号, 内党办发〔2022〕4号, 应急〔2019〕78号, with 〔〕 [] （） brackets. */

export const DOC_NUMBER_RE = /([\p{Script=Han}]{1,16})\s*[〔［\[【（(]\s*((?:19|20)[0-9]{2})\s*[〕］\]】）)]\s*(?:第\s*)?([0-9]{1,5})\s*号/u;

export type DocNumber = { prefix: string; year: number; serial: number; text: string };

/** The first 文号 in `text`, or null. */
export function findDocNumber(text: string): DocNumber | null {
  const m = DOC_NUMBER_RE.exec(text);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), serial: Number(m[3]), text: m[0] };
}

/** A line that is nothing but a 文号. */
export function isDocNumberLine(line: string): boolean {
  const m = DOC_NUMBER_RE.exec(line);
  return m !== null && m.index === 0 && m[0].length === line.length;
}

/** Canonical printed form with 〔〕: 鄂前安发[2024]4号 → 鄂前安发〔2024〕4号 */
export function formatDocNumber(n: DocNumber): string {
  return `${n.prefix}〔${n.year}〕${n.serial}号`;
}
