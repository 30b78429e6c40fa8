import type { APIRoute } from 'astro';

/** /robots.txt: everything may be crawled; the sitemap is at an absolute URL built from `site`. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', site ?? 'https://tiaowen.example').href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
