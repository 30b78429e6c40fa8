import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { collectionOutputs } from '../../src/ingest/outputs.ts';
import { bundledSources, bundledTopics } from './helpers.ts';

test('two ingests give byte-identical files, whatever order the sources are read in', async () => {
  const files = bundledSources();
  const first = collectionOutputs(await ingestCollection(files, { topics: bundledTopics() }));
  const second = collectionOutputs(await ingestCollection([...files].reverse(), { topics: bundledTopics() }));
  expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
  for (const [path, text] of first) expect(second.get(path), path).toBe(text);
});

test('the committed generated files are what the sources give', async () => {
  for (const [path, text] of collectionOutputs(await ingestCollection(bundledSources(), { topics: bundledTopics() }))) {
    expect(readFileSync(join('content', path), 'utf8'), path).toBe(text);
  }
});
