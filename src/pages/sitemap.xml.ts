import type { APIRoute } from 'astro';
import { loadIndex } from '../site/data';
import { escapeHtml, jurisdictionHref } from '../site/format';

/** /sitemap.xml: every page of the site (not the JSON API or the 404 page), with absolute URLs built from `site`. */
export const GET: APIRoute = ({ site }) => {
  const index = loadIndex();
  const paths = [
    '/',
    '/search/',
    '/about/',
    '/report/',
    '/citations/',
    '/compare/',
    ...index.topics.map((t) => `/compare/${t.id}/`),
    '/compare/diff/',
    ...index.jurisdictions.map((j) => jurisdictionHref(j.id)),
    ...index.documents.map((d) => d.url),
  ];
  const origin = site ?? new URL('https://tiaowen.example');
  const urls = paths.map((p) => `  <url><loc>${escapeHtml(new URL(p, origin).href)}</loc></url>`).join('\n');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
