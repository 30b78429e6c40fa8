/**
 * npx tsx scripts/naive-search.ts --data DIR --out DIR
 *
 * The naive Pagefind search that bench:search compares with: each document one plain HTML
 * page (<html lang="zh-CN">, the title, every clause as a heading with its eId and its
 * text), Pagefind's addDirectory over those pages (its own Chinese segmentation), and a
 * search page that asks Pagefind for the query as typed. A result's link is the document's
 * sub-result (heading anchor) with the most matched words, so the naive search gets the
 * best clause link Pagefind offers. The page marks results like /search/ does
 * (data-search-result, data-search-query, data-search-ms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApiIndex, Document } from '../src/lib/types';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SEARCH_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>naive search</title></head>
<body><ol data-search-results></ol>
<script type="module">
const q = new URLSearchParams(location.search).get('q') ?? '';
const list = document.querySelector('[data-search-results]');
const started = performance.now();
const pf = await import('/pagefind/pagefind.js');
const found = await pf.search(q);
const top = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
for (const d of top) {
  const best = [...(d.sub_results ?? [])].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))[0];
  const li = document.createElement('li');
  li.setAttribute('data-search-result', '');
  const a = document.createElement('a');
  a.href = best?.url ?? d.url;
  a.textContent = d.meta.title;
  li.append(a);
  list.append(li);
}
list.dataset.searchQuery = q.trim();
list.dataset.searchMs = String(Math.round(performance.now() - started));
</script></body></html>
`;

export async function buildNaive(dataDir: string, outDir: string): Promise<{ pages: number }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const index = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')) as ApiIndex;
  for (const summary of index.documents) {
    const doc = JSON.parse(fs.readFileSync(path.join(dataDir, 'docs', `${summary.id}.json`), 'utf8')) as Document;
    const body = doc.clauses
      .map((c) => `<h2 id="${escape(c.id)}">${escape([c.num, c.heading].filter(Boolean).join(' ') || '§')}</h2>\n<p>${escape(c.text)}</p>`)
      .join('\n');
    const html = `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head>\n<body><h1>${escape(doc.title)}</h1>\n${body}\n</body></html>\n`;
    const dir = path.join(outDir, ...new URL(doc.url, 'https://x.invalid').pathname.split('/').filter(Boolean).map(decodeURIComponent));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), html);
  }
  const pagefind = await import('pagefind');
  try {
    const { index: pf, errors } = await pagefind.createIndex({});
    if (!pf || errors.length > 0) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await pf.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await pf.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    fs.mkdirSync(path.join(outDir, 'search'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'search', 'index.html'), SEARCH_PAGE);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { data: { type: 'string', default: 'content/data' }, out: { type: 'string', default: '.tiaowen/naive-search' } } });
  const { pages } = await buildNaive(path.resolve(values.data!), path.resolve(values.out!));
  console.log(`naive Pagefind site: ${pages} pages → ${values.out}`);
}
