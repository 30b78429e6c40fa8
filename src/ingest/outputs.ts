/** The generated files of a collection, as path (relative to the content root) → text. */
import { apiIndex, type Collection } from './ingest.ts';
import { documentToMdx } from './mdx.ts';

export const GENERATED_DIRS = ['regulations', 'data'];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Paths of the generated files, without their text. */
export function collectionOutputPaths(c: Collection): string[] {
  return [...c.documents.flatMap((d) => [`regulations/${d.id}.mdx`, `data/docs/${d.id}.json`]), 'data/index.json', 'data/report.json'];
}

/**
 * The generated files one at a time: on the whole corpus, holding every file's text at
 * once would double the ingest's memory.
 */
export function* generateOutputs(c: Collection): Generator<[string, string]> {
  for (const doc of c.documents) {
    yield [`regulations/${doc.id}.mdx`, documentToMdx(doc)];
    yield [`data/docs/${doc.id}.json`, json(doc)];
  }
  yield ['data/index.json', json(apiIndex(c))];
  yield ['data/report.json', json(c.report)];
}

export function collectionOutputs(c: Collection): Map<string, string> {
  return new Map(generateOutputs(c));
}
