/**
 * How a clause is cited in Chinese: the document title in 《》, then the numbering path
 * from the top of the document, then the clause's absolute URL:
 *
 *   《鄂托克前旗安全生产委员会工作规则》第九条 https://…/docs/…/#art_9
 *   《…工作规则》第四条第（六）项          (an item of an article)
 *   《…实施方案》三、（二）1.               (numbering of a policy document, as printed)
 *
 * Rules:
 * - Where articles (条) are numbered once through the document, the path starts at the
 *   article: chapters and sections above it are not part of a citation (第九条, not
 *   第二章第九条). Where article numbers repeat (each section restarts at 第一条), the
 *   numbering above the article is kept: 七、第四条.
 * - Below an article the parts are named the way laws name them: 第二款 (a paragraph
 *   without a number), 第（六）项 (an item), 第1目 (a point).
 * - Outside articles every number is written as printed (三、（二）1.), except that
 *   brackets are always full-width (（二）, not (二)); an unnumbered paragraph is 第二段,
 *   or 结语 after the last numbered part; preamble text is 引言 (or 引言第二段 when there
 *   are several).
 * - A document whose only text is its preamble (a short notice) is cited by title alone.
 */
import type { Clause } from '../lib/types';

type CitableClause = Pick<Clause, 'id' | 'parent' | 'type' | 'num'>;

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (good up to 9999). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
  }
  if (n < 10000) {
    const rest = n % 1000;
    return `${DIGITS[Math.floor(n / 1000)]}千${rest === 0 ? '' : rest < 100 ? `零${chineseNumber(rest).replace(/^十/, '一十')}` : chineseNumber(rest)}`;
  }
  return String(n);
}

/** The position of a clause among its siblings of the same type (1-based), from its eId (para_2) when it says so. */
function ordinal(clause: CitableClause, siblings: CitableClause[]): number {
  const m = /(?:^|__)[a-z]+_(\d+)$/.exec(clause.id);
  if (m) return Number(m[1]);
  const same = siblings.filter((s) => s.type === clause.type);
  return same.indexOf(clause) + 1;
}

const stripDot = (num: string) => num.replace(/[.．、]\s*$/, '');

/** (六) → （六）: a citation uses full-width brackets, whatever the source printed. */
const fullWidthBrackets = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）');

/**
 * The paths computed for a clause list, kept while the list is: a build's passes over the
 * collection (links, each comparison topic a document is on, search records) ask for the
 * same document's paths again, which was some 3 s of the corpus's render.
 */
const computed = new WeakMap<readonly CitableClause[], Map<string, string>>();

/** Citation paths for every clause of a document, by eId (computed once per clause list; the list must not change afterwards). */
export function citationPaths(clauses: readonly CitableClause[]): ReadonlyMap<string, string> {
  let paths = computed.get(clauses);
  if (!paths) computed.set(clauses, (paths = pathsOf(clauses)));
  return paths;
}

function pathsOf(clauses: readonly CitableClause[]): Map<string, string> {
  const byId = new Map(clauses.map((c) => [c.id, c]));
  const children = new Map<string | null, CitableClause[]>();
  for (const c of clauses) {
    const parent = c.parent && byId.has(c.parent) ? c.parent : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(c);
  }
  const articleNums = new Map<string, number>();
  for (const c of clauses) if (c.type === 'article' && c.num) articleNums.set(c.num, (articleNums.get(c.num) ?? 0) + 1);
  const topLevel = children.get(null) ?? [];
  const preambles = clauses.filter((c) => c.type === 'preamble');
  const onlyPreamble = topLevel.length > 0 && topLevel.every((c) => c.type === 'preamble') && clauses.every((c) => c.type === 'preamble' || c.parent);

  const chainOf = (clause: CitableClause): CitableClause[] => {
    const chain: CitableClause[] = [];
    const seen = new Set<string>();
    for (let c: CitableClause | undefined = clause; c && !seen.has(c.id); c = c.parent ? byId.get(c.parent) : undefined) {
      seen.add(c.id);
      chain.unshift(c);
    }
    return chain;
  };

  const token = (c: CitableClause, inArticle: boolean): string => {
    const siblings = children.get(c.parent && byId.has(c.parent) ? c.parent : null) ?? [];
    switch (c.type) {
      case 'article':
        return c.num ?? `第${chineseNumber(ordinal(c, siblings))}条`;
      case 'paragraph': {
        if (c.num) return c.num;
        if (inArticle) return `第${chineseNumber(ordinal(c, siblings))}款`;
        // closing paragraphs of a document, after its last numbered part: 结语
        const at = siblings.indexOf(c);
        const lastNumbered = siblings.findLastIndex((s) => s.num);
        if (!c.parent && lastNumbered >= 0 && at > lastNumbered) {
          const tail = siblings.slice(lastNumbered + 1).filter((s) => s.type === 'paragraph' && !s.num);
          return tail.length > 1 ? `结语第${chineseNumber(tail.indexOf(c) + 1)}段` : '结语';
        }
        return `第${chineseNumber(ordinal(c, siblings))}段`;
      }
      case 'item':
        if (inArticle && c.num) return `第${c.num}项`;
        break;
      case 'point':
        if (inArticle && c.num) return `第${stripDot(c.num)}目`;
        break;
      case 'preamble':
        if (onlyPreamble && preambles.length === 1) return '';
        return preambles.length > 1 ? `引言第${chineseNumber(ordinal(c, preambles))}段` : '引言';
    }
    return c.num ?? `第${chineseNumber(ordinal(c, siblings))}段`;
  };

  const paths = new Map<string, string>();
  for (const clause of clauses) {
    const chain = chainOf(clause);
    let start = 0;
    let articleAt = -1;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (chain[i].type === 'article') {
        articleAt = i;
        break;
      }
    }
    if (articleAt >= 0) {
      const article = chain[articleAt];
      const unique = !article.num || (articleNums.get(article.num) ?? 0) <= 1;
      if (unique) start = articleAt;
    }
    paths.set(
      clause.id,
      chain
        .slice(start)
        .map((c, i) => fullWidthBrackets(token(c, articleAt >= 0 && start + i > articleAt)))
        .join(''),
    );
  }
  return paths;
}

/** 《title》path url — the text the copy button puts on the clipboard. */
export function citation(title: string, path: string, url: string): string {
  return `《${title}》${path} ${url}`;
}
