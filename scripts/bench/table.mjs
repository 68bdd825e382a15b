// @ts-check
// Plain-text tables for the benchmark's report: columns padded to their widest cell, numbers
// right-aligned, one blank line between sections.

/** @param {number | null | undefined} n */
export const bytes = (n) => (typeof n === 'number' ? `${n.toLocaleString('en-US')} B` : '—');
/** @param {number | null | undefined} n @param {number} [digits] */
export const ms = (n, digits = 0) => (typeof n === 'number' ? `${n.toFixed(digits)} ms` : '—');
/** @param {number | null | undefined} n */
export const us = (n) => (typeof n === 'number' ? `${(n * 1000).toFixed(1)} µs` : '—');
export const status = (/** @type {boolean | null | undefined} */ ok) => (ok === null || ok === undefined ? '' : ok ? 'ok' : 'MISS');

const numeric = (/** @type {string} */ cell) => /^[<≤>≥~]?\s?[-\d.,]+(\s?(B|KiB|ms|µs|%|x))?$/.test(cell.trim());

/**
 * @param {string} title
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {string[]} [notes] lines printed under the table, indented
 */
export function table(title, header, rows, notes = []) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r, /** @type {boolean} */ head) =>
    '  ' +
    r
      .map((cell, i) => {
        const c = cell ?? '';
        return !head && i > 0 && numeric(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0);
      })
      .join('   ')
      .trimEnd();
  const rule = '  ' + widths.map((w) => '-'.repeat(w)).join('   ');
  return [title, line(header, true), rule, ...rows.map((r) => line(r, false)), ...notes.map((n) => `    ${n}`), ''].join('\n');
}
