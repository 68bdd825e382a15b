// Finds a Chromium to drive: CHROME_PATH, else one installed on the machine, else the one the
// optional @sparticuz/chromium package ships inside its npm tarball. No browser is a failure.
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { BASE_CHROMIUM_FLAGS, INSTALLED_CHROMIUMS as INSTALLED } from '../../scripts/chromium.mjs';

export const CHROMIUM_FLAGS = [
  ...BASE_CHROMIUM_FLAGS,
  // Playwright's own --disable-features list also turns off third-party storage partitioning, which
  // real Chromium has on, and without which a framed page's Web Storage throws. The last
  // --disable-features wins, so this one repeats Playwright's list without that entry.
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,' +
    'HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,' +
    'OptimizationHints,NetworkTimeServiceQuerying,Translate',
];

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

export async function findChromium(): Promise<{ path: string; args: string[] }> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (await executable(fromEnv)) return { path: fromEnv, args: [] };
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  for (const path of INSTALLED) if (await executable(path)) return { path, args: [] };
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), args: ['--no-zygote'] };
  } catch (error) {
    throw new Error(
      'No Chromium for the end-to-end tests. Set CHROME_PATH, install Debian’s chromium package, ' +
        `or let npm install the optional @sparticuz/chromium dependency. (${String(error)})`,
    );
  }
}

export interface LaunchOptions {
  /** More command-line switches, after the shared ones (a later switch of the same name wins). */
  args?: string[];
  /** Keep the back/forward cache on, as readers have it; Playwright turns it off by default. */
  bfcache?: boolean;
}

/** A headless Chromium with the popup blocker on, as readers have it, and optionally the back/forward cache. */
export async function launchChromium({ args: extra = [], bfcache = false }: LaunchOptions = {}): Promise<Browser> {
  const { path, args } = await findChromium();
  const ignoreDefaultArgs = ['--disable-popup-blocking', ...(bfcache ? ['--disable-back-forward-cache'] : [])];
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_FLAGS, ...args, ...extra], ignoreDefaultArgs });
}
