// @ts-check
// The first tap on Authorize, on an emulated mid-range phone: the page has loaded, the person
// scrolls to Authorize and taps it; measured from the tap to the start of the /auth navigation.
// Keymint and a minimal Preact page doing the same work (scripts/bench/minimal/) are measured in
// turn in the same run, both built against the local stand-in and served as Pages serves them.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build } from 'vite';
import { createStaticServer } from '../static-server.mjs';
import { defineMeasurement, positiveInt, stats } from './measurement.mjs';
import { ms, status, table } from './table.mjs';

const TAPS = positiveInt(process.env.BENCH_TAPS, 7);
const TARGET_MS = 300;

/** Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4x slower; no HTTP cache. */
const PHONE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpuSlowdown: 4 };

/** Builds the comparison page against `openrouterUrl` into `outDir`. */
async function buildMinimal(/** @type {string} */ openrouterUrl, /** @type {string} */ outDir) {
  await build({
    root: fileURLToPath(new URL('./minimal/', import.meta.url)),
    configFile: false,
    logLevel: 'error',
    base: './',
    plugins: [preact()],
    define: { 'import.meta.env.VITE_OPENROUTER_URL': JSON.stringify(openrouterUrl) },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

/**
 * One tap on a fresh phone-emulated page: ms from the tap to the /auth navigation request.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} standinUrl
 */
async function tapOnce(browser, url, standinUrl) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latency,
      downloadThroughput: PHONE.downloadThroughput,
      uploadThroughput: PHONE.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    await page.goto(url, { waitUntil: 'load' });
    const button = page.getByRole('button', { name: 'Authorize', exact: true });
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error(`no Authorize button on ${url}`);
    const navigation = page.waitForRequest((r) => r.isNavigationRequest() && r.url().startsWith(`${standinUrl}/auth`), { timeout: 20_000 });
    const tapped = performance.now();
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await navigation;
    return performance.now() - tapped;
  } finally {
    await context.close();
  }
}

export default defineMeasurement({
  key: 'firstTap',
  title: 'first tap on Authorize, phone emulation',
  async run(bench) {
    const { standinUrl, appUrl } = await bench.standinApp();
    const minimalDir = await bench.tempDir('keymint-bench-minimal-');
    await buildMinimal(standinUrl, minimalDir);
    const minimal = createStaticServer({ root: minimalDir, basePath: '/minimal/', pages: true });
    bench.onCleanup(() => minimal.close());
    const minimalUrl = await minimal.listen(0);
    const browser = await bench.browser();
    /** @type {number[]} */
    const keymint = [];
    /** @type {number[]} */
    const baseline = [];
    // One warm-up each, then the two pages in turn, so that machine load falls on both alike.
    await tapOnce(browser, appUrl, standinUrl);
    await tapOnce(browser, minimalUrl, standinUrl);
    for (let i = 0; i < TAPS; i++) {
      keymint.push(await tapOnce(browser, appUrl, standinUrl));
      baseline.push(await tapOnce(browser, minimalUrl, standinUrl));
    }
    return {
      method: `Fresh context per tap, 412×823 touch viewport, CPU ${PHONE.cpuSlowdown}x slower, ${PHONE.latency} ms round trip, 1.6 Mbps down, HTTP cache off, gzip as Pages; after the load event the driver scrolls Authorize into view and taps it; time from the tap to the /auth navigation request, seen by the driver. One warm-up each, then Keymint and the minimal page in turn.`,
      targetMs: TARGET_MS,
      keymint: stats(keymint),
      minimal: stats(baseline),
      runs: { keymint, minimal: baseline },
    };
  },
  checks: (tap) => ({ firstTapWithinTarget: tap.keymint.median !== null && tap.keymint.median <= tap.targetMs }),
  report: (tap) =>
    table(
      `First tap on Authorize → /auth navigation starts (${tap.keymint.n} taps each, phone emulation)`,
      ['Page', 'Median', 'Min – max', `≤ ${tap.targetMs} ms`],
      [
        [
          'Keymint',
          ms(tap.keymint.median),
          `${ms(tap.keymint.min)} – ${ms(tap.keymint.max)}`,
          status(tap.keymint.median !== null && tap.keymint.median <= tap.targetMs),
        ],
        ['Minimal Preact page, same work', ms(tap.minimal.median), `${ms(tap.minimal.min)} – ${ms(tap.minimal.max)}`, ''],
      ],
      ['CPU 4x slower, 150 ms round trip, 1.6 Mbps down, cache off; tap after load and a scroll to the button'],
    ),
});
