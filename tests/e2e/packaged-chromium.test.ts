// The fallback for a machine where no browser was installed by hand: the Chromium that the optional
// @sparticuz/chromium npm package ships, found and launched exactly as the tests would find it there
// (system paths and CHROME_PATH skipped), running real flows, several browser contexts included
// (with that package's own --single-process flag, every context after the first closed).
import { crossEngineSuite } from './cross-engine';

crossEngineSuite('chromium', {
  packaged: true,
  flows: [
    'mints through a redirect with every field',
    'shows a denial and exchanges nothing',
    'mints through a popup from a docs page on another site, with the popup blocker on',
  ],
});
