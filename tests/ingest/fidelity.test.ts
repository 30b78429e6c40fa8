/**
 * Nothing lost: every Han character of a source's body is found again, as often, in the
 * files generated from it (MDX bodies and frontmatter). Only lines the cleaner reports as
 * furniture or debris may be missing, and only those.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ingestCollection, type SourceFile } from '../../src/ingest/ingest.ts';
import { documentToMdx } from '../../src/ingest/mdx.ts';
import { CORPUS_SAMPLE, bundledSources, missingHan } from './helpers.ts';

async function lostHan(file: SourceFile): Promise<Record<string, number>> {
  const c = await ingestCollection([file]);
  const output = c.documents.map(documentToMdx).join('\n');
  const removed = new Set(c.report.sources[0]!.removedLines.map((r) => r.line));
  const body = new TextDecoder().decode(file.bytes).split(/\r?\n/).filter((l) => !removed.has(l.trim())).join('\n');
  return missingHan(body, output);
}

describe('every Han character of the bundled sources reaches the output', () => {
  test.each(bundledSources().map((f) => [f.source, f] as const))('%s', async (_name, file) => {
    expect(await lostHan(file)).toEqual({});
  });
});

describe('every Han character of corpus documents reaches the output', () => {
  const sample = readdirSync(CORPUS_SAMPLE, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => relative(CORPUS_SAMPLE, join(e.parentPath, e.name)))
    .sort();
  test('the sample is large enough', () => expect(sample.length).toBeGreaterThanOrEqual(200));
  test('no document loses a character', async () => {
    const losses = [];
    for (const source of sample) {
      const lost = await lostHan({ source, bytes: readFileSync(join(CORPUS_SAMPLE, source)) });
      if (Object.keys(lost).length > 0) losses.push({ source, lost });
    }
    expect(losses).toEqual([]);
  });
});
