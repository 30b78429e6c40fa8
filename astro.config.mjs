// @ts-check
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { dataDir, loadIndex, loadReport } from './src/site/data.ts';
import { copySources, sourceFile, sourcesDir } from './src/site/sources.ts';
import { copyDocumentData } from './src/site/api-files.ts';
import { contentRoot, contentRootKey } from './src/site/content-root.ts';
import { parallelRender } from './src/site/parallel-render.ts';
import { waitForData } from './src/site/data-ready.ts';

/**
 * Copies every source file the ingest read into <outDir>/sources/, keeping its name, so
 * that each document page can offer the original for download.
 * @returns {import('astro').AstroIntegration}
 */
function sources() {
  return {
    name: 'tiaowen:sources',
    hooks: {
      // `astro dev`: serve /sources/<file> from the sources folder
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/sources/', (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\//, ''));
          const file = sourceFile(name);
          if (!file) return next();
          res.setHeader('Content-Type', 'application/octet-stream');
          fs.createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const files = [...loadReport().sources.map((s) => s.source), ...loadIndex().documents.map((d) => d.source)];
        const { copied, missing } = copySources(files, fileURLToPath(dir));
        logger.info(`copied ${copied} source file(s) from ${sourcesDir()} to sources/`);
        if (missing.length > 0) logger.warn(`not in ${sourcesDir()}, so not offered for download: ${missing.join(', ')}`);
      },
    },
  };
}

/**
 * The data API's document files: copied from data/docs/ into <outDir>/api/docs/ by a build,
 * served by a route under `astro dev` (src/site/api-files.ts).
 * @returns {import('astro').AstroIntegration}
 */
function apiDocuments() {
  return {
    name: 'tiaowen:api-documents',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command === 'dev') injectRoute({ pattern: '/api/docs/[id].json', entrypoint: './src/site/api-doc-route.ts', prerender: true });
      },
      'astro:build:done': ({ dir, logger }) => {
        const copied = copyDocumentData(loadIndex().documents.map((d) => d.id), dataDir(), fileURLToPath(dir));
        logger.info(`copied ${copied} data file(s) to api/docs/`);
      },
    },
  };
}

// The content root (ingest output) is chosen with TIAOWEN_CONTENT; see src/site/content-root.ts.
// The sources folders copied to dist/sources/ are TIAOWEN_SOURCES (default content/sources; see src/site/sources.ts).
// The public origin is used for absolute URLs (canonical links, sitemap, citations); override with SITE_URL.
// Astro caches the content collection between builds; a content root other than content/
// gets a cache of its own, so that builds of different collections never mix entries.
const defaultRoot = path.resolve(process.cwd(), 'content');
const cacheDir =
  contentRoot() === defaultRoot
    ? undefined
    : `./.tiaowen/cache/${contentRootKey(contentRoot())}/`;

/** The comparison pages' routes (/compare/[topic], /compare/diff). */
const comparisonPages = (/** @type {string} */ route) => route.startsWith('/compare/');

export default defineConfig({
  cacheDir,
  site: process.env.SITE_URL || 'https://tiaowen.example',
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // A Content-Security-Policy <meta> on every page, suitable for static hosting: Astro adds
  // the hashes of its own bundled scripts and styles; Pagefind needs WebAssembly.
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  // MDX is read without typographic quotes, GFM autolinks or strikethrough, or a highlighter
  // (whose inline styles the policy would refuse), so every character renders exactly as
  // written. The regulations are not compiled by the MDX integration: the document page
  // parses each body with the same parser and features and turns its <Clause> and <Ref>
  // elements into markup (src/site/regulation-mdx.ts, regulation-html.ts), so the build
  // bundles no module per document. The integration remains for MDX pages under src/pages.
  markdown: { syntaxHighlight: false },
  // The render worker renders the comparison pages before its other pages: their pass over
  // every document builds the links across documents too (src/site/compare/shared.ts),
  // which the citation index would otherwise build in a pass of its own.
  integrations: [mdx({ smartypants: false, gfm: false, syntaxHighlight: false, optimize: true }), sources(), apiDocuments(), waitForData(), parallelRender({ first: comparisonPages })],
  devToolbar: { enabled: false },
  // A rebuild renders again only the pages whose code or data changed: document pages
  // return a cacheKey covering everything they show (src/site/document-page.ts); the others
  // are rendered every time.
  experimental: { incrementalBuild: true },
  vite: {
    // `astro dev` watches the project; after corpus builds .tiaowen/ holds a million files and
    // more (the search index's shards, Astro's copies of pages, the bench's sites), past the
    // system's limit of watches. Only a content root kept there (.tiaowen/content) is watched.
    server: { watch: { ignored: (/** @type {string} */ file) => /[\\/](?:\.tiaowen[\\/](?!content(?:[\\/]|$))|dist[\\/])/.test(file) } },
    build: {
      // Scripts stay external files (no inline <script>), whatever their size.
      assetsInlineLimit: 0,
    },
  },
});
