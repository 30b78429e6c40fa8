/**
 * npm run refs:check [-- --corpus DIR]
 * Resolution of cross-references measured over the corpus plus the bundled sources:
 * - of the 《》 citations whose title (or normalised title) is in the collection, the share
 *   resolved to a document with that title;
 * - of the 本条例第N条 references, the share resolved to the right article, and the wrong ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { extractCitations, findShortNames } from '../src/ingest/citations.ts';
import { ingestCollection, type SourceFile } from '../src/ingest/ingest.ts';
import { articleKey, clauseArticleKey, normaliseCitedTitle } from '../src/ingest/references.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' }, show: { type: 'string', default: '8' } } });
const read = (dir: string, prefix: string): SourceFile[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(txt|md|html?|docx)$/.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .map((p) => ({ source: `${prefix}${p}`, bytes: readFileSync(join(dir, p)) }));

const files = [...read(values.corpus!, 'corpus/'), ...read('content/sources', 'seeds/')];
const { documents } = await ingestCollection(files);
const byId = new Map(documents.map((d) => [d.id, d]));
const titles = new Map<string, Set<string>>();
for (const d of documents) {
  const key = normaliseCitedTitle(d.title);
  titles.set(key, new Set([...(titles.get(key) ?? []), d.id]));
}

const t = { eligible: 0, resolved: 0, misses: [] as string[] };
const s = { all: 0, right: 0, wrong: 0, unresolved: 0, absent: 0, wrongs: [] as string[] };

for (const doc of documents) {
  const shortNames = findShortNames(doc.clauses.map((c) => c.text).join('\n'));
  for (const clause of doc.clauses) {
    const citations = extractCitations(clause.text, shortNames);
    citations.forEach((c, i) => {
      const target = clause.refs[i]!.target;
      const targetDoc = target ? byId.get(target.split('#')[0]!) : undefined;
      if (c.kind === 'title') {
        const holders = [...(titles.get(normaliseCitedTitle(c.title!)) ?? [])].filter((id) => id !== doc.id);
        if (holders.length === 0) return;
        t.eligible++;
        if (targetDoc && normaliseCitedTitle(targetDoc.title) === normaliseCitedTitle(c.title!)) t.resolved++;
        else t.misses.push(`${doc.source} ${clause.id}: ${c.text} → ${target}`);
      }
      if (c.kind === 'self') {
        s.all++;
        const wanted = articleKey(c.pinpoint!.article, c.pinpoint!.articleSub);
        const exists = doc.clauses.some((x) => x.type === 'article' && clauseArticleKey(x.num) === wanted);
        if (!target) { s.unresolved++; if (!exists) s.absent++; return; }
        const eId = target.split('#')[1]!;
        let x = doc.clauses.find((y) => y.id === eId);
        while (x && x.type !== 'article') x = doc.clauses.find((y) => y.id === x!.parent);
        if (targetDoc === doc && x && clauseArticleKey(x.num) === wanted) s.right++;
        else { s.wrong++; s.wrongs.push(`${doc.source} ${clause.id}: ${c.text} → ${target}`); }
      }
    });
  }
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(2)}%`;
console.log(`references: ${files.length} sources, ${documents.length} documents`);
console.log(`《》 citations whose title is in the collection: ${t.resolved}/${t.eligible} resolved to that document (${pct(t.resolved, t.eligible)}; target ≥ 98%)`);
for (const m of t.misses.slice(0, Number(values.show))) console.log(`  unresolved: ${m}`);
console.log(`本条例第N条 references: ${s.right}/${s.all} resolved to the right article (${pct(s.right, s.all)}; target ≥ 99%), wrong targets ${s.wrong} (target 0), unresolved ${s.unresolved} of which ${s.absent} name an article the document does not have`);
console.log(`  of references to articles the document has: ${pct(s.right, s.all - s.absent)}`);
for (const w of s.wrongs.slice(0, Number(values.show))) console.log(`  wrong: ${w}`);
