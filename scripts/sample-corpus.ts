/**
 * npm run corpus:sample [-- --corpus DIR]
 * Copies every 15th document of the corpus (225 of 3,367, every category and region)
 * into tests/fixtures/corpus-sample/, so that tests on real laws run from a fresh clone.
 * Legislative texts are not subject to copyright in China (Copyright Law, Article 5).
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' } } });
const corpus = values.corpus!;
const target = 'tests/fixtures/corpus-sample';
const all = readdirSync(corpus, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => relative(corpus, join(e.parentPath, e.name)))
  .sort();
rmSync(target, { recursive: true, force: true });
const sample = all.filter((_, i) => i % 15 === 0);
for (const path of sample) {
  mkdirSync(dirname(join(target, path)), { recursive: true });
  copyFileSync(join(corpus, path), join(target, path));
}
console.log(`corpus sample: ${sample.length} of ${all.length} documents → ${target}`);
