/**
 * npm run compare:eval [-- --threshold 0.2]
 * Scores automatic topics and similar-provision links on the bundled documents against
 * the hand-labelled duties in tests/fixtures/duties.yaml.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { scoreComparison, type Duty } from '../src/ingest/compare-eval.ts';
import { ingestCollection } from '../src/ingest/ingest.ts';
import { readSourceFolder } from '../src/ingest/source-folder.ts';
import { parseTaxonomy } from '../src/ingest/topics.ts';

const { values } = parseArgs({ options: { threshold: { type: 'string' }, 'topic-weight': { type: 'string' }, show: { type: 'string', default: '10' } } });
const { files } = readSourceFolder('content/sources');
const { documents } = await ingestCollection(files, {
  topics: parseTaxonomy(readFileSync('content/topics.yaml', 'utf8')),
  similarity: {
    ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
    ...(values['topic-weight'] ? { topicWeight: Number(values['topic-weight']) } : {}),
  },
});
const duties: Duty[] = parseYaml(readFileSync('tests/fixtures/duties.yaml', 'utf8')).duties;
const s = scoreComparison(documents, duties);
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`gold standard: ${duties.length} duties, ${new Set(duties.flatMap((d) => d.clauses)).size} provisions, ${s.pairs} cross-jurisdiction pairs`);
console.log(`recall: ${s.linked}/${s.pairs} pairs linked (${pct(s.linked, s.pairs)}; target ≥ 80%) — by shared topic ${pct(s.linkedByTopic, s.pairs)}, by similar-provision link ${pct(s.linkedBySimilar, s.pairs)}`);
console.log(`precision of the top-3 similar provisions: ${s.relevant}/${s.shown} address a duty the provision shares (${pct(s.relevant, s.shown)}; target ≥ 70%)`);
for (const d of s.perDuty) console.log(`  ${d.id.padEnd(20)} ${d.linked}/${d.pairs}`);
for (const m of s.misses.slice(0, Number(values.show))) console.log(`  not linked: ${m}`);
