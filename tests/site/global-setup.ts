/**
 * Global setup of the "site" test project (tests/site, tests/e2e): builds the site once and
 * serves it over HTTP for the browser tests.
 *
 * - the bundled collection: the content root (content/, or TIAOWEN_CONTENT) built with
 *   `scripts/build.ts --skip-ingest` into .tiaowen/test-dist, its search index written in
 *   shards of 0.05 MB of data (a handful, where the default gives one), so that every
 *   search test runs on a merged index
 * - a collection with a repealed document and a web-page source: the bundled 2024 rules of
 *   鄂托克前旗 plus tests/site/fixtures/status-sources (the 2022 rules they repeal, and a
 *   portal .html page), ingested into .tiaowen/test-status/content and built into
 *   .tiaowen/test-status/dist
 *
 * The builds run one after the other (the fixture's ingest alongside the first); each
 * static server listens on a free port.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic, type StaticServer } from '../../src/site/static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the content root the bundled site was built from */
    contentRoot: string;
    /** the sources folder its originals were copied from */
    sourcesDir: string;
    /** the built bundled site */
    distDir: string;
    /** http://127.0.0.1:<port> serving distDir */
    siteUrl: string;
    /** the `site` origin the build used for absolute URLs */
    siteOrigin: string;
    /** the built collection with a repealed document, and its server */
    statusDistDir: string;
    statusContentRoot: string;
    statusSiteUrl: string;
  }
}

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = require.resolve('tsx/cli');

function run(label: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code}):\n${output}`))));
  });
}

export default async function setup(project: TestProject) {
  const contentRoot = path.resolve(root, process.env.TIAOWEN_CONTENT || 'content');
  const sourcesDir = path.resolve(root, process.env.TIAOWEN_SOURCES || 'content/sources');
  const distDir = path.join(root, '.tiaowen', 'test-dist');
  if (!fs.existsSync(path.join(contentRoot, 'data', 'index.json'))) {
    throw new Error(`no ingest output in ${contentRoot}; run \`npm run ingest\` first`);
  }

  const statusRoot = path.join(root, '.tiaowen', 'test-status');
  const statusSources = path.join(statusRoot, 'sources');
  const statusContent = path.join(statusRoot, 'content');
  const statusDist = path.join(statusRoot, 'dist');
  fs.rmSync(statusRoot, { recursive: true, force: true });
  fs.mkdirSync(statusSources, { recursive: true });
  const fixtures = path.join(root, 'tests', 'site', 'fixtures', 'status-sources');
  for (const name of fs.readdirSync(fixtures).filter((n) => n !== 'README.md')) {
    fs.copyFileSync(path.join(fixtures, name), path.join(statusSources, name));
  }
  const seed = '鄂托克前旗安全生产委员会工作规则和办公室工作细则-鄂前安发〔2024〕4号.txt';
  fs.copyFileSync(path.join(root, 'content', 'sources', seed), path.join(statusSources, seed));

  fs.rmSync(distDir, { recursive: true, force: true });
  const build = (outDir: string, env: NodeJS.ProcessEnv, ...flags: string[]) =>
    run(`site build → ${path.relative(root, outDir)}`, [tsx, 'scripts/build.ts', '--skip-ingest', '--out-dir', outDir, ...flags], env);

  // One Astro build at a time: builds in one project share its .astro/ folder.
  await Promise.all([
    build(distDir, { TIAOWEN_CONTENT: contentRoot, TIAOWEN_SOURCES: sourcesDir }, '--index-shard-mb', '0.05'),
    run('ingest of the status fixture', [tsx, 'scripts/ingest.ts', '--sources', statusSources, '--out', statusContent], {}),
  ]);
  await build(statusDist, { TIAOWEN_CONTENT: statusContent, TIAOWEN_SOURCES: statusSources });

  const servers: StaticServer[] = [await serveStatic(distDir), await serveStatic(statusDist)];
  project.provide('contentRoot', contentRoot);
  project.provide('sourcesDir', sourcesDir);
  project.provide('distDir', distDir);
  project.provide('siteUrl', servers[0].url);
  project.provide('siteOrigin', new URL(process.env.SITE_URL || 'https://tiaowen.example').origin);
  project.provide('statusDistDir', statusDist);
  project.provide('statusContentRoot', statusContent);
  project.provide('statusSiteUrl', servers[1].url);

  return async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
}
