/**
 * Small enhancements of a document page. The page reads the same without them: the copy
 * buttons only exist when this script runs, and the table of contents is a <details>
 * that works on its own.
 *
 * - a "copy citation" button next to every clause's permalink (¶), and one for the whole
 *   document: 《title》第九条 https://…/docs/…/#art_9 (the path is the page's data-cite,
 *   computed at build time by src/site/citation.ts; the URL comes from the `site` option)
 * - on wide screens, where the table of contents is a sidebar, it starts open
 * - a 对比 link beside each similar provision, comparing it with the clause on the diff
 *   page, added when its row is first opened: the diff page needs JavaScript anyway, and as
 *   links in the HTML they were a quarter of a document page's bytes (and of the time to
 *   render the corpus's pages)
 */
import { clauseKeyOfHref, diffHref } from '../compare/diff-href';

const article = document.querySelector<HTMLElement>('article[data-cite-title]');
const liveRegion = document.querySelector<HTMLElement>('[data-cite-status]');

const SVG_NS = 'http://www.w3.org/2000/svg';

function copyIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [x, y] of [
    [5, 5],
    [2, 2],
  ]) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(x));
    rect.setAttribute('y', String(y));
    rect.setAttribute('width', '9');
    rect.setAttribute('height', '9');
    rect.setAttribute('rx', '1.5');
    svg.append(rect);
  }
  return svg;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No async clipboard (an http:// origin, an old browser): a selected textarea and execCommand.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'clipboard-helper';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

function announce(message: string) {
  if (!liveRegion) return;
  liveRegion.textContent = '';
  // cleared first, so that screen readers announce a repeated message again
  requestAnimationFrame(() => {
    liveRegion.textContent = message;
  });
}

function citationFor(path: string, eid: string | null): string {
  const title = article!.dataset.citeTitle ?? document.title;
  const base = article!.dataset.citeUrl ?? location.href.split('#')[0];
  const url = eid ? `${base}#${eid}` : base;
  const number = !eid && article!.dataset.citeNumber ? `（${article!.dataset.citeNumber}）` : '';
  return `《${title}》${number}${path} ${url}`;
}

function flash(button: HTMLButtonElement, ok: boolean) {
  button.dataset.copied = ok ? 'yes' : 'no';
  window.setTimeout(() => {
    delete button.dataset.copied;
  }, 2000);
}

if (article) {
  for (const tools of article.querySelectorAll<HTMLElement>('.clause__tools[data-eid]')) {
    const eid = tools.dataset.eid!;
    const path = tools.dataset.cite ?? '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cite-button';
    button.dataset.citeEid = eid;
    button.dataset.citePath = path;
    const name = path || '本段';
    button.setAttribute('aria-label', `复制${name}的引用`);
    button.title = `复制引用：${name}`;
    button.append(copyIcon());
    tools.append(button);
  }

  // positioned over the status line, so that showing it moves nothing
  const docButton = article.querySelector<HTMLElement>('[data-cite-doc-button]');
  if (docButton) docButton.hidden = false;

  // toggle does not bubble: listened for on its way down
  const docId = article.dataset.docId;
  if (docId && article.dataset.diffPage !== undefined) {
    article.addEventListener('toggle', (event) => {
      const row = event.target;
      if (row instanceof HTMLDetailsElement && row.open && row.matches('.clause-aside__related') && !row.dataset.diffLinks) addDiffLinks(row, docId);
    }, true);
  }

  article.addEventListener('click', async (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target) return;
    let text: string;
    if (target.matches('[data-cite-doc-button]')) text = citationFor('', null);
    else if (target.matches('.cite-button')) text = citationFor(target.dataset.citePath ?? '', target.dataset.citeEid ?? null);
    else return;
    const ok = await copyText(text);
    flash(target, ok);
    announce(ok ? `已复制引用：${text}` : '未能复制，请手动选择文字复制。');
  });
}

/** The 对比 links of a row of similar provisions: the clause whose aside it is (its tools' data-eid) against each. */
function addDiffLinks(row: HTMLDetailsElement, docId: string) {
  row.dataset.diffLinks = 'yes';
  const clause = row.closest('.clause');
  const eid = clause?.querySelector<HTMLElement>(':scope > .clause__tools, :scope > .clause__bar > .clause__tools')?.dataset.eid;
  if (!eid) return;
  for (const item of row.querySelectorAll(':scope > ul > li')) {
    const other = clauseKeyOfHref(item.querySelector('a')?.getAttribute('href') ?? '');
    if (!other) continue;
    const link = document.createElement('a');
    link.className = 'clause-aside__diff';
    link.href = diffHref(`${docId}#${eid}`, other);
    link.textContent = '对比';
    item.append(link);
  }
}

// The table of contents is a sidebar on wide screens: open it there.
const toc = document.querySelector<HTMLDetailsElement>('details[data-toc]');
if (toc) {
  const wide = window.matchMedia('(min-width: 64rem)');
  const sync = () => {
    toc.open = wide.matches;
  };
  sync();
  wide.addEventListener('change', sync);
}

export {};
