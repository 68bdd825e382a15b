// @ts-check
// The one static file server for a built dist/, on loopback, optionally under a sub-path (as on
// GitHub Pages project sites). Used by the demo, the end-to-end tests and the benchmark.
// `pages: true` answers as GitHub Pages does (gzip when accepted, `Cache-Control: max-age=600`, an
// ETag and 304s); otherwise every answer is `no-store` and uncompressed, which suits tests.
// `routes`: extra fixed answers by path (outside the base path too), e.g. the benchmark's helpers.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { close, listen } from './listen.mjs';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg\+xml)/;

/**
 * @typedef {{ type: string, body: string | Buffer, headers?: Record<string, string> }} Route
 * @typedef {{
 *   root: string,
 *   basePath?: string,
 *   pages?: boolean,
 *   headers?: (path: string) => Record<string, string>,
 *   routes?: Record<string, Route>,
 * }} StaticServerOptions
 * @param {StaticServerOptions} options
 */
export function createStaticServer({ root, basePath = '/', pages = false, headers, routes = {} }) {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    /** @param {number} status @param {string} type @param {Buffer} body @param {Record<string, string>} [extra] */
    const send = (status, type, body, extra = {}) => {
      /** @type {Record<string, string>} */
      const head = { 'Content-Type': type, 'Cache-Control': pages ? 'max-age=600' : 'no-store', ...headers?.(url.pathname), ...extra };
      let payload = body;
      if (pages) {
        const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        Object.assign(head, { ETag: etag, Vary: 'Accept-Encoding' });
        if (status === 200 && req.headers['if-none-match'] === etag) {
          res.writeHead(304, head).end();
          return;
        }
        if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          payload = gzipSync(body, { level: 6 });
          head['Content-Encoding'] = 'gzip';
        }
      }
      head['Content-Length'] = String(payload.length);
      res.writeHead(status, head);
      res.end(req.method === 'HEAD' ? undefined : payload);
    };
    const notFound = () => send(404, 'text/plain; charset=utf-8', Buffer.from('Not found'));

    const route = routes[url.pathname];
    if (route) return send(200, route.type, Buffer.from(route.body), route.headers);
    if (!url.pathname.startsWith(base)) return notFound();
    let relative;
    try {
      relative = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return notFound();
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = normalize(join(root, relative));
    if (!file.startsWith(normalize(root) + sep)) return notFound();
    try {
      if (!(await stat(file)).isFile()) return notFound();
      send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      notFound();
    }
  });
  return {
    server,
    /** @returns {Promise<string>} the base URL, ending in the base path */
    listen: async (port = 0, host = '127.0.0.1') => `${await listen(server, port, host)}${base}`,
    close: () => close(server),
  };
}
