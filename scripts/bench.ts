/**
 * npm run bench [-- --corpus DIR]
 * Ingests the whole corpus (default ../shared/corpus) into a temporary folder, in a
 * child process, and prints documents/s, MB/s, wall time and the child's peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' } } });
const corpus = values.corpus!;
const files = readdirSync(corpus, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.txt'));
const bytes = files.reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
const out = mkdtempSync(join(tmpdir(), 'tiaowen-bench-'));

// The child reports its own peak RSS: resource usage of a finished child is not exposed to Node.
const probe = "process.on('exit',()=>console.log('bench:maxrss:'+process.resourceUsage().maxRSS))";
const started = performance.now();
const child = spawnSync(process.execPath, ['--import', 'tsx', '--eval', `${probe};await import('./scripts/ingest.ts')`, '--', '--sources', corpus, '--out', out], {
  encoding: 'utf8', maxBuffer: 1 << 30,
});
const seconds = (performance.now() - started) / 1000;
rmSync(out, { recursive: true, force: true });
if (child.status !== 0) {
  console.error(child.stderr);
  throw new Error(`ingest failed with status ${child.status}`);
}
const maxRssKb = Number(/bench:maxrss:(\d+)/.exec(child.stdout)?.[1] ?? NaN);
const summary = child.stdout.split('\n').find((l) => l.startsWith('ingest:')) ?? '';
console.log(summary);
console.log(`bench ingest: ${files.length} documents, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s → ${(files.length / seconds).toFixed(0)} documents/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, peak memory ${(maxRssKb / 1024).toFixed(0)} MB (targets: ≤ 60 s, ≤ 2048 MB)`);
