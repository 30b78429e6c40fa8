/**
 * Rebuilds: a build renders again only the document pages (and their JSON) whose code or
 * data changed, copying the others from the previous build — and the site it gives is the
 * one a build from scratch gives, including pages that show another document's change.
 *
 * Rendering on two threads (src/site/parallel-render.ts): the same site as on one, and a
 * rebuild restores the pages the worker rendered as it does those of Astro's thread.
 *
 * A build that ingests starts Astro as soon as the MDX is written, and gives the same site.
 * (In this file because their builds must not run beside the rebuild test's: builds share .astro/.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { listFiles } from '../../src/ingest/source-folder';
import { removed } from '../../scripts/lib/remove-later';

const NOTICE = '鄂托克前旗安全生产委员会工作规则和办公室工作细则-鄂前安发〔2024〕4号.txt';

function node(args: string[], env: NodeJS.ProcessEnv): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** Every file under dir but the search index (built from the data, not by Astro), path → bytes. */
function site(dir: string): Map<string, string> {
  return new Map(listFiles(dir).filter((f) => !f.startsWith('pagefind/')).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

/** A new folder holding a copy of the bundled sources (as <work>/sources). */
function copyOfSources(prefix: string): { work: string; sources: string } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const sources = path.join(work, 'sources');
  fs.cpSync(inject('sourcesDir'), sources, { recursive: true });
  return { work, sources };
}

/** The same files, byte for byte. */
function expectSameSite(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(actual.get(file) === bytes, file).toBe(true);
}

describe('a rebuild after one source changed', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-rebuild-'));
  const sources = path.join(work, 'sources');
  const content = path.join(work, 'content');
  const env = { TIAOWEN_CONTENT: content, TIAOWEN_SOURCES: sources };
  fs.cpSync('content/sources', sources, { recursive: true });
  const ingest = () => node(['scripts/ingest.ts', '--sources', sources, '--out', content, '--no-cache'], env);
  const build = (out: string, ...flags: string[]) => node(['scripts/build.ts', '--skip-ingest', '--out-dir', path.join(work, out), ...flags], env);

  it('renders again the pages the change shows on, restores the rest, and equals a build from scratch', async () => {
    ingest();
    build('first', '--force');
    const issued = 'docs/鄂托克前旗安全生产委员会工作规则-20240528/index.html';
    const issuedData = fs.readFileSync(path.join(content, 'data', 'docs', '鄂托克前旗安全生产委员会工作规则-20240528.json'), 'utf8');

    // the notice's title changes; the rules it issues show that title, though their own data stay the same
    const notice = path.join(sources, NOTICE);
    fs.writeFileSync(notice, fs.readFileSync(notice, 'utf8').replace('工作细则》的通知**', '工作细则》的补充通知**'));
    ingest();
    expect(fs.readFileSync(path.join(content, 'data', 'docs', '鄂托克前旗安全生产委员会工作规则-20240528.json'), 'utf8')).toBe(issuedData);

    // rebuilt into the first build's folder, as `npm run build` does: what is not part of the
    // new build (a file left there) goes, and so does the earlier output moved aside for it
    fs.writeFileSync(path.join(work, 'first', 'stale.html'), 'left from an earlier build');
    // Astro colours its log wherever CI is set, so the escapes are stripped before reading it
    const log = stripVTControlCharacters(build('first'));
    await removed([work]);
    expect(fs.existsSync(path.join(work, 'first', 'stale.html'))).toBe(false);
    const restored = [...log.matchAll(/(\S+) \(restored\)/g)].map((m) => m[1]);
    expect(restored).toContain('/docs/石泉县安全生产综合监管十项制度/index.html');
    expect(restored).not.toContain(`/${issued}`);
    expect(restored).not.toContain('/docs/鄂前安发-2024-4/index.html');
    expect(fs.readFileSync(path.join(work, 'first', issued), 'utf8')).toContain('工作细则》的补充通知');

    // --force indexes every shard again: the earlier builds' index cache is set aside and deleted during the build
    build('scratch', '--force');
    const caches = path.join('.tiaowen', 'cache', 'index');
    await removed([caches]);
    const again = site(path.join(work, 'first'));
    const scratch = site(path.join(work, 'scratch'));
    expectSameSite(again, scratch);
    fs.rmSync(work, { recursive: true, force: true });
  });
});

