/**
 * Builds the real site once (astro build + Pagefind, no ingest) from the bundled content
 * root — or from TIAOWEN_CONTENT when set — into .tiaowen/test-dist, and checks the output
 * against the ingest's data files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import type { ApiIndex, Document } from '../../src/lib/types';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const contentRoot = path.resolve(root, process.env.TIAOWEN_CONTENT || 'content');
const dataDir = path.join(contentRoot, 'data');
const outDir = path.join(root, '.tiaowen', 'test-dist');

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** dist file for a site URL such as /docs/鄂前安发-2024-4/ (hash and query ignored) */
function distFile(url: string): string {
  const pathname = decodeURIComponent(new URL(url, 'https://tiaowen.invalid').pathname);
  return path.join(outDir, ...pathname.split('/').filter(Boolean), pathname.endsWith('/') ? 'index.html' : '');
}

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

const decode = (s: string) =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|apos|lt|gt));/gi, (_, dec, hex, name) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' } as Record<string, string>)[name.toLowerCase()],
  );

/** values of id="…" attributes in an HTML string */
function ids(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*?\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)].map((m) => decode(m[1] ?? m[2] ?? m[3]));
}

const nullableString = z.string().nullable();
const apiIndexSchema = z.strictObject({
  documents: z.array(
    z.strictObject({
      id: z.string().min(1),
      title: z.string().min(1),
      jurisdiction: z.string().min(1),
      docNumber: nullableString,
      issuer: nullableString,
      issued: nullableString,
      status: z.string().min(1),
      source: z.string(),
      url: z.string().startsWith('/docs/'),
    }),
  ),
  jurisdictions: z.array(
    z.strictObject({ id: z.string().min(1), name: z.string().min(1), level: z.string().min(1), parent: nullableString }),
  ),
  topics: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1), clauses: z.array(z.string()) })),
});

let index: ApiIndex;
let docIds: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(dataDir, 'index.json'))) {
    throw new Error(`no ingest output in ${dataDir}; run \`npm run ingest\` first`);
  }
  index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  docIds = fs.readdirSync(path.join(dataDir, 'docs')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

  fs.rmSync(outDir, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), 'scripts/build.ts', '--skip-ingest', '--out-dir', outDir],
    { cwd: root, env: { ...process.env, TIAOWEN_CONTENT: contentRoot }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(`site build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
});

describe('site build', () => {
  it('serves /api/index.json with the ApiIndex shape, listing every document', () => {
    const api = readJson<unknown>(path.join(outDir, 'api', 'index.json'));
    const parsed = apiIndexSchema.safeParse(api);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(api).toEqual(index);
    const listed = new Set((api as ApiIndex).documents.map((d) => d.id));
    for (const d of index.documents) expect(listed, d.id).toContain(d.id);
    expect([...listed].sort()).toEqual([...docIds].sort());
  });

  it('serves /api/docs/<id>.json equal to data/docs/<id>.json for every document', () => {
    expect(docIds.length).toBeGreaterThan(0);
    for (const id of docIds) {
      const served = path.join(outDir, 'api', 'docs', `${id}.json`);
      expect(fs.existsSync(served), served).toBe(true);
      expect(readJson(served), id).toEqual(readJson(path.join(dataDir, 'docs', `${id}.json`)));
    }
  });

  it('renders every document page at its url, with an element per clause id', () => {
    for (const summary of index.documents) {
      const file = distFile(summary.url);
      expect(fs.existsSync(file), `${summary.url} → ${file}`).toBe(true);
      const html = fs.readFileSync(file, 'utf8');
      const pageIds = ids(html);
      const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
      const missing = doc.clauses.map((c) => c.id).filter((id) => !pageIds.includes(id));
      expect(missing, `clauses without an element in ${summary.url}`).toEqual([]);
      const dupes = pageIds.filter((id, i) => pageIds.indexOf(id) !== i);
      expect(dupes, `duplicate ids in ${summary.url}`).toEqual([]);
      for (const clause of doc.clauses) {
        expect(clause.url, clause.id).toBe(`${summary.url}#${clause.id}`);
        expect(html, `permalink for ${clause.id}`).toContain(`href="#${clause.id}"`);
      }
    }
  });

  it('links every document from the home page', () => {
    const home = decode(fs.readFileSync(path.join(outDir, 'index.html'), 'utf8'));
    for (const d of index.documents) expect(home, d.id).toContain(`href="${d.url}"`);
  });

  it('builds the report, search and 404 pages and the Pagefind index', () => {
    for (const page of ['report/index.html', 'search/index.html', '404.html', 'pagefind/pagefind-entry.json']) {
      expect(fs.existsSync(path.join(outDir, page)), page).toBe(true);
    }
    const entry = readJson<{ languages: Record<string, { page_count: number }> }>(path.join(outDir, 'pagefind', 'pagefind-entry.json'));
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(pages).toBe(index.documents.length);
  });

  it('emits zh-CN pages without inline scripts or inline event handlers', () => {
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(index.documents.length);
    for (const file of files) {
      const html = fs.readFileSync(file, 'utf8');
      const rel = path.relative(outDir, file);
      expect(html, rel).toMatch(/<html lang="zh-CN"/);
      expect(html.match(/<[a-zA-Z][^>]*?\son[a-z]+\s*=/gi) ?? [], `inline event handlers in ${rel}`).toEqual([]);
      const inlineScripts = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\ssrc=/i.test(m[1]));
      expect(inlineScripts.map((m) => m[0]), `inline <script> in ${rel}`).toEqual([]);
    }
  });
});
