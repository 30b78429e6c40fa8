/** A folder of sources as the ingest reads it: every file below it, each with its sidecar. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
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
