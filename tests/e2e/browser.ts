// The Chromium the end-to-end tests drive, found by scripts/browsers.mjs (CHROME_PATH, an installed
// one, else the one the optional @sparticuz/chromium package ships). No browser is a failure.
import { chromium, type Browser } from 'playwright-core';
import { BASE_CHROMIUM_FLAGS, findChromium } from '../../scripts/browsers.mjs';

const CHROMIUM_FLAGS = [
  ...BASE_CHROMIUM_FLAGS,
  // Playwright's own --disable-features list also turns off third-party storage partitioning, which
  // real Chromium has on, and without which a framed page's Web Storage throws. The last
  // --disable-features wins, so this one repeats Playwright's list without that entry.
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,' +
    'HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,' +
    'OptimizationHints,NetworkTimeServiceQuerying,Translate',
];

export interface LaunchOptions {
  /** More command-line switches, after the shared ones (a later switch of the same name wins). */
  args?: string[];
  /** Keep the back/forward cache on, as readers have it; Playwright turns it off by default. */
  bfcache?: boolean;
  /** Only the Chromium the @sparticuz/chromium npm package ships, as on a machine with no browser installed. */
  packaged?: boolean;
}

/** A headless Chromium with the popup blocker on, as readers have it, and optionally the back/forward cache. */
export async function launchChromium({ args: extra = [], bfcache = false, packaged }: LaunchOptions = {}): Promise<Browser> {
  const { path, args } = await findChromium(packaged === undefined ? {} : { packaged });
  const ignoreDefaultArgs = ['--disable-popup-blocking', ...(bfcache ? ['--disable-back-forward-cache'] : [])];
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_FLAGS, ...args, ...extra], ignoreDefaultArgs });
}
