/**
 * One source file → the documents it holds. decode → clean → split → header/signature
 * → clause tree → metadata. Ids and links between documents are assigned later, once
 * every source is parsed (see ingest.ts).
 */
import type { Clause, Document, IngestProblem, Repeal } from '../lib/types.ts';
import { cleanText, type RemovedLine } from './clean.ts';
import { parseChineseDate } from './dates.ts';
import { readSource, type SourceText } from './formats.ts';
import { findDocNumber, formatDocNumber } from './doc-number.ts';
import { assignEids, clauseType } from './eids.ts';
import { issuerFromHistory, joinTitle, latestHistoryDate, parseHeader, takeColophon, takeSignature, type Signature } from './header.ts';
import { NATIONAL, findJurisdiction, resolveJurisdiction } from './jurisdiction.ts';
import { findRepeals } from './repeals.ts';
import type { Sidecar } from './sidecar.ts';
import { splitDocuments, type Part } from './split.ts';
import { buildClauseTree } from './structure.ts';

/** A parsed document before ids: links to sibling documents are by index in the source. */
export type DraftDocument = Omit<Document, 'id' | 'url' | 'issues' | 'issuedBy' | 'replacedBy' | 'replaces' | 'clauses'> & {
  clauses: Omit<Clause, 'url'>[];
  issues: number[];
  issuedBy: number | null;
  /** an id the editor chose in the sidecar */
  requestedId: string | null;
};

export type ParsedSource = {
  source: string;
  format: string;
  documents: DraftDocument[];
  removedLines: RemovedLine[];
  problems: IngestProblem[];
};

function basenameTitle(source: string): string {
  return source.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
}

function toClauses(lines: string[]): Omit<Clause, 'url'>[] {
  return assignEids(buildClauseTree(lines)).map(({ id, parent, node }) => ({
    id, parent, type: clauseType(node.kind), num: node.num, heading: node.heading, text: node.text,
    refs: [], topics: [], related: [], obligations: [],
  }));
}

type PartResult = { doc: DraftDocument; signature: Signature | null };

function parsePart(part: Part, table: Record<string, string>, sidecar: Sidecar, source: string, problems: IngestProblem[]): PartResult {
  const header = parseHeader(part.lines, part.title);
  let body = part.lines.slice(header.bodyStart);
  let signature: Signature | null = null;
  if (part.role !== 'issued') {
    const taken = takeSignature(body);
    body = taken.rest;
    signature = taken.signature;
  }
  const clauses = toClauses(body);
  const sourceMeta: Record<string, string> = {};
  if (header.attachmentLabel) sourceMeta['附件'] = header.attachmentLabel;
  if (header.draftMark) sourceMeta['稿别'] = header.draftMark;
  if (header.extra.length) sourceMeta['页眉'] = header.extra.join('\n');
  if (signature?.issuerLine) sourceMeta['落款'] = signature.issuerLine;
  if (signature) sourceMeta['落款日期'] = signature.dateLine;
  if (part.role !== 'issued') Object.assign(sourceMeta, table);

  const title = (part.role !== 'issued' ? sidecar.title : undefined) ?? (header.titleLines.length ? joinTitle(header.titleLines) : null) ?? table['名称'] ?? table['标题'] ?? basenameTitle(source);
  if (header.titleLines.length === 0 && !sidecar.title && !table['名称']) {
    problems.push({ source, severity: 'warning', message: `no title line found; using "${title}"` });
  }
  const rawNumber = header.docNumber ?? table['文号'] ?? table['发文字号'] ?? null;
  const number = rawNumber ? findDocNumber(rawNumber) : null;
  const tableDate = parseChineseDate(table['发文日期'] ?? table['成文日期'] ?? table['发布日期'] ?? '');
  if (signature && signature.date === null && tableDate) {
    problems.push({ source, severity: 'warning', message: `signature date "${signature.dateLine}" is not a date; using the metadata table's ${tableDate}` });
  }
  const repeals: Repeal[] = clauses.flatMap((c) => findRepeals(c.text));
  const draft = header.draftMark !== null || /征求意见稿/.test(title);
  const doc: DraftDocument = {
    title,
    jurisdiction: '',
    docNumber: part.role === 'issued' ? null : (sidecar.docNumber ?? (number ? formatDocNumber(number) : rawNumber)),
    issuer: sidecar.issuer ?? signature?.issuerLine ?? table['发布机构'] ?? table['发文机关'] ?? issuerFromHistory(header.history),
    issued: sidecar.issued ?? signature?.date ?? tableDate ?? latestHistoryDate(header.history),
    status: sidecar.status ?? (draft ? 'draft' : 'current'),
    source,
    recipients: header.recipients,
    cc: [],
    repeals,
    history: header.history,
    sourceMeta,
    clauses,
    issues: [],
    issuedBy: null,
    requestedId: part.role !== 'issued' ? (sidecar.id ?? null) : null,
  };
  return { doc, signature };
}

