// @ts-check
// Lighthouse 12 through its Node API, mobile and desktop, against a Chromium started by
// chrome-launcher with the bench's offline flags. Each run gets a fresh browser; the reported run
// is Lighthouse's own median run (by FCP and TTI) over the runs of one preset. The median run's
// HTML report is written to bench/results/.
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_CHROMIUM_FLAGS, SetupError, defineMeasurement, positiveInt } from './measurement.mjs';
import { bytes, ms, status, table } from './table.mjs';

/** @typedef {import('lighthouse').Result} LighthouseResult */

const RUNS = positiveInt(process.env.BENCH_LH_RUNS, 3);
const TARGETS = { category: 100, mobileLcpMs: 1000 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** @type {Record<string, string>} */
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
  bytes: 'total-byte-weight',
};

/** Flags for the browsers Lighthouse starts: chrome-launcher starts them headful by default. */
const FLAGS = ['--headless=new', ...BENCH_CHROMIUM_FLAGS];

/** Lighthouse, its desktop preset and chrome-launcher (resolved from Lighthouse's own dependencies). */
async function loadLighthouse() {
  const hint = 'Lighthouse 12 is not installed. Run `npm ci`, or `npm i -D lighthouse@12`.';
  try {
    const lighthouse = (await import('lighthouse')).default;
    const desktopConfig = (await import('lighthouse/core/config/desktop-config.js')).default;
    const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');
    const require = createRequire(import.meta.url);
    const pkgPath = require.resolve('lighthouse/package.json');
    const version = String(require(pkgPath).version);
    if (!version.startsWith('12.')) throw new Error(`found lighthouse ${version}`);
    /** @type {typeof import('chrome-launcher')} */
    const launcher = await import(pathToFileURL(createRequire(pkgPath).resolve('chrome-launcher')).href);
    return { lighthouse, desktopConfig, computeMedianRun, version, launcher };
  } catch (error) {
    throw new SetupError(`${hint} (${String(error)})`);
  }
}

/**
 * Audits that fail for a reason outside the page under test, with why. Lighthouse fetches
 * /robots.txt from inside the page, so a CSP whose connect-src does not allow the page's own
 * origin blocks the fetch and the audit reports "unable to download" (GoogleChrome/lighthouse
 * issues 4386 and 6275). Real crawlers are not subject to the page's CSP.
 * @type {Record<string, (audit: LighthouseResult['audits'][string]) => string | undefined>}
 */
const ARTIFACTS = {
  'robots-txt': (audit) =>
    /unable to download/i.test(audit.explanation ?? '')
      ? "Lighthouse fetches /robots.txt from inside the page; the page's CSP blocked that fetch. Crawlers are not affected (lighthouse#4386)."
      : undefined,
};

/** @typedef {{ id: string, title: string, score: number, display?: string | undefined, artifact?: string | undefined }} Failing */

/** The summary the bench keeps of one Lighthouse result. @param {LighthouseResult} lhr */
function summarize(lhr) {
  /** @type {Record<string, number | null>} */
  const scores = {};
  /** @type {Record<string, number | null>} the category's score without the audits that failed as artifacts */
  const scoresWithoutArtifacts = {};
  /** @type {Record<string, Failing[]>} */
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = typeof category?.score === 'number' ? Math.round(category.score * 100) : null;
    const fails = (failing[id] = /** @type {Failing[]} */ ([]));
    const artifacts = new Set();
    let weight = 0;
    let total = 0;
    for (const ref of category?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!ref.weight || typeof audit?.score !== 'number') continue;
      const artifact = audit.score < 1 ? ARTIFACTS[ref.id]?.(audit) : undefined;
      if (artifact) artifacts.add(ref.id);
      else {
        weight += ref.weight;
        total += ref.weight * audit.score;
      }
      if (audit.score < 1) fails.push({ id: ref.id, title: audit.title, score: audit.score, display: audit.displayValue || audit.explanation, artifact });
    }
    if (artifacts.size) scoresWithoutArtifacts[id] = weight ? Math.round((total / weight) * 100) : null;
  }
  /** @type {Record<string, number | null>} */
  const metrics = {};
  for (const [name, id] of Object.entries(METRICS)) metrics[name] = lhr.audits[id]?.numericValue ?? null;
  return {
    scores,
    scoresWithoutArtifacts,
    metrics,
    failing,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    throttlingMethod: lhr.configSettings?.throttlingMethod,
    runWarnings: lhr.runWarnings ?? [],
    runtimeError: lhr.runtimeError?.message,
  };
}

/** @typedef {{ min: number, max: number } | null} Range */

/**
 * @param {import('./measurement.mjs').Bench} bench
 * @param {Awaited<ReturnType<typeof loadLighthouse>>} tools
 * @param {'mobile' | 'desktop'} preset
 */
