// @ts-check
// `npm run bench`: builds Keymint for production, serves it on loopback the way GitHub Pages does
// (gzip, max-age=600) and measures it: gzip sizes (first visit and all JS+CSS), Lighthouse 12
// mobile and desktop, the time from the callback navigation to the key on screen (against a local
// OpenRouter stand-in), the time to make a PKCE verifier and challenge, and screenshots at 320 and
// 1280 px in light and dark. Prints a table, writes bench/results/results.json plus screenshots
// and Lighthouse reports into bench/results/. Missed targets are marked MISS and do not fail the
// run; a measurement that could not be taken does (exit 1).
//
// Knobs: BENCH_LH_RUNS (Lighthouse runs per preset, default 3), BENCH_SIGNINS (timed sign-ins,
// default 7), BENCH_PKCE_RUNS (default 2000), CHROME_PATH (browser binary).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildKeymint } from './build-for.mjs';
import { createPagesServer } from './bench/pages-server.mjs';
import { measureBuild } from './bench/sizes.mjs';
import { CHROMIUM_FLAGS, SetupError, chromiumVersion, findChromium, loadLighthouse, loadPlaywright } from './bench/chromium.mjs';
import { bytes, ms, status, table, us } from './bench/table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');
const require = createRequire(import.meta.url);

const TARGETS = {
  firstVisitGzip: 12 * 1024,
  allJsCssGzip: 24 * 1024,
  lighthouseCategory: 100,
  mobileLcpMs: 1000,
};
const BASE_PATH = '/keymint/';
const LH_RUNS = positiveInt(process.env.BENCH_LH_RUNS, 3);
const SIGNINS = positiveInt(process.env.BENCH_SIGNINS, 7);
const PKCE_RUNS = positiveInt(process.env.BENCH_PKCE_RUNS, 2000);

