/**
 * The data API's document files, /api/docs/<docId>.json: data/docs/<docId>.json byte for
 * byte. A build copies them into the output (the integration in astro.config.mjs) rather
 * than rendering 3,367 routes that each read a file and hand it back unchanged; `astro dev`
 * serves them through a route (api-doc-route.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { docFileName } from './data';

/** Copies data/docs/<id>.json of each id to <outDir>/api/docs/; throws naming the ids without a data file. */
export function copyDocumentData(ids: readonly string[], dataDir: string, outDir: string): number {
  const from = path.join(dataDir, 'docs');
  const missing = ids.filter((id) => !fs.existsSync(path.join(from, docFileName(id))));
  if (missing.length > 0) {
    throw new Error(`tiaowen: data/index.json lists documents without data/docs/<id>.json: ${missing.join(', ')}`);
  }
  const to = path.join(outDir, 'api', 'docs');
  fs.mkdirSync(to, { recursive: true });
  for (const id of ids) fs.copyFileSync(path.join(from, docFileName(id)), path.join(to, docFileName(id)));
  return ids.length;
}