const NATIONAL_BODY = /全国人民代表大会|国务院|最高人民法院|最高人民检察院|中共中央|^中华人民共和国|中华人民共和国.{1,12}(部|委员会|总局|署)/;

function placeOf(doc: DraftDocument, sidecar: Sidecar, source: string, problems: IngestProblem[]): string {
  if (sidecar.jurisdiction) {
    const j = resolveJurisdiction(sidecar.jurisdiction);
    if (j) return j.id;
    problems.push({ source, severity: 'error', message: `sidecar jurisdiction "${sidecar.jurisdiction}" is not a known division name or code` });
  }
  // A national body's document is national even when its title names a place (…和县级以上…).
  if (NATIONAL_BODY.test(doc.issuer ?? '') || /^(中华人民共和国|国务院|最高人民)/.test(doc.title)) return NATIONAL.id;
  for (const text of [doc.issuer, doc.title, doc.sourceMeta['发布机构']]) {
    const j = text ? findJurisdiction(text) : null;
    if (j) return j.id;
  }
  if (!NATIONAL_BODY.test(doc.title)) {
    problems.push({ source, severity: 'warning', message: `no place named in the title or issuer of "${doc.title}"; filed as national (a sidecar can set jurisdiction)` });
  }
  return NATIONAL.id;
}

export async function parseSource(source: string, bytes: Uint8Array, sidecar: Sidecar = {}): Promise<ParsedSource> {
  const read = await readSource(source, bytes);
  if (!read.ok) {
    return { source, format: read.format, documents: [], removedLines: [], problems: [{ source, severity: 'error', message: `${read.message}; skipped` }] };
  }
  return parseSourceText(source, read.value, sidecar);
}

/** Parses text already read from a source; pure and synchronous. */
export function parseSourceText(source: string, input: SourceText, sidecar: Sidecar = {}): ParsedSource {
  const result: ParsedSource = { source, format: input.format, documents: [], removedLines: [...input.removed], problems: [] };
  const text = input.text;
  if (text.trim() === '') {
    result.problems.push({ source, severity: 'error', message: 'file is empty (or holds only whitespace); skipped' });
    return result;
  }
  const cleaned = cleanText(text);
  result.removedLines.push(...cleaned.removed);
  const { rest, colophon } = takeColophon(cleaned.lines);
  const parts = splitDocuments(rest);
  const parsed = parts.map((p) => parsePart(p, cleaned.table, sidecar, source, result.problems));
  const notice = parts[0]!.role === 'notice' ? parsed[0]!.doc : null;
  // The colophon (抄送, 印发) belongs to the file's first document: the notice when there is one.
  const first = parsed[0]!.doc;
  first.cc = colophon.cc;
  if (colophon.printed) {
    first.sourceMeta['印发'] = colophon.printed;
    first.issued ??= parseChineseDate(colophon.printed);
  }
  if (notice) {
    parsed.forEach(({ doc }, i) => {
      if (i === 0) return;
      notice.issues.push(i);
      doc.issuedBy = 0;
      doc.issuer ??= notice.issuer;
      doc.issued ??= notice.issued;
      if (notice.status === 'draft') doc.status = 'draft';
    });
  }
  first.jurisdiction = placeOf(first, sidecar, source, result.problems);
  for (const { doc } of parsed.slice(1)) {
    // A rule issued by a notice belongs where the notice does unless its title names a place.
    doc.jurisdiction = notice ? (findJurisdiction(doc.title)?.id ?? notice.jurisdiction) : placeOf(doc, {}, source, result.problems);
  }
  for (const { doc } of parsed) {
    if (!doc.clauses.some((c) => c.num !== null) && doc.issuedBy === null && doc.issues.length === 0) {
      result.problems.push({ source, severity: 'warning', message: `"${doc.title}" has no numbered provisions; kept as plain paragraphs` });
    }
  }
  result.documents = parsed.map((p) => p.doc);
  return result;
}
