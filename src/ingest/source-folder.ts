/** A folder of sources as the ingest reads it: every file below it, each with its sidecar. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { folderName } from '../lib/folder-name.ts';
import type { SourceFile } from './ingest.ts';
import { SIDECAR_SUFFIX } from './sidecar.ts';

/** Files that are never sources: hidden files, a folder's README, a corpus manifest. */
const IGNORED = /(^|\/)(\.|README(\.md)?$|MANIFEST\.tsv$)/;

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** The sources under `dir`, and sidecars that have no source next to them. */
export function readSourceFolder(dir: string): { files: SourceFile[]; orphanSidecars: string[] } {
  const all = listFiles(dir);
  const files = all
    .filter((f) => !f.endsWith(SIDECAR_SUFFIX) && !IGNORED.test(f))
    .map((source): SourceFile => {
      const sidecarName = source + SIDECAR_SUFFIX;
      const sidecarPath = join(dir, sidecarName);
      return {
        source,
        bytes: readFileSync(join(dir, source)),
        ...(existsSync(sidecarPath) ? { sidecarText: readFileSync(sidecarPath, 'utf8'), sidecarName } : {}),
      };
    });
  const orphanSidecars = all.filter((f) => f.endsWith(SIDECAR_SUFFIX) && !all.includes(f.slice(0, -SIDECAR_SUFFIX.length)));
  return { files, orphanSidecars };
}

/**
 * Several folders read as one: each source's path begins with its folder's name
 * (corpus/地方性法规/…, sources/…), so that paths stay unique and say where a file is. One
 * folder is read as readSourceFolder reads it. Two folders of the same name are refused.
 */
export function readSourceFolders(dirs: readonly string[]): { files: SourceFile[]; orphanSidecars: string[] } {
  if (dirs.length === 1) return readSourceFolder(dirs[0]!);
  const names = dirs.map(folderName);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`two source folders are named "${twice}"; their files' paths would be the same`);
  const files: SourceFile[] = [];
  const orphanSidecars: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    const read = readSourceFolder(dir);
    for (const f of read.files) files.push({ ...f, source: `${names[i]}/${f.source}`, ...(f.sidecarName ? { sidecarName: `${names[i]}/${f.sidecarName}` } : {}) });
    orphanSidecars.push(...read.orphanSidecars.map((f) => `${names[i]}/${f}`));
  }
  return { files, orphanSidecars };
}
