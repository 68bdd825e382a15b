// @ts-check
// `npm run bench`: builds Keymint for production, serves it on loopback the way GitHub Pages does
// (gzip, max-age=600) and takes each measurement of MEASUREMENTS in turn, then prints a table and
// writes bench/results/results.json (plus the screenshots and Lighthouse reports the measurements
// write there). Missed targets are marked MISS and do not fail the run; a measurement that could
// not be taken does (exit 1). To add a measurement, see scripts/bench/measurement.mjs.
//
// Knobs: BENCH_LH_RUNS (Lighthouse runs per preset, default 3), BENCH_SIGNINS (timed sign-ins,
// default 7), BENCH_PKCE_RUNS (default 2000), BENCH_ONLY (keys of the measurements to take,
// comma-separated, e.g. BENCH_ONLY=sizes,signIn), CHROME_PATH (browser binary).
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright } from 'playwright-core';
import { createStandin } from '../standin/openrouter.mjs';
import { BrowserMissing, browserVersion, findChromium } from './browsers.mjs';
import { buildKeymint } from './build-for.mjs';
import { createStaticServer } from './static-server.mjs';
import buildSizes from './bench/build-sizes.mjs';
import firstLoad from './bench/first-load.mjs';
import firstTap from './bench/first-tap.mjs';
import lighthouse from './bench/lighthouse.mjs';
import { BENCH_CHROMIUM_FLAGS, SetupError, cleanupRegistry } from './bench/measurement.mjs';
import pkce from './bench/pkce.mjs';
import screenshots from './bench/screenshots.mjs';
import signIns from './bench/sign-ins.mjs';

/**
 * A measurement with its result type hidden: what it adds to results.json and to the printed report.
 * @typedef {{ key: string, title: string, take: (bench: import('./bench/measurement.mjs').Bench) => Promise<{ result: unknown, checks: Record<string, boolean | null>, text: string }> }} Step
 */

/**
 * @template T
 * @param {import('./bench/measurement.mjs').Measurement<T>} m
 * @returns {Step}
 */
const step = (m) => ({
  key: m.key,
  title: m.title,
  async take(bench) {
    const result = await m.run(bench);
    return { result, checks: m.checks?.(result) ?? {}, text: m.report(result) };
  },
});

/** Every measurement, in the order they are taken. Lighthouse early, while no other browser is open. */
const MEASUREMENTS = [step(buildSizes), step(lighthouse), step(firstLoad), step(screenshots), step(pkce), step(firstTap), step(signIns)];

const BASE_PATH = '/keymint/';
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');
const require = createRequire(import.meta.url);
const log = (/** @type {string} */ message) => process.stderr.write(`[bench] ${message}\n`);

const { onCleanup, cleanup, tempDir } = cleanupRegistry();
let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping servers and browsers …`);
    void cleanup().finally(() => process.exit(130));
  });
}

/**
 * @template T
 * @param {() => Promise<T>} make
 * @returns {() => Promise<T>} `make`, run once on first call
 */
const once = (make) => {
  /** @type {Promise<T> | undefined} */
  let made;
  return () => (made ??= make());
};

async function main() {
  const startedAt = new Date();
  const only = process.env.BENCH_ONLY?.split(',').map((k) => k.trim());
  const steps = only ? MEASUREMENTS.filter((m) => only.includes(m.key)) : MEASUREMENTS;
  if (!steps.length) throw new SetupError(`BENCH_ONLY names none of ${MEASUREMENTS.map((m) => m.key).join(', ')}`);
  const chromium = await findChromium().catch((error) => {
    throw error instanceof BrowserMissing ? new SetupError(error.message) : error;
  });
  await mkdir(resultsDir, { recursive: true });

  const prodDir = await tempDir('keymint-bench-prod-');
  const server = createStaticServer({ root: prodDir, basePath: BASE_PATH, pages: true });
  const appUrl = await server.listen(0);
  onCleanup(() => server.close());
  // Built for the address it is served at, as the Pages workflow does: the prerendered callback
  // URL is this page's.
  log(`building for production (VITE_OPENROUTER_URL=https://openrouter.ai, KEYMINT_SITE_URL=${appUrl}) …`);
  await buildKeymint({ outDir: prodDir, siteUrl: appUrl });

  /** @type {import('./bench/measurement.mjs').Bench} */
  const bench = {
    root,
    resultsDir,
    chromium,
    prodDir,
    appUrl,
    browser: once(async () => {
      log('launching Chromium for the page measurements …');
      const browser = await playwright.launch({ executablePath: chromium.path, headless: true, args: [...BENCH_CHROMIUM_FLAGS, ...chromium.args] });
      onCleanup(() => browser.close());
      return browser;
    }),
    standinApp: once(async () => {
      const standin = createStandin();
      const standinUrl = /** @type {string} */ (await standin.listen(0));
      onCleanup(() => standin.close());
      const outDir = await tempDir('keymint-bench-standin-');
      await buildKeymint({ openrouterUrl: standinUrl, outDir });
      const app = createStaticServer({ root: outDir, basePath: BASE_PATH, pages: true });
      onCleanup(() => app.close());
      return { standinUrl, appUrl: await app.listen(0) };
    }),
    onCleanup,
    tempDir,
    log,
  };

  /** @type {Record<string, unknown>} */
  const results = {};
  /** @type {Record<string, boolean | null>} */
  const checks = {};
  /** @type {Record<string, string>} */
  const errors = {};
  const sections = [];
  for (const m of steps) {
    if (stopping) throw new SetupError('interrupted');
    log(`${m.title} …`);
    try {
      const taken = await m.take(bench);
      results[m.key] = taken.result;
      Object.assign(checks, taken.checks);
      sections.push(taken.text);
    } catch (error) {
      if (error instanceof SetupError || stopping) throw error;
      errors[m.key] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${m.title} FAILED: ${error instanceof Error ? error.message : String(error)}`);
      sections.push(`${m.title}: ERROR\n`);
    }
  }

  const environment = {
    node: process.version,
    chromium: (await browserVersion(chromium.path)) ?? chromium.path,
    chromiumPath: chromium.path,
    chromiumSource: chromium.source,
    playwrightCore: String(require('playwright-core/package.json').version),
    server: `loopback, like GitHub Pages: gzip, Cache-Control max-age=600, ETag; app at ${BASE_PATH}`,
    openrouterUrl: 'https://openrouter.ai (production build; the timed sign-ins use a stand-in build)',
  };
  const misses = Object.entries(checks)
    .filter(([, ok]) => ok === false)
    .map(([name]) => name);
  const jsonFile = join(resultsDir, 'results.json');
  await writeFile(jsonFile, `${JSON.stringify({ generatedAt: startedAt.toISOString(), environment, checks, misses, results, errors }, null, 2)}\n`);

  const out = [
    `Keymint benchmark, ${startedAt.toISOString()}`,
    `  ${environment.chromium} (${environment.chromiumSource}) · playwright-core ${environment.playwrightCore} · Node ${environment.node}`,
    `  Production build served ${environment.server}`,
    '',
    ...sections,
    misses.length ? `MISSED: ${misses.join(', ')}` : 'All targets met.',
    ...Object.entries(errors).map(([key, error]) => `ERROR in ${key}: ${error.split('\n')[0]}`),
    `Results: ${relative(root, jsonFile)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return Object.keys(errors).length === 0;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  if (error instanceof SetupError) console.error(`\nnpm run bench cannot run: ${error.message}`);
  else console.error(error);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
