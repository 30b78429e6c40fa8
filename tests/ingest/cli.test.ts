/** The ingest command: a summary closes the run; --strict turns any problem into a non-zero exit. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
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
