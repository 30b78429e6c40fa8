import { readFileSync } from 'node:fs';
import { ingestCollection, type SourceFile } from '../../src/ingest/ingest.ts';
import { readSourceFolder } from '../../src/ingest/source-folder.ts';
import { parseTaxonomy } from '../../src/ingest/topics.ts';

export const SOURCES = 'content/sources';
/** Every 15th document of the public-law corpus (npm run corpus:sample), committed so tests run from a fresh clone. */
export const CORPUS_SAMPLE = 'tests/fixtures/corpus-sample';

/** The bundled sources with their sidecars, as the ingest script reads them. */
export function bundledSources(): SourceFile[] {
  return readSourceFolder(SOURCES).files;
}

/** The taxonomy the site is built with. */
export function bundledTopics() {
  return parseTaxonomy(readFileSync('content/topics.yaml', 'utf8'));
}

export async function ingestBundled() {
  return ingestCollection(bundledSources(), { topics: bundledTopics() });
}

/** Counts of each Han character in `text`. */
export function hanCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.match(/\p{Script=Han}/gu) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** Characters whose count in `output` falls short of their count in `input`, with how many are missing. */
export function missingHan(input: string, output: string): Record<string, number> {
  const have = hanCounts(output);
  const missing: Record<string, number> = {};
  for (const [ch, n] of hanCounts(input)) {
    const short = n - (have.get(ch) ?? 0);
    if (short > 0) missing[ch] = short;
  }
  return missing;
}
