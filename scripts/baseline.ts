/**
 * npm run baseline [-- --corpus DIR] [--limit N]
 * The plain alternative tiaowen is measured against: each corpus document as one MDX page
 * of a bare Astro site (text as paragraphs, nothing else), built with `astro build` and
 * indexed with the Pagefind CLI. Prints seconds, peak memory and sizes per step as JSON
 * on its last line, for `npm run bench`.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import remarkMdx from 'remark-mdx';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { du, measure } from './lib/measure.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' }, limit: { type: 'string' }, out: { type: 'string', default: '.tiaowen/baseline' } } });
const root = values.out!;
const files = readdirSync(values.corpus!, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => relative(values.corpus!, join(e.parentPath, e.name)))
  .sort()
  .slice(0, values.limit ? Number(values.limit) : undefined);

// A bare site inside the project, so that it resolves the project's own astro and pagefind.
rmSync(root, { recursive: true, force: true });
mkdirSync(join(root, 'src/pages/docs'), { recursive: true });
writeFileSync(join(root, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nexport default defineConfig({ integrations: [mdx()] });\n");
const mdx = unified().use(remarkMdx).use(remarkStringify);
files.forEach((file, i) => {
  const text = readFileSync(join(values.corpus!, file), 'utf8');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // Text serialised by remark-mdx, so that braces and angle brackets stay text here too.
  const body = mdx.stringify({ type: 'root', children: paragraphs.map((p) => ({ type: 'paragraph', children: [{ type: 'text', value: p }] })) } as never);
  writeFileSync(join(root, 'src/pages/docs', `${i}.mdx`), `---\ntitle: ${JSON.stringify(paragraphs[0] ?? file)}\n---\n\n<html lang="zh-CN"><head><meta charset="utf-8" /><title>{frontmatter.title}</title></head><body>\n\n${body}\n\n</body></html>\n`);
});

const astroBin = join(process.cwd(), 'node_modules/astro/bin/astro.mjs');
const pagefindBin = join(process.cwd(), 'node_modules/pagefind/lib/runner/bin.cjs');
const build = await measure(process.execPath, [astroBin, 'build'], { cwd: root });
const index = await measure(process.execPath, [pagefindBin, '--site', 'dist'], { cwd: root });
const result = {
  documents: files.length,
  build: { seconds: build.seconds, peakMB: build.peakMB }, index: { seconds: index.seconds, peakMB: index.peakMB },
  seconds: build.seconds + index.seconds,
  peakMB: Math.max(build.peakMB, index.peakMB),
  outputMB: du(join(root, 'dist')) / 1e6,
  indexMB: du(join(root, 'dist/pagefind')) / 1e6,
};
console.log(`baseline: ${files.length} documents: astro build ${build.seconds.toFixed(1)} s (${build.peakMB.toFixed(0)} MB peak), pagefind ${index.seconds.toFixed(1)} s (${index.peakMB.toFixed(0)} MB peak), output ${result.outputMB.toFixed(1)} MB, index ${result.indexMB.toFixed(1)} MB`);
console.log(JSON.stringify(result));