describe('rendering on two threads', () => {
  it('gives the site one thread gives, and a rebuild restores the pages either thread rendered', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-threads-'));
    const content = path.join(work, 'content');
    // a content root of its own, so that this build's incremental cache is its own too
    fs.cpSync(inject('contentRoot'), content, { recursive: true });
    // the bundled documents are far fewer than the threshold: a worker for every route with a page
    const env = { TIAOWEN_CONTENT: content, TIAOWEN_SOURCES: inject('sourcesDir'), TIAOWEN_RENDER_WORKER_PAGES: '1' };
    const out = path.join(work, 'dist');
    const build = (...flags: string[]) => stripVTControlCharacters(node(['scripts/build.ts', '--skip-ingest', '--out-dir', out, ...flags], env));

    const log = build('--force');
    const pages = [...log.matchAll(/├─ (\S+)/g)].map((m) => m[1]);
    const inWorker = Number(/(\d+) page\(s\) rendered in a second thread/.exec(log)?.[1]);
    // both threads rendered pages
    expect(inWorker).toBeGreaterThan(0);
    expect(inWorker).toBeLessThan(pages.length);
    expectSameSite(site(out), site(inject('distDir')));

    // nothing changed: every document page is restored, whichever thread rendered it
    const again = build();
    const documents = fs.readdirSync(path.join(out, 'docs')).map((id) => `/docs/${id}/index.html`);
    const restored = new Set([...again.matchAll(/(\S+) \(restored\)/g)].map((m) => m[1]));
    expect(documents.length).toBeGreaterThan(5);
    for (const page of documents) expect(restored.has(page), page).toBe(true);
    fs.rmSync(work, { recursive: true, force: true });
  });
});

describe('a build that ingests', () => {
  it('starts Astro once the MDX is written, and gives the site a build of the finished content root gives', () => {
    const { work, sources } = copyOfSources('tiaowen-ingesting-');
    const out = path.join(work, 'dist');
    const log = stripVTControlCharacters(node(['scripts/build.ts', '--sources', sources, '--out-dir', out, '--force'], { TIAOWEN_CONTENT: path.join(work, 'content') }));
    // Astro was started before the ingest had finished (its data files came during the bundling)
    const astroStarted = log.indexOf('▶ astro build');
    const ingestDone = log.indexOf('✔ ingest');
    expect(astroStarted).toBeGreaterThan(log.indexOf('▶ ingest'));
    expect(ingestDone).toBeGreaterThan(astroStarted);
    expect(fs.readdirSync('.tiaowen').filter((f) => f.endsWith('.pending'))).toEqual([]);
    expectSameSite(site(out), site(inject('distDir')));
    fs.rmSync(work, { recursive: true, force: true });
  });
});

describe('a build whose ingest fails after writing the MDX', () => {
  it('stops Astro and fails with the ingest\'s error', () => {
    const { work, sources } = copyOfSources('tiaowen-failing-');
    const content = path.join(work, 'content');
    // a file where the documents' data folder goes: the MDX is written, the data files cannot be
    fs.mkdirSync(path.join(content, 'data'), { recursive: true });
    fs.writeFileSync(path.join(content, 'data', 'docs'), 'not a folder');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--sources', sources, '--out-dir', path.join(work, 'dist')], {
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TIAOWEN_CONTENT: content },
      timeout: 120_000,
    });
    const log = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(fs.readdirSync(path.join(content, 'regulations')).length).toBeGreaterThan(5);
    expect(log).toContain('▶ astro build');
    expect(log).toMatch(/✖ build failed: ingest failed/);
    expect(log).not.toContain('✔ astro build');
    expect(fs.existsSync(path.join(work, 'dist', 'index.html'))).toBe(false);
    expect(fs.readdirSync('.tiaowen').filter((f) => f.endsWith('.pending'))).toEqual([]);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