function positiveInt(/** @type {string | undefined} */ raw, /** @type {number} */ fallback) {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const median = (/** @type {number[]} */ values) => {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[mid]) : /** @type {number} */ (s[mid - 1] + /** @type {number} */ (s[mid])) / 2;
};
const percentile = (/** @type {number[]} */ values, /** @type {number} */ p) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? /** @type {number} */ (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]) : null;
};
const stats = (/** @type {number[]} */ values) => ({
  n: values.length,
  median: median(values),
  min: values.length ? Math.min(...values) : null,
  max: values.length ? Math.max(...values) : null,
});
const log = (/** @type {string} */ message) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Clean-up: every server, browser and temp dir registers how to stop it; all are stopped on
// success, on error and on Ctrl+C.
/** @type {Array<() => Promise<unknown> | unknown>} */
const cleanups = [];
const onCleanup = (/** @type {() => Promise<unknown> | unknown} */ fn) => {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
};
async function cleanup() {
  while (cleanups.length) {
    const fn = /** @type {() => unknown} */ (cleanups.pop());
    try {
      await fn();
    } catch {}
  }
}
let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping servers and browsers …`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function tempDir(/** @type {string} */ prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** @type {Record<string, string>} */
const errors = {};
/** Runs one measurement; a failure is recorded and reported, and the others still run. */
async function section(/** @type {string} */ name, /** @type {() => Promise<any>} */ fn) {
  if (stopping) throw new SetupError('interrupted');
  log(`${name} …`);
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SetupError || stopping) throw error;
    errors[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements in the browser.

/** JS, CSS and HTML the page requests from load until the network has been idle, with no input. */
async function firstVisitInBrowser(
  /** @type {import('playwright-core').Browser} */ browser,
  /** @type {string} */ appUrl,
  /** @type {Awaited<ReturnType<typeof measureBuild>>} */ build,
) {
  const context = await browser.newContext();
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
    await page.goto(appUrl, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000); // anything scheduled on idle after load
    const byFile = new Map(build.files.map((f) => [f.file, f]));
    const basePath = new URL(appUrl).pathname;
    const loaded = [];
    for (const response of responses) {
      const url = new URL(response.url());
      const type = response.request().resourceType();
      if (!['document', 'script', 'stylesheet'].includes(type)) continue;
      let file =
        url.origin === new URL(appUrl).origin && url.pathname.startsWith(basePath) ? decodeURIComponent(url.pathname.slice(basePath.length)) : undefined;
      if (file === '' || file?.endsWith('/')) file += 'index.html';
      const sizes = await response
        .request()
        .sizes()
        .catch(() => undefined);
      loaded.push({
        url: response.url(),
        type,
        file,
        gzip: file ? (byFile.get(file)?.gzip ?? null) : null,
        transferred: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : null,
      });
    }
    const gzip = loaded.reduce((sum, r) => sum + (r.gzip ?? 0), 0);
    const staticSet = new Set(build.firstVisitStatic.files.map((f) => f.file));
    const seen = new Set(loaded.map((r) => r.file).filter(Boolean));
    return {
      method:
        'Chromium loads the page with no input; every document/script/stylesheet response until the network is idle (500 ms) plus 1 s, sized as gzip -9 of the built file',
      files: loaded,
      gzip,
      jsCssGzip: loaded.filter((r) => r.type !== 'document').reduce((sum, r) => sum + (r.gzip ?? 0), 0),
      transferred: loaded.reduce((sum, r) => sum + (r.transferred ?? 0), 0),
      onlyInBrowser: [...seen].filter((f) => !staticSet.has(/** @type {string} */ (f))),
      onlyInBuildAnalysis: [...staticSet].filter((f) => !seen.has(f)),
      problems,
    };
  } finally {
    await context.close();
  }
}

/** Waits until the app is ready for input: Authorize is there, the preview filled, the network idle. */
async function settle(/** @type {import('playwright-core').Page} */ page) {
  await page.getByRole('button', { name: 'Authorize' }).waitFor({ timeout: 15_000 });
  await page
    .getByLabel('Authorization URL')
    .filter({ hasText: '/auth?' })
    .first()
    .waitFor({ timeout: 3_000 })
    .catch(() => {});
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function screenshots(/** @type {import('playwright-core').Browser} */ browser, /** @type {string} */ appUrl) {
  const shots = [];
  for (const width of [320, 1280]) {
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      const context = await browser.newContext({
        viewport: { width, height: width === 320 ? 640 : 800 },
        deviceScaleFactor: width === 320 ? 2 : 1,
        colorScheme: scheme,
      });
      try {
        const page = await context.newPage();
        await page.goto(appUrl);
        await settle(page);
        const { overflow, culprits } = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          // The outermost elements that stick out past the viewport's right edge, and the container
          // they overflow (whose content is wider than itself): that is where to look.
          const wide = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > limit + 0.5);
          const outermost = wide.filter((el) => !wide.some((other) => other !== el && other.contains(el)));
          const describe = (/** @type {Element} */ el) => {
            const style = getComputedStyle(el);
            const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
            const grid = style.display.includes('grid') ? `, grid columns ${style.gridTemplateColumns}` : '';
            return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> ${Math.round(el.getBoundingClientRect().width)} px wide (${style.display}${grid})`;
          };
          const lines = outermost.slice(0, 4).map((el) => `${describe(el)} overflows ${el.parentElement ? describe(el.parentElement) : 'the page'}`);
          return { overflow: document.documentElement.scrollWidth - limit, culprits: lines };
        });
        const file = join(resultsDir, `keymint-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        shots.push({ file: relative(root, file), width, colorScheme: scheme, horizontalOverflowPx: overflow, overflowingElements: culprits });
      } finally {
        await context.close();
      }
    }
  }
  return shots;
}

/** The loop timed for PKCE, the same source in the browser and in Node. */
async function pkceLoop(/** @type {any} */ o, /** @type {number} */ n, /** @type {number} */ warmup) {
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

function pkceSummary(/** @type {{ times: number[], total: number }} */ run, /** @type {string} */ where, /** @type {string} */ timer) {
  return {
    where,
    what: 'generateRandomCodeVerifier() + await calculatePKCECodeChallenge(verifier), from oauth4webapi (the app’s own calls)',
    runs: run.times.length,
    medianMs: median(run.times),
    p95Ms: percentile(run.times, 95),
    meanMs: run.total / run.times.length,
    timer,
  };
}

async function pkceInBrowser(/** @type {import('playwright-core').Browser} */ browser, /** @type {string} */ origin) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/__bench/pkce.html`);
    const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const run = await page.evaluate(
      async ({ source, n, moduleUrl }) => {
        const o = await import(moduleUrl);
        // The same loop as in Node, passed as source text.
        const loop = (0, eval)(`(${source})`);
        return loop(o, n, 200);
      },
      { source: pkceLoop.toString(), n: PKCE_RUNS, moduleUrl: '/__bench/oauth4webapi.js' },
    );
    return pkceSummary(
      run,
      'browser (Chromium, Web Crypto, secure context on loopback)',
      isolated ? 'performance.now(), cross-origin isolated (5 µs resolution)' : 'performance.now() (100 µs resolution: not cross-origin isolated)',
    );
  } finally {
    await context.close();
  }
}

