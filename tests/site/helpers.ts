/** Reading the built site in tests: files, parsed HTML, URLs. */
import fs from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

export const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Every page of a built site: its .html files, as absolute paths, sorted — not the original sources in sources/ (which may be .html). */
export function htmlFiles(dir: string): string[] {
  const sources = path.join(dir, 'sources') + path.sep;
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.startsWith(sources))
    .sort();
}

/** The site path of a built HTML file: index.html → /, docs/x/index.html → /docs/x/, 404.html → /404.html */
export function pagePath(distDir: string, file: string): string {
  const rel = path.relative(distDir, file).split(path.sep).join('/');
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

/**
 * The file in dist for a site URL (/docs/鄂前安发-2024-4/, /api/index.json, percent-encoded or
 * not; hash and query ignored), or null when there is none. A directory URL without a
 * trailing slash counts (a static host redirects it).
 */
export function distFile(distDir: string, url: string): string | null {
  const pathname = decodeURIComponent(new URL(url, 'https://tiaowen.invalid').pathname);
  const file = path.join(distDir, ...pathname.split('/').filter(Boolean));
  const candidates = pathname.endsWith('/') ? [path.join(file, 'index.html')] : [file, path.join(file, 'index.html')];
  return candidates.find((f) => fs.existsSync(f) && fs.statSync(f).isFile()) ?? null;
}

const parser = unified().use(rehypeParse);
const cache = new Map<string, Root>();

/** The parsed HTML (hast) of a file, cached. */
export function parseHtml(file: string): Root {
  if (!cache.has(file)) cache.set(file, parser.parse(fs.readFileSync(file, 'utf8')));
  return cache.get(file)!;
}

export function select(tree: Root | Element, selector: string): Element[] {
  return selectAll(selector, tree);
}

export function text(node: Root | Element): string {
  return toText(node).replace(/\s+/g, ' ').trim();
}

export function attr(node: Element, name: string): string | undefined {
  const value = node.properties?.[name];
  if (value == null || value === false) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** Every id in a page (elements' id and, for old-style anchors, a[name]). */
const idCache = new WeakMap<Root, Set<string>>();
export function idsOf(tree: Root): Set<string> {
  const cached = idCache.get(tree);
  if (cached) return cached;
  const ids = new Set<string>();
  idCache.set(tree, ids);
  for (const el of select(tree, '[id]')) ids.add(attr(el, 'id')!);
  for (const el of select(tree, 'a[name]')) ids.add(attr(el, 'name')!);
  return ids;
}

/** A document URL as the browser has it: /docs/<percent-encoded id>/ */
export const encodedPath = (url: string) => new URL(url, 'https://tiaowen.invalid').pathname;
