// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The content root (ingest output) is chosen with TIAOWEN_CONTENT; see src/site/content-root.ts.
// The public origin is only used for absolute URLs (canonical links); override with SITE_URL.
export default defineConfig({
  site: process.env.SITE_URL || 'https://tiaowen.example',
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Every MDX body carries Astro's "use astro:head-inject" directive; rolldown warns
      // about it once per file, which buries real warnings on a site with many documents.
      rolldownOptions: { checks: { moduleLevelDirective: false } },
    },
  },
});
