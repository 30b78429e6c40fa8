/** The ingest command: a summary closes the run; --strict turns any problem into a non-zero exit. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ingest = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { encoding: 'utf8' });

describe('npm run ingest on a folder with a bad file', () => {
  const sources = mkdtempSync(join(tmpdir(), 'tiaowen-sources-'));
  const out = mkdtempSync(join(tmpdir(), 'tiaowen-out-'));
  copyFileSync('content/sources/石泉县安全生产综合监管十项制度.txt', join(sources, '石泉县十项制度.txt'));
  writeFileSync(join(sources, 'scan.pdf'), '%PDF-1.4');

  test('reports the file and the reason, builds the rest, and closes with a summary', () => {
    const run = ingest('--sources', sources, '--out', out, '--no-cache');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('ingest: error: scan.pdf: PDF files are not supported');
    expect(run.stdout).toMatch(/ingest: 2 sources \(0 from the parse cache\) → 1 documents, \d+ clauses; 1 errors, 0 warnings/);
    expect(existsSync(join(out, 'regulations', '石泉县安全生产综合监管十项制度.mdx'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'data', 'report.json'), 'utf8'));
    expect(report.problems).toEqual([{ source: 'scan.pdf', severity: 'error', message: expect.stringContaining('PDF') }]);
  });
  test('--strict exits 1', () => {
    expect(ingest('--sources', sources, '--out', out, '--strict').status).toBe(1);
  });
  test('--check exits 1 when a generated file differs, 0 when in sync', () => {
    expect(ingest('--sources', sources, '--out', out, '--check').status).toBe(0);
    const mdx = join(out, 'regulations', '石泉县安全生产综合监管十项制度.mdx');
    writeFileSync(mdx, readFileSync(mdx, 'utf8').replace('联席会议', '联系会议'));
    const check = ingest('--sources', sources, '--out', out, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('out of date');
  });
  test('a missing sources folder is a clear error', () => {
    const run = ingest('--sources', join(sources, 'nope'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does not exist');
  });
});

describe('the caches', () => {
  test('a second run takes the parsed source and its MDX from the cache, with the same files; other code versions are removed', () => {
    const sources = mkdtempSync(join(tmpdir(), 'tiaowen-sources-'));
    const cache = mkdtempSync(join(tmpdir(), 'tiaowen-cache-'));
    copyFileSync('content/sources/石泉县安全生产综合监管十项制度.txt', join(sources, '石泉县十项制度.txt'));
    mkdirSync(join(cache, '0123456789abcdef'));
    writeFileSync(join(cache, '0123456789abcdef', 'stale.json'), '{}');
    const first = mkdtempSync(join(tmpdir(), 'tiaowen-out-'));
    expect(ingest('--sources', sources, '--out', first, '--cache', cache).stdout).toContain('(0 from the parse cache)');
    const versions = readdirSync(cache);
    expect(versions).toHaveLength(1);
    expect(versions[0]).not.toBe('0123456789abcdef');
    expect(readdirSync(join(cache, versions[0]!, 'mdx'))).toHaveLength(1);
    const second = mkdtempSync(join(tmpdir(), 'tiaowen-out-'));
    expect(ingest('--sources', sources, '--out', second, '--cache', cache).stdout).toContain('(1 from the parse cache)');
    for (const file of ['regulations/石泉县安全生产综合监管十项制度.mdx', 'data/docs/石泉县安全生产综合监管十项制度.json', 'data/index.json']) {
      expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(first, file), 'utf8'));
    }
  });
});
