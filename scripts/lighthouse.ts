/**
 * npm run lighthouse [-- --desktop] [--runs N] [--skip-build] [--min N] [--page /path/ …]
 *
 * Builds the site (from the existing content root, no ingest) into .tiaowen/lighthouse/dist
 * with `site` set to the local server's origin (so canonical links and sitemap URLs are
 * those of the served pages), serves it on a free port, and runs Lighthouse — performance,
 * accessibility, best practices, SEO — with Debian's Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH) on the home page and on the largest document (the one with most clauses),
 * or on the pages given with --page. Mobile settings (Lighthouse's default: a phone with
 * simulated slow 4G and CPU throttling) unless --desktop.
 *
 * Each page is audited --runs times (default 3) and the median of each score is reported,
 * as Lighthouse recommends for scores that vary from run to run (on a busy machine the
 * performance score moves by several points). Prints the four scores per page and the
 * audits that lost points; writes the JSON report of the median run to
 * .tiaowen/lighthouse/; exits 1 when a median score is below --min (default 95).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { ApiIndex, Document } from '../src/lib/types.ts';
import { serveStatic } from '../src/site/static-server.ts';
import { projectRoot } from './build.ts';

const require = createRequire(import.meta.url);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const LABELS: Record<(typeof CATEGORIES)[number], string> = {
  performance: 'Performance',
  accessibility: 'Accessibility',
  'best-practices': 'Best practices',
  seo: 'SEO',
};

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      desktop: { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      min: { type: 'string', default: '95' },
      runs: { type: 'string', default: '3' },
      page: { type: 'string', multiple: true },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`lighthouse: ${(error as Error).message}\nusage: npm run lighthouse [-- --desktop] [--runs N] [--skip-build] [--min N] [--page /path/ …]`);
  process.exit(2);
}

const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromePath)) {
  console.error(`lighthouse: no Chromium at ${chromePath}; install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(2);
}

const workDir = path.join(projectRoot, '.tiaowen', 'lighthouse');
const distDir = path.join(workDir, 'dist');
const contentRoot = path.resolve(projectRoot, process.env.TIAOWEN_CONTENT || 'content');
const min = Number(values.min);
const runs = Math.max(1, Number(values.runs) || 1);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

// The server reads files per request, so it can start (and fix the port) before the build.
const server = await serveStatic(distDir);

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/build.ts', '--skip-ingest', '--out-dir', distDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, TIAOWEN_CONTENT: contentRoot, SITE_URL: server.url },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`site build failed (exit ${code})`))));
  });
}

function defaultPages(): string[] {
  const index = JSON.parse(fs.readFileSync(path.join(contentRoot, 'data', 'index.json'), 'utf8')) as ApiIndex;
  const sizes = index.documents.map((d) => {
    const doc = JSON.parse(fs.readFileSync(path.join(contentRoot, 'data', 'docs', `${d.id}.json`), 'utf8')) as Document;
    return { url: d.url, clauses: doc.clauses.length };
  });
  sizes.sort((a, b) => b.clauses - a.clauses);
  return ['/', ...(sizes.length > 0 ? [sizes[0].url] : [])];
}

let failed = false;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  if (!values['skip-build']) {
    console.log(`building the site into ${path.relative(projectRoot, distDir)} (site: ${server.url}) …`);
    fs.rmSync(distDir, { recursive: true, force: true });
    await build();
  } else if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`--skip-build: nothing built in ${distDir}`);
  }

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    logLevel: 'silent',
  });

  const pages = values.page && values.page.length > 0 ? values.page : defaultPages();
  const rows: { page: string; scores: Record<string, number> }[] = [];
  for (const page of pages) {
    const url = `${server.url}${encodeURI(page)}`;
    const results: { lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']; scores: Record<string, number> }[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        values.desktop ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page}: ${lhr.runtimeError.message}`);
      const scores: Record<string, number> = {};
      for (const id of CATEGORIES) scores[id] = Math.round((lhr.categories[id]?.score ?? 0) * 100);
      results.push({ lhr, scores });
    }
    const scores: Record<string, number> = {};
    for (const id of CATEGORIES) scores[id] = median(results.map((r) => r.scores[id]));
    rows.push({ page, scores });
    // the run whose performance score is the median one, for the details
    const { lhr } = [...results].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor((results.length - 1) / 2)];

    const name = page === '/' ? 'home' : page.replace(/^\/|\/$/g, '').replace(/[\\/]+/g, '_');
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(path.join(workDir, `${name}${values.desktop ? '.desktop' : ''}.json`), JSON.stringify(lhr, null, 1));

    console.log(`\n${page}${runs > 1 ? ` (median of ${runs} runs)` : ''}`);
    for (const id of CATEGORIES) {
      const score = scores[id];
      if (score < min) failed = true;
      const all = runs > 1 ? `   [${results.map((r) => r.scores[id]).join(', ')}]` : '';
      console.log(`  ${LABELS[id].padEnd(15)} ${String(score).padStart(3)}${score < min ? `  < ${min}` : ''}${all}`);
      const lost = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable');
      for (const audit of lost) console.log(`      - ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    }
  }

  console.log(`\n${values.desktop ? 'desktop' : 'mobile'} | ${CATEGORIES.map((c) => LABELS[c]).join(' | ')} | page`);
  for (const row of rows) console.log(`${' '.repeat(values.desktop ? 7 : 6)}| ${CATEGORIES.map((c) => String(row.scores[c]).padStart(LABELS[c].length)).join(' | ')} | ${row.page}`);
} catch (error) {
  console.error(`lighthouse: ${(error as Error).message}`);
  failed = true;
} finally {
  await chrome?.kill();
  await server.close();
}
process.exit(failed ? 1 : 0);
