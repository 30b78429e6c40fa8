/**
 * Beside a clause's text: its topics, its similar provisions in other jurisdictions (to
 * each of which the page's script adds a link comparing the two, client/reading.ts) and the
 * clauses of other documents that cite it (被引用).
 * Collapsed into one line per kind; nothing for a clause that has none.
 *
 * Written as an HTML string, not by a component: on the corpus, 281,642 clauses have an
 * aside (269 MB of the pages' HTML), and a component for each was the largest single cost
 * of rendering the document pages.
 */
import type { ClauseLink, ClauseLinks } from './clause-links';
import { escapeHtml } from './format';

const label = (text: string) => `<span class="clause-aside__label">${text}</span>`;

function linkItem(link: ClauseLink): string {
  const place = link.place ? `<span class="clause-aside__place">（${escapeHtml(link.place)}）</span>` : '';
  return `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>${place}</li>`;
}

function linkList(className: string, name: string, unit: string, links: ClauseLink[]): string {
  return `<details class="clause-aside__row ${className}"><summary>${label(name)} ${links.length} ${unit}</summary><ul>${links.map(linkItem).join('')}</ul></details>`;
}

/** The aside of one clause, or '' when it has nothing beside it. */
export function clauseAsideHtml(links: ClauseLinks): string {
  const rows: string[] = [];
  if (links.topics.length > 0) {
    rows.push(`<p class="clause-aside__row">${label('主题')}${links.topics.map((t) => `<a class="tag" href="${escapeHtml(t.href)}">${escapeHtml(t.name)}</a>`).join('')}</p>`);
  }
  if (links.citedBy.length > 0) rows.push(linkList('clause-aside__cited', '被引用', '处', links.citedBy));
  if (links.related.length > 0) rows.push(linkList('clause-aside__related', '其他地区的相似条款', '条', links.related));
  return rows.length > 0 ? `<div class="clause-aside" data-pagefind-ignore>${rows.join('')}</div>` : '';
}
