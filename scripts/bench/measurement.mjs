// @ts-check
// What the benchmark hands every measurement, and what a measurement is. To add one: write a
// module whose default export is `defineMeasurement({ … })` and list it in scripts/bench.mjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_CHROMIUM_FLAGS } from '../browsers.mjs';

/** The flags of every Chromium the bench starts (Lighthouse adds --headless=new): no calls home. */
export const BENCH_CHROMIUM_FLAGS = [
  ...BASE_CHROMIUM_FLAGS,
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
];

/**
 * @typedef {object} Bench
 * @property {string} root the repository
 * @property {string} resultsDir where files a measurement writes go (bench/results/)
 * @property {import('../browsers.mjs').FoundChromium} chromium the Chromium every measurement uses
 * @property {string} prodDir the production build (VITE_OPENROUTER_URL=https://openrouter.ai), built for `appUrl`
 * @property {string} appUrl where it is served, as GitHub Pages serves it (gzip, max-age=600, ETag), ending in the base path
 * @property {() => Promise<import('playwright-core').Browser>} browser one headless Chromium for the page measurements, launched on first use
 * @property {() => Promise<{ standinUrl: string, appUrl: string }>} standinApp a build against a local OpenRouter stand-in, served like Pages; made on first use
 * @property {(fn: () => unknown) => () => void} onCleanup runs `fn` when the bench ends (also on Ctrl+C); returns a function that forgets it
 * @property {(prefix: string) => Promise<string>} tempDir a temporary directory removed at the end
 * @property {(message: string) => void} log progress, on stderr
 */

/**
 * One measurement: `run` takes it, `checks` compares it with its targets (false is a MISS, which
 * does not fail the run; null means not checked), `report` prints it as a section of the table.
 * A `run` that throws is reported as an error, and the others still run.
 * @template T
 * @typedef {object} Measurement
 * @property {string} key its key in results.json
 * @property {string} title what the progress log and errors call it
 * @property {(bench: Bench) => Promise<T>} run
 * @property {(result: T) => Record<string, boolean | null>} [checks]
 * @property {(result: T) => string} report
 */

/**
 * @template T
 * @param {Measurement<T>} measurement
 * @returns {Measurement<T>}
 */
export const defineMeasurement = (measurement) => measurement;

/** Thrown when the bench cannot run at all (no browser, no tool): the message says what to install. */
export class SetupError extends Error {}

/** Cleanups registered by anything the bench starts; all run at the end, on error and on Ctrl+C. */
export function cleanupRegistry() {
  /** @type {Array<() => unknown>} */
  const cleanups = [];
  return {
    /** @param {() => unknown} fn */
    onCleanup(fn) {
      cleanups.push(fn);
      return () => {
        const i = cleanups.indexOf(fn);
        if (i >= 0) cleanups.splice(i, 1);
      };
    },
    async cleanup() {
      for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) {
        try {
          await fn();
        } catch {}
      }
    },
    /** @param {string} prefix */
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}

/** @param {string | undefined} raw @param {number} fallback */
export function positiveInt(raw, fallback) {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** @param {number[]} values */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** @param {number[]} values @param {number} p */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? null) : null;
}

/** @typedef {{ n: number, median: number | null, min: number | null, max: number | null }} Stats */
/** @param {number[]} values @returns {Stats} */
export function stats(values) {
  return { n: values.length, median: median(values), min: values.length ? Math.min(...values) : null, max: values.length ? Math.max(...values) : null };
}
