import type { APIRoute } from 'astro';
import { readDataFile } from '../../site/data';

/** /api/index.json: data/index.json byte for byte. */
export const GET: APIRoute = () =>
  new Response(readDataFile('index.json'), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
