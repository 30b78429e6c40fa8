/**
 * The public data contract (see README, "Data API"). Ingest writes these shapes to
 * content/data/, the site copies them to dist/api/ and renders pages from them.
 */

export type Jurisdiction = {
  /** GB/T 2260 division code (9 digits for towns), or "100000" for national documents. */
  id: string;
  name: string;
  /** country | province | city | league | prefecture | district | county | banner | county-city | town | township | subdistrict | sumu */
  level: string;
  parent: string | null;
};

export type Ref = {
  text: string;
  /** "<docId>" or "<docId>#<eId>"; null when the cited instrument is not in the collection */
  target: string | null;
  /** what the citing text says the citation is: the basis (根据), a rule to follow (按照…执行), a repeal (原…废止) */
  relation?: 'basis' | 'execution' | 'repeal';
};

export type Clause = {
  /** Akoma Ntoso-style eId, unique within the document: art_9, art_4__item_6, sec_3, para_2 */
  id: string;
  parent: string | null;
  /** part, chapter, section, article, paragraph, item, point, subpoint, subitem, stage, attachment, preamble… */
  type: string;
  /** numbering as printed: 第九条, （一）, 1. */
  num: string | null;
  heading: string | null;
  /** the clause's own text, without its children */
  text: string;
  /** page URL + "#" + eId */
  url: string;
  refs: Ref[];
  topics: string[];
  related: string[];
  /** frequencies, deadlines and dates the clause imposes, with who must act */
  obligations: Obligation[];
};

/** 每季度至少召开1次 → { kind: 'frequency', period: '每季度', count: 1, atLeast: true }; 15日内 → { kind: 'deadline', amount: 15, unit: '日' } */
export type Obligation = {
  kind: 'frequency' | 'deadline' | 'date';
  /** the words of the text that state it */
  text: string;
  /** who must act, as the sentence names them (联席会议, 主要负责人); null when the sentence has no subject */
  actor: string | null;
  /** what is to be done (召开全体会议, 报告一次全旗安全生产工作情况) */
  action: string | null;
  period?: string;
  count?: number;
  atLeast?: boolean;
  amount?: number;
  unit?: string;
  workdays?: boolean;
};

export type DocumentStatus = 'current' | 'draft' | 'repealed' | 'superseded' | (string & {});

/** What a document says it repeals: 原《…》(文号)同时废止 */
export type Repeal = { title: string; docNumber: string | null };

export type DocumentSummary = {
  id: string;
  title: string;
  jurisdiction: string;
  docNumber: string | null;
  issuer: string | null;
  issued: string | null;
  status: DocumentStatus;
  source: string;
  url: string;
};

export type Document = DocumentSummary & {
  /** documents issued by this notice (印发) */
  issues: string[];
  /** the notice that issued this document */
  issuedBy: string | null;
  /** the document that repealed or superseded this one (status 'repealed' or 'superseded') */
  replacedBy: string | null;
  /** documents this one repealed or superseded */
  replaces: string[];
  /** 主送 */
  recipients: string | null;
  /** 抄送 / 抄报 lines as printed */
  cc: string[];
  repeals: Repeal[];
  /** dated history lines of a law (通过, 修正, 修订, 施行) as printed */
  history: string[];
  /** fields of a metadata table found in the source (索引号, 分类, …) and other lines that are metadata, not body */
  sourceMeta: Record<string, string>;
  clauses: Clause[];
};

export type Topic = { id: string; name: string; description?: string; clauses: string[] };

export type ApiIndex = { documents: DocumentSummary[]; jurisdictions: Jurisdiction[]; topics: Topic[] };

export type IngestProblem = { source: string; severity: 'warning' | 'error'; message: string };

export type IngestReport = {
  sources: { source: string; format: string; documents: string[]; removedLines: { line: string; reason: string }[] }[];
  problems: IngestProblem[];
};