async function pkceInNode() {
  const o = await import('oauth4webapi');
  return pkceSummary(await pkceLoop(o, PKCE_RUNS, 200), `Node ${process.version} (globalThis.crypto)`, 'perf_hooks performance.now()');
}

/** Recorded in every page of the sign-in context; acts only on the app's callback document. */
const CALLBACK_PROBE = `(() => {
  if (!/[?&](code|error)=/.test(location.search)) return;
  const b = (window.__keymintBench = { callbackUrlSeen: true });
  const check = () => {
    if (b.inDom !== undefined) return;
    const el = document.querySelector('[data-testid="api-key"]');
    if (!el) return;
    const visible = typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
    if (!visible) return;
    b.inDom = performance.now();
    requestAnimationFrame(() => {
      b.frame = performance.now();
      observer.disconnect();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

async function signIns(/** @type {import('playwright-core').Browser} */ browser) {
  const { createStandin } = await import('../standin/openrouter.mjs');
  const standin = createStandin();
  const standinUrl = /** @type {string} */ (await standin.listen(0));
  onCleanup(() => standin.close());
  const outDir = await tempDir('keymint-bench-standin-');
  await buildKeymint({ openrouterUrl: standinUrl, outDir });
  const app = createPagesServer({ root: outDir, basePath: BASE_PATH });
  const appUrl = await app.listen(0);
  onCleanup(() => app.close());

  /** @type {Array<{ warmup: boolean, seenByDriverMs: number, keyInDom: number, keyFrame: number, documentFetchStart: number, documentResponseEnd: number, domContentLoaded: number | null, exchangeStart: number | null, exchangeEnd: number | null, assetsFromCache: number, assets: number }>} */
  const runs = [];
  for (let i = 0; i <= SIGNINS; i++) {
    // A fresh context per sign-in: the first visit starts cold, the return from the consent page
    // finds the assets in the HTTP cache, as a real user's would (Pages sends max-age=600).
    const context = await browser.newContext();
    try {
      await context.addInitScript(CALLBACK_PROBE);
      const page = await context.newPage();
      await page.goto(appUrl);
      await settle(page);
      await Promise.all([
        page.waitForURL((url) => url.href.startsWith(`${standinUrl}/auth`), { timeout: 15_000 }),
        page.getByRole('button', { name: 'Authorize' }).click(),
      ]);
      const clicked = performance.now();
      await page.getByRole('button', { name: 'Approve' }).click({ noWaitAfter: true });
      await page.getByTestId('api-key').waitFor({ state: 'visible', timeout: 20_000 });
      const seenByDriver = performance.now() - clicked;
      await page.waitForFunction(() => /** @type {any} */ (window).__keymintBench?.frame !== undefined, null, { timeout: 5_000 });
      const inPage = await page.evaluate(() => {
        const b = /** @type {any} */ (window).__keymintBench;
        const nav = /** @type {PerformanceNavigationTiming} */ (globalThis.performance.getEntriesByType('navigation')[0]);
        const resources = /** @type {PerformanceResourceTiming[]} */ (globalThis.performance.getEntriesByType('resource'));
        const exchange = resources.find((r) => r.name.includes('/api/v1/auth/keys'));
        const assets = resources.filter((r) => r.name.startsWith(location.origin) && /\.(js|css)(\?|$)/.test(r.name));
        return {
          keyInDom: b.inDom,
          keyFrame: b.frame,
          documentFetchStart: nav.fetchStart,
          documentResponseEnd: nav.responseEnd,
          domContentLoaded: nav.domContentLoadedEventEnd || null,
          exchangeStart: exchange ? exchange.startTime : null,
          exchangeEnd: exchange ? exchange.responseEnd : null,
          assetsFromCache: assets.filter((a) => a.transferSize === 0).length,
          assets: assets.length,
        };
      });
      runs.push({ warmup: i === 0, seenByDriverMs: seenByDriver, ...inPage });
    } finally {
      await context.close();
    }
  }
  const timed = runs.filter((r) => !r.warmup);
  const pick = (/** @type {(r: (typeof runs)[number]) => number | null} */ f) => stats(timed.map(f).filter((v) => typeof v === 'number'));
  return {
    method:
      'In the callback document, performance.now() (ms since that navigation started, i.e. since the Approve form submission that the stand-in answers with a 303 to the app) when a MutationObserver first sees [data-testid="api-key"] visible, and at the next animation frame. One warm-up sign-in, then fresh contexts; assets come from the HTTP cache on return, as after a real first visit.',
    standinUrl,
    appUrl,
    keyVisible: pick((r) => r.keyFrame),
    keyInDom: pick((r) => r.keyInDom),
    documentResponseEnd: pick((r) => r.documentResponseEnd),
    domContentLoaded: pick((r) => r.domContentLoaded),
    exchangeStart: pick((r) => r.exchangeStart),
    exchangeDuration: pick((r) => (r.exchangeEnd !== null && r.exchangeStart !== null ? r.exchangeEnd - r.exchangeStart : null)),
    approveClickToVisibleByDriver: pick((r) => r.seenByDriverMs),
    runs,
  };
}

// ---------------------------------------------------------------------------------------------
// The run.

async function main() {
  const startedAt = new Date();
  const chromium = await findChromium();
  const playwright = await loadPlaywright();
  const lighthouseTools = await loadLighthouse();
  const { runLighthouse } = await import('./bench/lighthouse.mjs');
  const browserVersion = await chromiumVersion(chromium.path);
  await mkdir(resultsDir, { recursive: true });

  const prodDir = await tempDir('keymint-bench-prod-');
  const oauthSource = await import('node:fs/promises').then((fs) => fs.readFile(require.resolve('oauth4webapi'), 'utf8'));
  const server = createPagesServer({
    root: prodDir,
    basePath: BASE_PATH,
    routes: {
      '/__bench/pkce.html': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>PKCE timing</title>',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      },
      '/__bench/oauth4webapi.js': { type: 'text/javascript; charset=utf-8', body: oauthSource },
    },
  });
  const appUrl = await server.listen(0);
  onCleanup(() => server.close());
  // Built for the address it is served at, as the Pages workflow does: the prerendered callback
  // URL is this page's, and the CSP lets Lighthouse read /robots.txt.
  log(`building for production (VITE_OPENROUTER_URL=https://openrouter.ai, KEYMINT_SITE_URL=${appUrl}) …`);
  await buildKeymint({ outDir: prodDir, siteUrl: appUrl });
  const build = await measureBuild(prodDir);

  const origin = new URL(appUrl).origin;

  const lighthouse = {
    mobile: await section('Lighthouse mobile', () =>
      runLighthouse({
        url: appUrl,
        preset: 'mobile',
        runs: LH_RUNS,
        chromePath: chromium.path,
        extraArgs: chromium.args,
        tools: lighthouseTools,
        onChrome: onCleanup,
      }),
    ),
    desktop: await section('Lighthouse desktop', () =>
      runLighthouse({
        url: appUrl,
        preset: 'desktop',
        runs: LH_RUNS,
        chromePath: chromium.path,
        extraArgs: chromium.args,
        tools: lighthouseTools,
        onChrome: onCleanup,
      }),
    ),
  };
  const reports = [];
  for (const [preset, result] of Object.entries(lighthouse)) {
    if (!result?.html) continue;
    const file = join(resultsDir, `lighthouse-${preset}.html`);
    await writeFile(file, result.html);
    reports.push(relative(root, file));
    delete result.html;
  }

  log('launching Chromium for the page measurements …');
  const browser = await playwright.chromium.launch({
    executablePath: chromium.path,
    headless: true,
    args: [...CHROMIUM_FLAGS.filter((f) => !f.startsWith('--headless')), ...chromium.args],
  });
  onCleanup(() => browser.close());

  const firstVisitBrowser = await section('first visit in Chromium', () => firstVisitInBrowser(browser, appUrl, build));
  const shots = await section('screenshots', () => screenshots(browser, appUrl));
  const pkce = {
    browser: await section('PKCE timing in the browser', () => pkceInBrowser(browser, origin)),
    node: await section('PKCE timing in Node', () => pkceInNode()),
  };
  const signIn = await section('timed sign-ins against the stand-in', () => signIns(browser));

  const m = lighthouse.mobile?.median;
  const d = lighthouse.desktop?.median;
  const checks = {
    firstVisitStatic: build.firstVisitStatic.gzip <= TARGETS.firstVisitGzip,
    firstVisitBrowser: firstVisitBrowser ? firstVisitBrowser.gzip <= TARGETS.firstVisitGzip : null,
    allJsCss: build.allJsCss.gzip <= TARGETS.allJsCssGzip,
    mobileCategories: m ? Object.values(m.scores).every((s) => s === TARGETS.lighthouseCategory) : null,
    mobileLcp: m?.metrics.lcp != null ? m.metrics.lcp < TARGETS.mobileLcpMs : null,
    noHorizontalOverflowAt320: shots
      ? shots.filter((/** @type {any} */ s) => s.width === 320).every((/** @type {any} */ s) => s.horizontalOverflowPx <= 0)
      : null,
  };

  const results = {
    generatedAt: startedAt.toISOString(),
    environment: {
      node: process.version,
      chromium: browserVersion ?? chromium.path,
      chromiumPath: chromium.path,
      chromiumSource: chromium.source,
      lighthouse: lighthouseTools.version,
      playwrightCore: require('playwright-core/package.json').version,
      server: `loopback, like GitHub Pages: gzip, Cache-Control max-age=600, ETag; app at ${BASE_PATH}`,
      openrouterUrl: 'https://openrouter.ai (production build; the timed sign-ins use a stand-in build)',
    },
    targets: TARGETS,
    checks,
    misses: Object.entries(checks)
      .filter(([, ok]) => ok === false)
      .map(([name]) => name),
    sizes: { ...build, firstVisitBrowser },
    lighthouse,
    lighthouseReports: reports,
    signIn,
    pkce,
    screenshots: shots,
    errors,
  };
  const jsonFile = join(resultsDir, 'results.json');
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(report(results, relative(root, jsonFile)));
  return Object.keys(errors).length === 0;
}

