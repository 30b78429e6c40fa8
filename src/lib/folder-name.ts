import { basename, resolve } from 'node:path';

/**
 * The name a folder's sources go under when the ingest reads several folders as one
 * (corpus/…, sources/…), and by which the site finds a source's folder again.
 */
export function folderName(dir: string): string {
  return basename(resolve(dir));
}
