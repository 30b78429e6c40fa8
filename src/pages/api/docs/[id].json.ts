import { createHash } from 'node:crypto';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { docFileName, listDocumentIds, loadIndex, readDataFile } from '../../../site/data';

export const getStaticPaths = (() => {
  const ids = listDocumentIds();
  const missing = loadIndex()
    .documents.map((d) => d.id)
    .filter((id) => !ids.includes(id));
  if (missing.length > 0) {
    throw new Error(`tiaowen: data/index.json lists documents without data/docs/<id>.json: ${missing.join(', ')}`);
  }
  // the response is the data file byte for byte, so its hash is the whole cache key
  return ids.map((id) => ({ params: { id }, cacheKey: createHash('sha256').update(readDataFile(path.join('docs', docFileName(id)))).digest('hex') }));
}) satisfies GetStaticPaths;

/** /api/docs/<docId>.json: data/docs/<docId>.json byte for byte. */
export const GET: APIRoute = ({ params }) =>
  new Response(readDataFile(path.join('docs', docFileName(params.id!))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