async function runPreset(bench, tools, preset) {
  /** @type {Array<{ lhr: LighthouseResult, html: string }>} */
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    bench.log(`Lighthouse ${preset}, run ${i + 1} of ${RUNS} …`);
    const chrome = await tools.launcher.launch({
      chromePath: bench.chromium.path,
      chromeFlags: [...FLAGS, ...bench.chromium.args],
      logLevel: 'silent',
      handleSIGINT: false,
    });
    const forget = bench.onCleanup(() => chrome.kill());
    try {
      const result = await tools.lighthouse(
        bench.appUrl,
        { port: chrome.port, output: ['json', 'html'], logLevel: 'error' },
        preset === 'desktop' ? tools.desktopConfig : undefined,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      const reports = Array.isArray(result.report) ? result.report : [result.report];
      results.push({ lhr: result.lhr, html: String(reports[1] ?? '') });
    } finally {
      chrome.kill();
      forget();
    }
  }
  const valid = results.filter((r) => !r.lhr.runtimeError);
  const chosen = valid.length ? (results.find((r) => r.lhr === tools.computeMedianRun(valid.map((v) => v.lhr))) ?? valid[0]) : results[0];
  if (!chosen) throw new Error(`no Lighthouse ${preset} run`);
  const report = join(bench.resultsDir, `lighthouse-${preset}.html`);
  await writeFile(report, chosen.html);
  const all = results.map((r) => summarize(r.lhr));
  /** @returns {Range} */
  const range = (/** @type {(s: ReturnType<typeof summarize>) => number | null | undefined} */ pick) => {
    const values = all.map(pick).filter((v) => typeof v === 'number');
    return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
  };
  return {
    preset,
    runs: results.length,
    median: summarize(chosen.lhr),
    ranges: {
      performance: range((s) => s.scores.performance),
      lcp: range((s) => s.metrics.lcp),
      cls: range((s) => s.metrics.cls),
    },
    report: relative(bench.root, report),
  };
}

/** @typedef {Awaited<ReturnType<typeof runPreset>>} PresetResult */

export default defineMeasurement({
  key: 'lighthouse',
  title: 'Lighthouse',
  async run(bench) {
    const tools = await loadLighthouse();
    return { version: tools.version, mobile: await runPreset(bench, tools, 'mobile'), desktop: await runPreset(bench, tools, 'desktop') };
  },
  checks: ({ mobile }) => ({
    mobileCategories: Object.values(mobile.median.scores).every((s) => s === TARGETS.category),
    mobileLcp: mobile.median.metrics.lcp != null ? mobile.median.metrics.lcp < TARGETS.mobileLcpMs : null,
  }),
  report({ version, mobile, desktop }) {
    /** @param {PresetResult} x @param {string} id */
    const score = (x, id) => {
      const v = x.median.scores[id];
      const adjusted = x.median.scoresWithoutArtifacts[id];
      return v == null ? '—' : adjusted !== undefined ? `${v} (${adjusted}*)` : String(v);
    };
    /** @param {string} id @param {string} label */
    const category = (id, label) => [
      label,
      score(mobile, id),
      score(desktop, id),
      String(TARGETS.category),
      status(mobile.median.scores[id] === TARGETS.category),
    ];
    /** @param {string} key @param {string} label @param {(n: number | null | undefined) => string} format @param {string} [target] @param {boolean | null} [ok] */
    const metric = (key, label, format, target = '', ok = null) => [
      label,
      format(mobile.median.metrics[key]),
      format(desktop.median.metrics[key]),
      target,
      status(ok),
    ];
    const lcp = mobile.median.metrics.lcp;
    const rows = [
      category('performance', 'Performance'),
      category('accessibility', 'Accessibility'),
      category('best-practices', 'Best practices'),
      category('seo', 'SEO'),
      metric('fcp', 'First Contentful Paint', (n) => ms(n)),
      metric('lcp', 'Largest Contentful Paint', (n) => ms(n), `< ${TARGETS.mobileLcpMs} ms`, lcp == null ? null : lcp < TARGETS.mobileLcpMs),
      metric('tbt', 'Total Blocking Time', (n) => ms(n)),
      metric('cls', 'Cumulative Layout Shift', (n) => (typeof n === 'number' ? n.toFixed(3) : '—')),
      metric('bytes', 'Total byte weight (transferred)', (n) => bytes(n)),
    ];
    const notes = [];
    const artifacts = new Set();
    for (const x of [mobile, desktop]) {
      const { performance, lcp: l, cls } = x.ranges;
      notes.push(
        `${x.preset}: median of ${x.runs} run(s) (${x.median.throttlingMethod} throttling); performance ${performance?.min}–${performance?.max}, LCP ${ms(l?.min)}–${ms(l?.max)}, CLS ${cls?.min.toFixed(3)}–${cls?.max.toFixed(3)}`,
      );
      for (const [categoryId, failing] of Object.entries(x.median.failing)) {
        for (const f of failing) {
          if (f.artifact) artifacts.add(`* ${f.id}: ${f.artifact}`);
          notes.push(
            `${x.preset} ${categoryId}: ${f.id} scored ${Math.round(f.score * 100)}${f.display ? ` (${f.display.slice(0, 90)})` : ''}${f.artifact ? ' [artifact]' : ''}`,
          );
        }
      }
      for (const w of x.median.runWarnings) notes.push(`! ${x.preset}: ${String(w).slice(0, 160)}`);
    }
    notes.push(...artifacts, `reports: ${mobile.report}, ${desktop.report}`);
    return table(
      `Lighthouse ${version} (mobile: default Moto G / slow 4G, simulated; desktop: desktop preset)`,
      ['', 'Mobile', 'Desktop', 'Target (mobile)', ''],
      rows,
      notes,
    );
  },
});
