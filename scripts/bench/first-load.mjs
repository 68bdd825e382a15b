// @ts-check
// What Chromium requests when it opens the page and nobody touches it: every document, script and
// stylesheet until the network has been idle, sized as gzip -9 of the built file (information: no
// target; the build's budget is in build-sizes.mjs).
import { measureBuild } from '../sizes.mjs';
import { defineMeasurement } from './measurement.mjs';
import { bytes, table } from './table.mjs';

export default defineMeasurement({
  key: 'firstLoad',
  title: 'first load in Chromium',
  async run(bench) {
    const built = new Map((await measureBuild(bench.prodDir)).files.map((f) => [f.file, f.gzip]));
    const context = await (await bench.browser()).newContext();
    try {
      const page = await context.newPage();
      /** @type {import('playwright-core').Response[]} */
      const responses = [];
      /** @type {string[]} */
      const problems = [];
      page.on('response', (r) => responses.push(r));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      await page.goto(bench.appUrl, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000); // anything scheduled on idle after load
      const app = new URL(bench.appUrl);
      const files = [];
      for (const response of responses) {
        const url = new URL(response.url());
        const type = response.request().resourceType();
        if (!['document', 'script', 'stylesheet'].includes(type)) continue;
        let file = url.origin === app.origin && url.pathname.startsWith(app.pathname) ? decodeURIComponent(url.pathname.slice(app.pathname.length)) : undefined;
        if (file === '' || file?.endsWith('/')) file += 'index.html';
        const sizes = await response
          .request()
          .sizes()
          .catch(() => undefined);
        files.push({
          url: response.url(),
          type,
          file,
          gzip: file ? (built.get(file) ?? null) : null,
          transferred: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : null,
        });
      }
      return {
        method: 'Chromium opens the page with no input; every document/script/stylesheet response until the network is idle (500 ms) plus 1 s',
        files,
        gzip: files.reduce((sum, f) => sum + (f.gzip ?? 0), 0),
        transferred: files.reduce((sum, f) => sum + (f.transferred ?? 0), 0),
        problems,
      };
    } finally {
      await context.close();
    }
  },
  report: (load) =>
    table(
      'First load, no input (gzip -9 bytes of the built files)',
      ['Measure', 'Result'],
      [
        ['HTML + JS + CSS Chromium requested', bytes(load.gzip)],
        ['  on the wire (server gzip -6, headers)', bytes(load.transferred)],
      ],
      [...load.files.map((f) => `${f.file ?? f.url} ${bytes(f.gzip)}`), ...load.problems.slice(0, 5).map((p) => `! ${p}`)],
    ),
});
