// @ts-check
// `npm test`: every Vitest project (unit, component, end-to-end in Chromium, build checks), then a
// final plain line "N passed, N failed" read from Vitest's JSON report, which CI looks for.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'keymint');
const report = join(cache, 'vitest-report.json');
const summaryFile = join(cache, 'test-summary.txt');
mkdirSync(cache, { recursive: true });
rmSync(report, { force: true });

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  skipped = result.numPendingTests + result.numTodoTests;
  // A suite that failed to load counts as a failure even though none of its tests ran.
  failed += result.testResults.filter(
    (/** @type {{ status: string, assertionResults: unknown[] }} */ file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
} catch {
  failed = Math.max(failed, 1);
}
// A full run must run everything: a skipped test is a hole in the suite.
if (args.length === 0 && skipped > 0) failed += skipped;
if (passed + failed === 0) failed = 1;

const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(summaryFile, `${summary}\n`);
console.log(summary);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
