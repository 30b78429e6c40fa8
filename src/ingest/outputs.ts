/** The generated files of a collection, as path (relative to the content root) → text. */
import { apiIndex, type Collection } from './ingest.ts';
import { documentToMdx } from './mdx.ts';

export const GENERATED_DIRS = ['regulations', 'data'];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function collectionOutputs(c: Collection): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of c.documents) {
    files.set(`regulations/${doc.id}.mdx`, documentToMdx(doc));
    files.set(`data/docs/${doc.id}.json`, json(doc));
  }
  files.set('data/index.json', json(apiIndex(c)));
  files.set('data/report.json', json(c.report));
  return files;
}
