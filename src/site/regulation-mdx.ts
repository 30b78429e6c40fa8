/**
 * A regulation's MDX file (<content root>/regulations/<docId>.mdx, written by the ingest)
 * read as data: its frontmatter as YAML, its body as a syntax tree.
 *
 * The body is parsed by Sätteri, the MDX parser Astro's MDX integration compiles with, with
 * the features astro.config.mjs gives that integration (no GFM, no smart punctuation), and
 * never compiled to code: regulation-html.ts turns its <Clause> and <Ref> elements into
 * markup, so nothing in a file runs. Compiling each file into a module of the site's bundle
 * instead cost the corpus's build about half a minute of bundling before the first page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { mdxToHast } from 'satteri';
import { parse as parseYaml } from 'yaml';
import { contentRoot } from './content-root';

export function regulationsDir(root: string = contentRoot()): string {
  return path.join(root, 'regulations');
}

/** The file of a document's MDX. */
export function regulationFile(id: string, root: string = contentRoot()): string {
  return path.join(regulationsDir(root), `${id}.mdx`);
}

/** A regulation file that cannot be read as the ingest writes them; the message names the file. */
export class RegulationFileError extends Error {}

const FENCE = /^---[ \t]*\r?\n/;
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/;

/** The YAML between the `---` lines at the top of an MDX file, or null when it has none. */
export function frontmatterText(text: string): string | null {
  const open = FENCE.exec(text);
  if (!open) return null;
  const rest = text.slice(open[0].length);
  if (/^---[ \t]*(?:\r?\n|$)/.test(rest)) return '';
  const close = CLOSING.exec(rest);
  return close ? rest.slice(0, close.index) : null;
}

/** The frontmatter as a plain object; `file` names the file in messages. */
export function regulationFrontmatter(text: string, file: string): Record<string, unknown> {
  const yaml = frontmatterText(text);
  if (yaml === null) throw new RegulationFileError(`${file}: no frontmatter (a block between --- lines at the top)`);
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    throw new RegulationFileError(`${file}: frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new RegulationFileError(`${file}: frontmatter is not a mapping of keys to values`);
  }
  return data as Record<string, unknown>;
}

/** The body of an MDX file as hast (its MDX elements kept as mdxJsx* nodes), the frontmatter left out. */
export function regulationBodyTree(text: string): Root {
  return mdxToHast(text, { features: { frontmatter: true, gfm: false, smartPunctuation: false } }) as unknown as Root;
}

/** Reads a document's MDX file and parses its body. */
export function readRegulationBody(id: string, root: string = contentRoot()): { file: string; tree: Root } {
  const file = regulationFile(id, root);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RegulationFileError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  try {
    return { file, tree: regulationBodyTree(text) };
  } catch (error) {
    // the parser's message starts with the line and column: "7:1: Unexpected closing tag…"
    throw new RegulationFileError(`${file}:${(error as Error).message}`);
  }
}
