// @ts-check
// The time to make a PKCE verifier and its S256 challenge with oauth4webapi (the app's own calls),
// in Chromium (on a cross-origin isolated page of its own, for a fine timer) and in Node.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createStaticServer } from '../static-server.mjs';
import { defineMeasurement, median, percentile, positiveInt } from './measurement.mjs';
import { table, us } from './table.mjs';

const RUNS = positiveInt(process.env.BENCH_PKCE_RUNS, 2000);
const WARMUP = 200;

/** @typedef {{ generateRandomCodeVerifier(): string, calculatePKCECodeChallenge(verifier: string): Promise<string> }} Pkce */

/** The loop timed, the same source in the browser and in Node. @param {Pkce} o @param {number} n @param {number} warmup */
async function pkceLoop(o, n, warmup) {
  for (let i = 0; i < warmup; i++) await o.calculatePKCECodeChallenge(o.generateRandomCodeVerifier());
  const times = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await o.calculatePKCECodeChallenge(o.generateRandomCodeVerifier());
    times.push(performance.now() - t);
  }
  return { times, total: performance.now() - start };
}

/** @param {{ times: number[], total: number }} run @param {string} where @param {string} timer */
const summary = (run, where, timer) => ({
  where,
  runs: run.times.length,
  medianMs: median(run.times),
  p95Ms: percentile(run.times, 95),
  meanMs: run.total / run.times.length,
  timer,
});

/** @param {import('./measurement.mjs').Bench} bench */
async function inBrowser(bench) {
  const source = await readFile(createRequire(import.meta.url).resolve('oauth4webapi'), 'utf8');
  const server = createStaticServer({
    root: bench.prodDir,
    routes: {
      '/pkce.html': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>PKCE timing</title>',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      },
      '/oauth4webapi.js': { type: 'text/javascript; charset=utf-8', body: source },
    },
  });
  const origin = new URL(await server.listen(0)).origin;
  const stop = bench.onCleanup(() => server.close());
  const context = await (await bench.browser()).newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/pkce.html`);
    const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const run = await page.evaluate(
      async ({ source, n, warmup, moduleUrl }) => {
        const o = await import(moduleUrl);
        return (0, eval)(`(${source})`)(o, n, warmup);
      },
      { source: pkceLoop.toString(), n: RUNS, warmup: WARMUP, moduleUrl: `${origin}/oauth4webapi.js` },
    );
    return summary(
      run,
      'browser (Chromium, Web Crypto, secure context on loopback)',
      isolated ? 'performance.now(), cross-origin isolated (5 µs resolution)' : 'performance.now() (100 µs resolution: not cross-origin isolated)',
    );
  } finally {
    await context.close();
    await server.close();
    stop();
  }
}

export default defineMeasurement({
  key: 'pkce',
  title: 'PKCE timing',
  async run(bench) {
    const node = summary(
      await pkceLoop(await import('oauth4webapi'), RUNS, WARMUP),
      `Node ${process.version} (globalThis.crypto)`,
      'perf_hooks performance.now()',
    );
    return { browser: await inBrowser(bench), node };
  },
  report: ({ browser, node }) =>
    table(
      `PKCE verifier + S256 challenge (oauth4webapi generateRandomCodeVerifier + calculatePKCECodeChallenge, ${RUNS} runs)`,
      ['Where', 'Median', 'p95', 'Mean', 'Timer'],
      [browser, node].map((p) => [p.where, us(p.medianMs), us(p.p95Ms), us(p.meanMs), p.timer]),
    ),
});
