/**
 * A small static file server for a built site (tests, `npm run lighthouse`): serves
 * <dir>/<path>, <dir>/<path>/index.html for directory URLs (redirecting /x to /x/ like a
 * static host), and <dir>/404.html with status 404 for anything else.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
};

export type StaticServer = { url: string; port: number; close: () => Promise<void> };

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Starts serving `dir` on 127.0.0.1 (port 0: a free port). */
export function serveStatic(dir: string, port = 0): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = path.join(root, ...pathname.split('/').filter(Boolean));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let target: string | null = null;
    if (pathname.endsWith('/')) {
      if (isFile(path.join(file, 'index.html'))) target = path.join(file, 'index.html');
    } else if (isFile(file)) {
      target = file;
    } else if (isFile(path.join(file, 'index.html'))) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const status = target ? 200 : 404;
    if (!target) target = isFile(path.join(root, '404.html')) ? path.join(root, '404.html') : null;
    if (!target) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    const body = fs.readFileSync(target);
    // originals are data: never rendered as pages of the site (see public/_headers)
    const isSource = status === 200 && target.startsWith(path.join(root, 'sources') + path.sep);
    res.writeHead(status, {
      ...(isSource ? { 'Content-Disposition': 'attachment', 'Content-Security-Policy': 'sandbox', 'X-Content-Type-Options': 'nosniff' } : {}),
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': target.includes(`${path.sep}_astro${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
