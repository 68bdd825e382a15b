// A "docs site" for the embedding tests: on localhost, a different site from the app on 127.0.0.1,
// so the browser partitions the framed app's storage as it would on a real docs page. Its page
// frames Keymint (as many times as asked, sandboxed as asked) and records every message it gets.
import { createServer } from 'node:http';
import { close, listen } from '../../scripts/listen.mjs';

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * `/docs?src=<app url>&count=<n>&sandbox=<tokens>`; without `sandbox` the frames are not sandboxed.
 * `probe=popup`: the page tries window.open as it loads, with no click, and records in
 * `window.__popupBlocked` whether the browser's popup blocker refused it.
 */
function docsPage(url: URL): string {
  const src = url.searchParams.get('src') ?? '';
  const count = Math.min(Number(url.searchParams.get('count') ?? 1) || 1, 4);
  const sandbox = url.searchParams.get('sandbox');
  const probe = url.searchParams.get('probe') === 'popup' ? `window.__popupBlocked = window.open('about:blank', '_blank') === null;` : '';
  const frames = Array.from(
    { length: count },
    (_, i) =>
      `<iframe id="keymint-${i}" title="Keymint ${i}" src="${attribute(src)}" width="900" height="900" allow="clipboard-write"` +
      `${sandbox === null ? '' : ` sandbox="${attribute(sandbox)}"`}></iframe>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<script>
  window.__messages = [];
  ${probe}
  addEventListener('message', (e) => {
    let data;
    try { data = JSON.parse(JSON.stringify(e.data)); } catch { data = String(e.data); }
    window.__messages.push({ origin: e.origin, data });
  });
</script></head><body><h1>Docs page</h1>${frames.join('\n')}</body></html>`;
}

export function createDocsHost() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/docs') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(docsPage(url));
  });
  return {
    /** Resolves to `http://localhost:<port>`. */
    listen: async () => (await listen(server, 0, '127.0.0.1')).replace('127.0.0.1', 'localhost'),
    close: () => close(server),
  };
}
