/**
 * The original source files, offered for download at /sources/<file>.
 *
 * The build copies each source the ingest read (report.json) from the sources folder —
 * `content/sources/` by default, or TIAOWEN_SOURCES (set by `npm run build -- --sources DIR`)
 * — into <outDir>/sources/, keeping its name (see the integration in astro.config.mjs).
 * Pages link a source only when that file exists, so a site built from a content root
 * whose sources are elsewhere has no broken download links.
 */
import fs from 'node:fs';
import path from 'node:path';
import { folderName } from '../lib/folder-name';

/**
 * The sources folders: TIAOWEN_SOURCES (one folder, or several separated by the path
 * delimiter, as `npm run build -- --sources A --sources B` sets it), else content/sources.
 */
export function sourceFolders(): string[] {
  const value = process.env.TIAOWEN_SOURCES;
  return (value ? value.split(path.delimiter).filter(Boolean) : [path.join('content', 'sources')]).map((d) => path.resolve(process.cwd(), d));
}

/** The sources folders, for messages. */
export function sourcesDir(): string {
  return sourceFolders().join(', ');
}

/**
 * Absolute path of a source, or null when it is missing or outside its folder. A source's
 * path is relative to the one folder, or, with several, begins with its folder's name (as
 * the ingest names them, see readSourceFolders).
 */
export function sourceFile(source: string, folders: readonly string[] = sourceFolders()): string | null {
  if (!source) return null;
  const [dir, inner] = folders.length === 1 ? [folders[0], source] : splitFolder(source, folders);
  if (!dir || !inner) return null;
  const file = path.resolve(dir, inner);
  const rel = path.relative(dir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** "corpus/行政法规/….txt" → [the folder named corpus, "行政法规/….txt"] */
function splitFolder(source: string, folders: readonly string[]): [string | undefined, string] {
  const [name, ...rest] = source.split(/[\\/]/);
  return [folders.find((f) => folderName(f) === name), rest.join('/')];
}

/** Site URL of a source file: /sources/<each path segment percent-encoded>. */
export function sourceHref(source: string): string {
  return `/sources/${source.split(/[\\/]/).map(encodeURIComponent).join('/')}`;
}

/** The download link for a source, or null when the file is not available to the build. */
export function sourceLink(source: string): { href: string; name: string; ext: string; bytes: number } | null {
  const file = sourceFile(source);
  if (!file) return null;
  return {
    href: sourceHref(source),
    name: path.basename(source),
    ext: path.extname(source).replace(/^\./, '').toLowerCase(),
    bytes: fs.statSync(file).size,
  };
}

/** "12.3 KB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Copies the given sources into <outDir>/sources/; returns the ones that were missing. */
export function copySources(sources: Iterable<string>, outDir: string, folders: readonly string[] = sourceFolders()): { copied: number; missing: string[] } {
  let copied = 0;
  const missing: string[] = [];
  for (const source of new Set(sources)) {
    const file = sourceFile(source, folders);
    if (!file) {
      missing.push(source);
      continue;
    }
    const target = path.join(outDir, 'sources', ...source.split(/[\\/]/));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    copied += 1;
  }
  return { copied, missing };
}
