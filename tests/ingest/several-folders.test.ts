/**
 * Several source folders read as one site (`--sources A --sources B`): each source's path
 * begins with its folder's name, references resolve across the folders, and the site finds
 * every source again for download.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiIndex, Document, IngestReport } from '../../src/lib/types';
import { copySources, sourceFile } from '../../src/site/sources';

const seeds = path.resolve('content/sources');
const laws = path.resolve('tests/fixtures/laws');
const LAW = '行政法规/全国/生产安全事故报告和调查处理条例(2007-04-09).txt';
const ingest = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { encoding: 'utf8' });

describe('ingest of two folders', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-two-'));
  const run = ingest('--sources', seeds, '--sources', laws, '--out', out, '--no-cache');
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(out, 'data', file), 'utf8')) as T;

  it('names each source under its folder, and keeps every document of both', () => {
    expect(run.stderr).not.toContain('does not exist');
    expect(run.status).toBe(0);
    const index = read<ApiIndex>('index.json');
    const seedFiles = fs.readdirSync(seeds).filter((f) => !f.startsWith('.') && !f.endsWith('.meta.yaml') && f !== 'README.md');
    const sources = new Set(index.documents.map((d) => d.source));
    for (const f of seedFiles) expect(sources, f).toContain(`sources/${f}`);
    expect(sources).toContain(`laws/${LAW}`);
    expect(index.documents.length).toBe(JSON.parse(fs.readFileSync('content/data/index.json', 'utf8')).documents.length + 1);
  });

  it("resolves a bundled document's citation of the law in the other folder", () => {
    const index = read<ApiIndex>('index.json');
    const law = index.documents.find((d) => d.source === `laws/${LAW}`)!;
    const citing = index.documents
      .map((d) => read<Document>(`docs/${d.id}.json`))
      .flatMap((d) => d.clauses.flatMap((c) => c.refs))
      .filter((r) => r.text.includes('生产安全事故报告和调查处理条例'));
    expect(citing.length).toBeGreaterThan(0);
    for (const r of citing) expect(r.target?.split('#')[0]).toBe(law.id);
  });

  it('lets the site find every source again in its folder, and nothing outside them', () => {
    const report = read<IngestReport>('report.json');
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-two-dist-'));
    const { copied, missing } = copySources(report.sources.map((s) => s.source), dist, [seeds, laws]);
    expect(missing).toEqual([]);
    expect(copied).toBe(report.sources.length);
    expect(fs.readFileSync(path.join(dist, 'sources', 'laws', ...LAW.split('/')))).toEqual(fs.readFileSync(path.join(laws, LAW)));
    expect(sourceFile(`laws/${LAW}`, [seeds, laws])).toBe(path.join(laws, LAW));
    expect(sourceFile(LAW, [seeds, laws])).toBeNull();
    expect(sourceFile('laws/../sources/x.txt', [seeds, laws])).toBeNull();
    expect(sourceFile('other/x.txt', [seeds, laws])).toBeNull();
  });

  it('refuses two folders of the same name, naming it', () => {
    const twin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-y-')), 'laws');
    fs.mkdirSync(twin);
    const same = ingest('--sources', laws, '--sources', twin, '--out', out);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('two source folders are named "laws"');
  });
});
