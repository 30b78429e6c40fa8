/**
 * npm run corpus:check [-- --sources DIR]
 * Ingests every document of the corpus and prints the share whose article and chapter
 * counts match the lines that start with 第…条 and 第…章, with the failures by kind.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDocumentCounts } from '../src/ingest/corpus-check.ts';
import { ingestCollection } from '../src/ingest/ingest.ts';

const { values } = parseArgs({ options: { sources: { type: 'string', default: '../shared/corpus' }, show: { type: 'string', default: '10' } } });
const dir = values.sources!;
const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => relative(dir, join(e.parentPath, e.name)))
  .sort();
const checks: ReturnType<typeof checkDocumentCounts>[] = [];
for (const source of paths) {
  const bytes = readFileSync(join(dir, source));
  const { documents } = await ingestCollection([{ source, bytes }]);
  checks.push(checkDocumentCounts(source, new TextDecoder().decode(bytes), documents));
}
const ok = checks.filter((c) => c.ok).length;
console.log(`corpus check: ${ok}/${checks.length} documents (${((100 * ok) / checks.length).toFixed(2)}%) have article and chapter counts equal to their 第…条 / 第…章 lines`);
const bad = checks.filter((c) => !c.ok);
console.log(`  article count differs: ${bad.filter((c) => c.articles !== c.articleLines).length}; chapter count differs: ${bad.filter((c) => c.chapters !== c.chapterLines).length}`);
for (const c of bad.slice(0, Number(values.show))) console.log(`  ${c.source}: articles ${c.articles}/${c.articleLines} lines, chapters ${c.chapters}/${c.chapterLines} lines`);
