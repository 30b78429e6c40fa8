import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { collectionOutputs, generateMdx } from '../../src/ingest/outputs.ts';
import { readSourceFolders } from '../../src/ingest/source-folder.ts';
import type { ParsedSource } from '../../src/ingest/parse-source.ts';
import { bundledSources, bundledTopics, CORPUS_SAMPLE, SOURCES } from './helpers.ts';

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

test('the parse cache: a rebuild parses only the changed source, and gives the same files', async () => {
  const store = new Map<string, ParsedSource>();
  const cache = { get: (k: string) => store.get(k), set: (k: string, v: ParsedSource) => void store.set(k, structuredClone(v)) };
  const files = bundledSources();
  const first = await ingestCollection(files, { topics: bundledTopics(), cache });
  expect(first.cachedSources).toBe(0);
  const again = await ingestCollection(files, { topics: bundledTopics(), cache });
  expect(again.cachedSources).toBe(files.length);
  expect(collectionOutputs(again)).toEqual(collectionOutputs(first));
  const changed = files.map((f, i) => (i === 0 ? { ...f, bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace('联席会议', '联席会')) } : f));
  const edited = await ingestCollection(changed, { topics: bundledTopics(), cache });
  expect(edited.cachedSources).toBe(files.length - 1);
  expect(collectionOutputs(edited)).toEqual(collectionOutputs(await ingestCollection(changed, { topics: bundledTopics() })));
});

test('the MDX cache: an unchanged document is not serialised again, and its MDX is the same', async () => {
  const store = new Map<string, string>();
  const cache = { get: (k: string) => store.get(k), set: (k: string, v: string) => void store.set(k, v) };
  const files = bundledSources();
  const plain = collectionOutputs(await ingestCollection(files, { topics: bundledTopics() }));
  const collection = await ingestCollection(files, { topics: bundledTopics() });
  expect(collectionOutputs(collection, cache)).toEqual(plain);
  expect(store.size).toBe(collection.documents.length);
  // a second run finds every document's MDX in the cache (a stale entry would show here)
  for (const key of store.keys()) store.set(key, `${store.get(key)}<!-- cached -->`);
  const again = collectionOutputs(collection, cache);
  for (const doc of collection.documents) expect(again.get(`regulations/${doc.id}.mdx`)).toBe(`${plain.get(`regulations/${doc.id}.mdx`)}<!-- cached -->`);
  // a changed document misses (its data differs) and gets fresh MDX; the others still hit
  const changed = files.map((f, i) => (i === 0 ? { ...f, bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace('联席会议', '联席会')) } : f));
  const edited = await ingestCollection(changed, { topics: bundledTopics() });
  const fresh = collectionOutputs(edited);
  const viaCache = collectionOutputs(edited, cache);
  const differing = edited.documents.filter((d) => fresh.get(`data/docs/${d.id}.json`) !== plain.get(`data/docs/${d.id}.json`));
  expect(differing.length).toBeGreaterThan(0);
  for (const doc of edited.documents) {
    const path = `regulations/${doc.id}.mdx`;
    expect(viaCache.get(path)).toBe(differing.includes(doc) ? fresh.get(path) : `${fresh.get(path)}<!-- cached -->`);
  }
});

test('the MDX written as soon as the references are linked is the MDX of the finished documents', async () => {
  // the bundled documents and every 15th of the corpus: clauses with topics, similar provisions and obligations
  const { files } = readSourceFolders([SOURCES, CORPUS_SAMPLE]);
  const early = new Map<string, string>();
  let calls = 0;
  const collection = await ingestCollection(files, {
    topics: bundledTopics(),
    linked: (documents) => {
      calls++;
      // what the comparison adds is not there yet
      expect(documents.some((d) => d.clauses.some((c) => c.related.length > 0))).toBe(false);
      for (const [path, text] of generateMdx(documents)) early.set(path, text);
    },
  });
  expect(calls).toBe(1);
  expect(collection.documents.some((d) => d.clauses.some((c) => c.related.length > 0 && c.topics.length > 0))).toBe(true);
  const final = new Map(generateMdx(collection.documents));
  expect(early.size).toBe(collection.documents.length);
  expect(early).toEqual(final);
});
