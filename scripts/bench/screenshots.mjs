// @ts-check
// Screenshots at 320 and 1280 px, light and dark, and any horizontal overflow with the elements
// that cause it.
import { join, relative } from 'node:path';
import { defineMeasurement } from './measurement.mjs';
import { settle } from './page.mjs';
import { table } from './table.mjs';

export default defineMeasurement({
  key: 'screenshots',
  title: 'screenshots',
  async run(bench) {
    const browser = await bench.browser();
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
          await page.goto(bench.appUrl);
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
          const file = join(bench.resultsDir, `keymint-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          shots.push({ file: relative(bench.root, file), width, colorScheme: scheme, horizontalOverflowPx: overflow, overflowingElements: culprits });
        } finally {
          await context.close();
        }
      }
    }
    return shots;
  },
  checks: (shots) => ({ noHorizontalOverflowAt320: shots.filter((s) => s.width === 320).every((s) => s.horizontalOverflowPx <= 0) }),
  report: (shots) =>
    table(
      'Screenshots',
      ['File', 'Width', 'Scheme', 'Horizontal overflow'],
      shots.map((x) => [x.file, `${x.width} px`, x.colorScheme, x.horizontalOverflowPx > 0 ? `${x.horizontalOverflowPx} px MISS` : 'none']),
      [...new Set(shots.flatMap((x) => (x.horizontalOverflowPx > 0 ? x.overflowingElements.map((e) => `at ${x.width} px: ${e}`) : [])))],
    ),
});
