import type { DocumentStatus } from '../lib/types';

const STATUS_LABELS: Record<string, string> = {
  current: '现行有效',
  draft: '征求意见稿',
  repealed: '已废止',
  superseded: '已被替代',
  expired: '已失效',
  amended: '已修改',
  trial: '试行',
};

export function statusLabel(status: DocumentStatus): string {
  return STATUS_LABELS[status] ?? status;
}

const LEVEL_LABELS: Record<string, string> = {
  country: '全国',
  province: '省级',
  city: '地级市',
  league: '盟',
  prefecture: '地区',
  district: '市辖区',
  county: '县',
  banner: '旗',
  'county-city': '县级市',
  town: '镇',
  township: '乡',
  subdistrict: '街道',
  sumu: '苏木',
};

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? level;
}

/** "2024-03-15" → "2024年3月15日"; partial dates ("2024", "2024-03") are handled; anything else is returned as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(value);
  if (!m) return value;
  let out = `${m[1]}年`;
  if (m[2]) out += `${Number(m[2])}月`;
  if (m[3]) out += `${Number(m[3])}日`;
  return out;
}


/** The page of a jurisdiction: /j/<division code>/ */
/** The page of a reference "<docId>" or "<docId>#<eId>": /docs/<docId>/#<eId>. */
export function refHref(ref: string): string {
  const [docId, eId] = ref.split('#');
  return `/docs/${docId}/${eId ? `#${eId}` : ''}`;
}

export function jurisdictionHref(id: string): string {
  return `/j/${id}/`;
}

/** "12 件" */
export function countLabel(n: number): string {
  return `${n} 件`;
}

const REASON_LABELS: Record<string, string> = {
  'portal welcome line': '门户网站欢迎语',
  'portal breadcrumb': '门户网站导航路径',
  'portal page controls': '网页功能按钮（打印、关闭等）',
  'repeated metadata table line': '重复的信息表行',
  'word-processor export debris': '文字处理软件导出残留',
  'markdown comment': 'Markdown 注释',
};

/** Why the ingest removed a line, in Chinese where the reason is a known one. */
export function removalReason(reason: string): string {
  if (REASON_LABELS[reason]) return REASON_LABELS[reason];
  const web = /^web page (\S+) \(navigation, header or footer\)$/.exec(reason);
  if (web) return `网页的导航、页眉或页脚（${web[1]}）`;
  return reason;
}

const FORMAT_LABELS: Record<string, string> = {
  text: '纯文本',
  markdown: 'Markdown',
  html: '网页（HTML）',
  docx: 'Word 文档（.docx）',
};

/** "纯文本 (text)": how the ingest read a source. */
export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ? `${FORMAT_LABELS[format]} · ${format}` : format;
}

/** Text between tags: only what would start a tag or a character reference is escaped (quotes stay as written). */
export function escapeText(value: string): string {
  if (!/[&<>]/.test(value)) return value;
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Text or a double-quoted attribute value, escaped for HTML (or XML). */
export function escapeHtml(value: string): string {
  // most titles and links have nothing to escape: test first, replace only when needed
  if (!/[&<>"]/.test(value)) return value;
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
