// @ts-check
// A loopback static server that answers like GitHub Pages does: gzip for text when the client
// accepts it, `Cache-Control: max-age=600`, an ETag, 404 for anything missing. The benchmark
// measures the build as Pages would serve it (scripts/static-server.mjs sends no-store and no
// compression, which is right for tests but would skew Lighthouse). Extra routes outside the
// base path serve the benchmark's own helper pages.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { close, listen } from '../listen.mjs';

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
 * @param {{ root: string, basePath?: string, routes?: Record<string, Route> }} options
 */
export function createPagesServer({ root, basePath = '/', routes = {} }) {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    /** @param {number} status @param {string} type @param {Buffer} body @param {Record<string, string>} [extra] */
    const send = (status, type, body, extra = {}) => {
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      /** @type {Record<string, string>} */
      const headers = { 'Content-Type': type, 'Cache-Control': 'max-age=600', ETag: etag, Vary: 'Accept-Encoding', ...extra };
      if (status === 200 && req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const payload = gzip ? gzipSync(body, { level: 6 }) : body;
      if (gzip) headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = String(payload.length);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : payload);
    };
    const notFound = () => send(404, 'text/plain; charset=utf-8', Buffer.from('Not found'));

    const route = routes[url.pathname];
    if (route) {
      send(200, route.type, Buffer.from(route.body), route.headers);
      return;
    }
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
      send(200, TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream', await readFile(file));
    } catch {
      notFound();
    }
  });
  return {
    /** @returns {Promise<string>} the base URL, ending in the base path */
    listen: async (port = 0, host = '127.0.0.1') => `${await listen(server, port, host)}${base}`,
    close: () => close(server),
  };
}
