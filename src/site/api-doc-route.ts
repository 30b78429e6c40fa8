/**
 * /api/docs/<docId>.json under `astro dev` (injected by astro.config.mjs in dev only; a
 * build copies the files instead, see api-files.ts): data/docs/<docId>.json byte for byte.
 */
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { docFileName, listDocumentIds, readDataFile } from './data';

export const getStaticPaths = (() => listDocumentIds().map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(readDataFile(path.join('docs', docFileName(params.id!))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
