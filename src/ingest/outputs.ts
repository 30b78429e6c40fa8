/** The generated files of a collection, as path (relative to the content root) → text. */
import { createHash } from 'node:crypto';
import { apiIndex, type Collection } from './ingest.ts';
import type { Document } from '../lib/types.ts';
import { documentToMdx } from './mdx.ts';
import { LINKS_FILE, linksCollector, linksJson } from '../site/links-collect.ts';

export const GENERATED_DIRS = ['regulations', 'data'];

/** The collection's files (index, report), indented for readers; a document's data file is not (see generateData). */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
/**
 * A document's data file, without indentation: on the corpus 208 MB instead of 253 MB, and
 * the build reads each file several times (the pages, the links across documents, the
 * comparison pages, the search index), each read most of its time decoding and parsing.
 */
const compactJson = (value: unknown) => `${JSON.stringify(value)}\n`;

/**
 * Generated MDX by the hash of its document's data (as JSON). A document's MDX is a function
 * of that data (documentToMdx reads nothing else), so an unchanged document is not
 * serialised again: on the corpus, serialising MDX is half of the time spent on outputs.
 * A cache must be specific to the ingest's code (scripts/ingest.ts keeps it beside the
 * parse cache, whose folder is named for that code).
 */
export type MdxCache = { get(key: string): string | undefined; set(key: string, mdx: string): void };

function cachedMdx(doc: Document, cache: MdxCache): string {
  const key = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const mdx = documentToMdx(doc);
  cache.set(key, mdx);
  return mdx;
}

/** Paths of the generated files, without their text. */
export function collectionOutputPaths(c: Collection): string[] {
  return [...c.documents.flatMap((d) => [mdxPath(d), dataPath(d)]), 'data/index.json', 'data/report.json', `data/${LINKS_FILE}`];
}

export const mdxPath = (d: Pick<Document, 'id'>) => `regulations/${d.id}.mdx`;
const dataPath = (d: Pick<Document, 'id'>) => `data/docs/${d.id}.json`;

/**
 * The documents' MDX one at a time. documentToMdx reads what the references stage leaves
 * (clauses, refs, frontmatter), nothing the comparison adds, so the MDX can be written as
 * soon as the references are linked (scripts/ingest.ts), while the comparison runs; the
 * cache key is the document's data as it is at that moment.
 */
export function* generateMdx(documents: Document[], cache?: MdxCache): Generator<[string, string]> {
  for (const doc of documents) yield [mdxPath(doc), cache ? cachedMdx(doc, cache) : documentToMdx(doc)];
}

/**
 * The data files (data/docs/*.json, index.json, report.json) one at a time, and the links
 * across the documents (data/links.json, with each data file's digest), gathered as the
 * documents' files go out: the site reads them there instead of from every data file.
 */
export function* generateData(c: Collection): Generator<[string, string]> {
  const links = linksCollector();
  for (const doc of c.documents) {
    const text = compactJson(doc);
    links.add(doc, createHash('sha256').update(text).digest('hex'));
    yield [dataPath(doc), text];
  }
  yield ['data/index.json', json(apiIndex(c))];
  yield ['data/report.json', json(c.report)];
  yield [`data/${LINKS_FILE}`, linksJson(links.finish())];
}

/**
 * Every generated file, one at a time: on the whole corpus, holding every file's text at
 * once would double the ingest's memory.
 */
export function* generateOutputs(c: Collection, cache?: MdxCache): Generator<[string, string]> {
  yield* generateMdx(c.documents, cache);
  yield* generateData(c);
}

export function collectionOutputs(c: Collection, cache?: MdxCache): Map<string, string> {
  return new Map(generateOutputs(c, cache));
}