// ---------------------------------------------------------------------------------------------
// The printed report.

function report(/** @type {any} */ r, /** @type {string} */ jsonFile) {
  const out = [];
  const s = r.sizes;
  out.push(`Keymint benchmark, ${r.generatedAt}`);
  out.push(
    `  ${r.environment.chromium} · Lighthouse ${r.environment.lighthouse} · playwright-core ${r.environment.playwrightCore} · Node ${r.environment.node}`,
  );
  out.push(`  Production build served ${r.environment.server}`);
  out.push('');

  const list = (/** @type {Array<{ file?: string, gzip: number | null }>} */ files) => files.map((f) => `${f.file ?? '?'} ${f.gzip ?? '?'}`).join(' + ');
  const sizeRows = [
    [
      'First visit: HTML + JS + CSS it loads (build analysis)',
      bytes(s.firstVisitStatic.gzip),
      `≤ ${bytes(TARGETS.firstVisitGzip)}`,
      status(r.checks.firstVisitStatic),
    ],
    [
      'First visit: HTML + JS + CSS Chromium requested',
      s.firstVisitBrowser ? bytes(s.firstVisitBrowser.gzip) : 'ERROR',
      `≤ ${bytes(TARGETS.firstVisitGzip)}`,
      status(r.checks.firstVisitBrowser),
    ],
    ['All JS + CSS (lazy chunks included)', bytes(s.allJsCss.gzip), `≤ ${bytes(TARGETS.allJsCssGzip)}`, status(r.checks.allJsCss)],
    ['  of which JS / CSS', `${bytes(s.allJsCss.js)} / ${bytes(s.allJsCss.css)}`, '', ''],
    ['  index.html', bytes(s.html.gzip), '', ''],
    ['  lazy (not on first visit)', bytes(s.lazy.files.reduce((/** @type {number} */ t, /** @type {{ gzip: number }} */ f) => t + f.gzip, 0)), '', ''],
  ];
  const sizeNotes = [`build analysis: ${list(s.firstVisitStatic.files)}`];
  if (s.firstVisitBrowser) {
    sizeNotes.push(
      `Chromium:       ${list(s.firstVisitBrowser.files)} (${bytes(s.firstVisitBrowser.transferred)} on the wire with the server's gzip -6 and headers)`,
    );
    if (s.firstVisitBrowser.onlyInBrowser.length) sizeNotes.push(`only Chromium loaded: ${s.firstVisitBrowser.onlyInBrowser.join(', ')}`);
    if (s.firstVisitBrowser.onlyInBuildAnalysis.length) sizeNotes.push(`only the build analysis counts: ${s.firstVisitBrowser.onlyInBuildAnalysis.join(', ')}`);
    for (const p of s.firstVisitBrowser.problems.slice(0, 5)) sizeNotes.push(`! ${p}`);
  }
  if (s.lazy.files.length) sizeNotes.push(`lazy: ${list(s.lazy.files)}`);
  if (s.firstVisitStatic.unresolved.length) sizeNotes.push(`! unresolved references: ${s.firstVisitStatic.unresolved.join(', ')}`);
  out.push(table('Size (gzip -9 bytes)', ['Measure', 'Result', 'Target', ''], sizeRows, sizeNotes));

  const lm = r.lighthouse.mobile;
  const ld = r.lighthouse.desktop;
  if (lm || ld) {
    const score = (/** @type {any} */ x, /** @type {string} */ id) => {
      if (!x) return 'ERROR';
      const v = x.median.scores[id];
      const adj = x.median.scoresWithoutArtifacts[id];
      return v === null || v === undefined ? '—' : adj !== undefined ? `${v} (${adj}*)` : String(v);
    };
    const cat = (/** @type {string} */ id, /** @type {string} */ label) => {
      const v = lm?.median.scores[id];
      return [label, score(lm, id), score(ld, id), '100', lm ? status(v === 100) : ''];
    };
    const metric = (
      /** @type {string} */ key,
      /** @type {string} */ label,
      /** @type {(n: number) => string} */ fmt,
      /** @type {string} */ target,
      /** @type {boolean | null} */ ok,
    ) => [label, lm ? fmt(lm.median.metrics[key]) : 'ERROR', ld ? fmt(ld.median.metrics[key]) : 'ERROR', target, status(ok)];
    const rows = [
      cat('performance', 'Performance'),
      cat('accessibility', 'Accessibility'),
      cat('best-practices', 'Best practices'),
      cat('seo', 'SEO'),
      metric('fcp', 'First Contentful Paint', (n) => ms(n), '', null),
      metric('lcp', 'Largest Contentful Paint', (n) => ms(n), '< 1000 ms', r.checks.mobileLcp),
      metric('tbt', 'Total Blocking Time', (n) => ms(n), '', null),
      metric('cls', 'Cumulative Layout Shift', (n) => (typeof n === 'number' ? n.toFixed(3) : '—'), '', null),
      metric('bytes', 'Total byte weight (transferred)', (n) => bytes(n), '', null),
    ];
    const notes = [];
    const runsNote = (/** @type {any} */ x, /** @type {string} */ name) =>
      x
        ? `${name}: median of ${x.runs} run(s) (${x.median.throttlingMethod} throttling); performance ${x.ranges.performance?.min}–${x.ranges.performance?.max}, LCP ${ms(x.ranges.lcp?.min)}–${ms(x.ranges.lcp?.max)}, CLS ${x.ranges.cls?.min?.toFixed(3)}–${x.ranges.cls?.max?.toFixed(3)}`
        : `${name}: ERROR`;
    notes.push(runsNote(lm, 'mobile'), runsNote(ld, 'desktop'));
    const artifacts = new Set();
    for (const [name, x] of /** @type {Array<[string, any]>} */ ([
      ['mobile', lm],
      ['desktop', ld],
    ])) {
      if (!x) continue;
      for (const [categoryId, failing] of Object.entries(x.median.failing)) {
        for (const f of /** @type {any[]} */ (failing)) {
          if (f.artifact) artifacts.add(`* ${f.id}: ${f.artifact}`);
          notes.push(
            `${name} ${categoryId}: ${f.id} scored ${Math.round(f.score * 100)}${f.display ? ` (${String(f.display).slice(0, 90)})` : ''}${f.artifact ? ' [artifact]' : ''}`,
          );
        }
      }
      for (const w of x.median.runWarnings) notes.push(`! ${name}: ${String(w).slice(0, 160)}`);
    }
    notes.push(...[...artifacts].map((a) => String(a)), ...(r.lighthouseReports.length ? [`reports: ${r.lighthouseReports.join(', ')}`] : []));
    out.push(
      table('Lighthouse (mobile: default Moto G / slow 4G, simulated; desktop: desktop preset)', ['', 'Mobile', 'Desktop', 'Target (mobile)', ''], rows, notes),
    );
  }

  const si = r.signIn;
  if (si) {
    const row = (/** @type {string} */ label, /** @type {any} */ st) => [label, ms(st.median, 1), `${ms(st.min, 1)} – ${ms(st.max, 1)}`];
    out.push(
      table(
        `Callback to key on screen (${si.keyVisible.n} sign-ins against the local stand-in, after 1 warm-up)`,
        ['From the callback navigation start to …', 'Median', 'Min – max'],
        [
          row('key visible (next frame after it appears)', si.keyVisible),
          row('key element in the DOM and visible', si.keyInDom),
          row('  callback HTML received', si.documentResponseEnd),
          row('  DOMContentLoaded', si.domContentLoaded),
          row('  exchange POST started', si.exchangeStart),
          row('  exchange POST duration', si.exchangeDuration),
          row('Approve click to key visible, seen by the driver', si.approveClickToVisibleByDriver),
        ],
        ['navigation start = Approve form submission (POST to the stand-in, 303 to the callback); in-page performance.now()'],
      ),
    );
  } else out.push('Callback to key on screen: ERROR\n');

  const pk = [r.pkce.browser, r.pkce.node].filter(Boolean);
  if (pk.length) {
    out.push(
      table(
        `PKCE verifier + S256 challenge (oauth4webapi generateRandomCodeVerifier + calculatePKCECodeChallenge, ${PKCE_RUNS} runs)`,
        ['Where', 'Median', 'p95', 'Mean', 'Timer'],
        pk.map((p) => [p.where, us(p.medianMs), us(p.p95Ms), us(p.meanMs), p.timer]),
      ),
    );
  }
  if (!r.pkce.browser || !r.pkce.node) out.push(`PKCE timing: ERROR in ${!r.pkce.browser ? 'browser' : 'Node'}\n`);

  if (r.screenshots) {
    out.push(
      table(
        'Screenshots',
        ['File', 'Width', 'Scheme', 'Horizontal overflow'],
        r.screenshots.map((/** @type {any} */ x) => [
          x.file,
          `${x.width} px`,
          x.colorScheme,
          x.horizontalOverflowPx > 0 ? `${x.horizontalOverflowPx} px MISS` : 'none',
        ]),
        [
          ...new Set(
            r.screenshots.flatMap((/** @type {any} */ x) =>
              x.horizontalOverflowPx > 0 ? x.overflowingElements.map((/** @type {string} */ e) => `at ${x.width} px: ${e}`) : [],
            ),
          ),
        ],
      ),
    );
  } else out.push('Screenshots: ERROR\n');

  const misses = r.misses.length ? `MISSED: ${r.misses.join(', ')}` : 'All targets met.';
  out.push(misses);
  for (const [name, error] of Object.entries(r.errors)) out.push(`ERROR in ${name}: ${String(error).split('\n')[0]}`);
  out.push(`Results: ${jsonFile}`);
  return `${out.join('\n')}\n`;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  if (error instanceof SetupError) console.error(`\nnpm run bench cannot run: ${error.message}`);
  else console.error(error);
  ok = false;
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
