// @ts-check
// Lighthouse 12 through its Node API, against a Chromium started by chrome-launcher with the
// benchmark's offline flags. Each run gets a fresh browser; the reported run is Lighthouse's own
// median run (by FCP and TTI) over the runs of one preset.
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM_FLAGS } from './chromium.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
  bytes: 'total-byte-weight',
};

/**
 * Audits that fail for a reason outside the page under test, with why. Lighthouse fetches
 * /robots.txt from inside the page, so a CSP whose connect-src does not allow the page's own
 * origin blocks the fetch and the audit reports "unable to download" (GoogleChrome/lighthouse
 * issues 4386 and 6275). Real crawlers are not subject to the page's CSP.
 * @type {Record<string, (audit: any) => string | undefined>}
 */
const ARTIFACTS = {
  'robots-txt': (audit) =>
    /unable to download/i.test(audit.explanation ?? '')
      ? "Lighthouse fetches /robots.txt from inside the page; Keymint's CSP (connect-src = OpenRouter API only) blocks that fetch. Crawlers are not affected (lighthouse#4386)."
      : undefined,
};

/** The category's score computed without the audits that failed as artifacts. */
function scoreWithout(/** @type {any} */ category, /** @type {any} */ audits, /** @type {Set<string>} */ skip) {
  let weight = 0;
  let total = 0;
  for (const ref of category.auditRefs) {
    const audit = audits[ref.id];
    if (!ref.weight || skip.has(ref.id) || audit?.score === null || audit?.score === undefined) continue;
    weight += ref.weight;
    total += ref.weight * audit.score;
  }
  return weight ? Math.round((total / weight) * 100) : null;
}

/** The summary the benchmark keeps of one Lighthouse result. */
export function summarize(/** @type {any} */ lhr) {
  /** @type {Record<string, number | null>} */
  const scores = {};
  /** @type {Record<string, number | null>} */
  const adjusted = {};
  /** @type {Record<string, Array<{ id: string, title: string, score: number, display?: string, artifact?: string }>>} */
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category?.score === null || category?.score === undefined ? null : Math.round(category.score * 100);
    failing[id] = [];
    const artifacts = new Set();
    for (const ref of category?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!ref.weight || audit?.score === null || audit?.score === undefined || audit.score >= 1) continue;
      const artifact = ARTIFACTS[ref.id]?.(audit);
      if (artifact) artifacts.add(ref.id);
      failing[id].push({ id: ref.id, title: audit.title, score: audit.score, display: audit.displayValue || audit.explanation, artifact });
    }
    if (artifacts.size) adjusted[id] = scoreWithout(category, lhr.audits, artifacts);
  }
  /** @type {Record<string, number | null>} */
  const metrics = {};
  for (const [name, id] of Object.entries(METRICS)) metrics[name] = lhr.audits[id]?.numericValue ?? null;
  return {
    scores,
    scoresWithoutArtifacts: adjusted,
    metrics,
    failing,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    throttlingMethod: lhr.configSettings?.throttlingMethod,
    formFactor: lhr.configSettings?.formFactor,
    runWarnings: lhr.runWarnings ?? [],
    runtimeError: lhr.runtimeError?.message,
  };
}

/**
 * @param {{ url: string, preset: 'mobile' | 'desktop', runs: number, chromePath: string, extraArgs: string[],
 *   tools: Awaited<ReturnType<typeof import('./chromium.mjs').loadLighthouse>>, onChrome?: (kill: () => Promise<void>) => () => void }} options
 */
export async function runLighthouse({ url, preset, runs, chromePath, extraArgs, tools, onChrome }) {
  const config = preset === 'desktop' ? tools.desktopConfig : undefined;
  /** @type {Array<{ lhr: any, html: string }>} */
  const results = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await tools.launcher.launch({ chromePath, chromeFlags: [...CHROMIUM_FLAGS, ...extraArgs], logLevel: 'silent', handleSIGINT: false });
    const forget = onChrome?.(async () => chrome.kill()) ?? (() => {});
    try {
      const result = await tools.lighthouse(url, { port: chrome.port, output: ['json', 'html'], logLevel: 'error' }, config);
      if (!result) throw new Error('Lighthouse returned no result');
      const reports = Array.isArray(result.report) ? result.report : [result.report];
      results.push({ lhr: result.lhr, html: String(reports[1] ?? '') });
    } finally {
      await chrome.kill();
      forget();
    }
  }
  const valid = results.filter((r) => !r.lhr.runtimeError);
  const median = valid.length ? computeMedianRun(valid.map((r) => r.lhr)) : results[0]?.lhr;
  const chosen = results.find((r) => r.lhr === median) ?? results[0];
  const all = results.map((r) => summarize(r.lhr));
  const range = (/** @type {(s: ReturnType<typeof summarize>) => number | null} */ pick) => {
    const values = all.map(pick).filter((v) => typeof v === 'number');
    return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
  };
  return {
    preset,
    runs: results.length,
    median: summarize(chosen?.lhr),
    ranges: {
      performance: range((s) => s.scores.performance ?? null),
      lcp: range((s) => s.metrics.lcp ?? null),
      fcp: range((s) => s.metrics.fcp ?? null),
      tbt: range((s) => s.metrics.tbt ?? null),
      cls: range((s) => s.metrics.cls ?? null),
    },
    html: chosen?.html ?? '',
  };
}
