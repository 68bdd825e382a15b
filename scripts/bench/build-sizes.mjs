// @ts-check
// The production build's sizes (scripts/sizes.mjs, as `npm test` measures them) against the budget.
import { JS_CSS_BUDGET, measureBuild } from '../sizes.mjs';
import { defineMeasurement } from './measurement.mjs';
import { bytes, status, table } from './table.mjs';

export default defineMeasurement({
  key: 'sizes',
  title: 'build sizes',
  run: (bench) => measureBuild(bench.prodDir),
  checks: (sizes) => ({ allJsCss: sizes.jsCss.gzip <= JS_CSS_BUDGET }),
  report: (sizes) =>
    table(
      'Size (gzip -9 bytes)',
      ['Measure', 'Result', 'Target', ''],
      [
        ['All JS + CSS (inlined stylesheet included)', bytes(sizes.jsCss.gzip), `≤ ${bytes(JS_CSS_BUDGET)}`, status(sizes.jsCss.gzip <= JS_CSS_BUDGET)],
        ['  of which JS / CSS', `${bytes(sizes.jsCss.js)} / ${bytes(sizes.jsCss.css)}`, '', ''],
        ['  index.html', bytes(sizes.html.gzip), '', ''],
      ],
      sizes.files.filter((f) => f.kind === 'js' || f.kind === 'css').map((f) => `${f.file} ${bytes(f.gzip)}`),
    ),
});
