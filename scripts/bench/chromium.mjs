// @ts-check
// Finds the Chromium to benchmark with, the same way tests/e2e/browser.ts does (CHROME_PATH, then
// an installed Chromium or Chrome, then the optional @sparticuz/chromium package), and loads the
// optional tools with a message that says how to get them when they are missing.
import { access, constants } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { BASE_CHROMIUM_FLAGS, INSTALLED_CHROMIUMS as INSTALLED } from '../chromium.mjs';

/** The flags every benchmark browser gets: headless, and no calls home (this may run offline). */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  ...BASE_CHROMIUM_FLAGS,
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
];

export class SetupError extends Error {}

const executable = (/** @type {string} */ path) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** @returns {Promise<{ path: string, args: string[], source: string }>} */
export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (await executable(fromEnv)) return { path: fromEnv, args: [], source: 'CHROME_PATH' };
    throw new SetupError(`CHROME_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  for (const path of INSTALLED) if (await executable(path)) return { path, args: [], source: 'installed' };
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), args: ['--no-zygote'], source: '@sparticuz/chromium' };
  } catch (error) {
    throw new SetupError(
      'No Chromium found for the benchmark. Install one:\n' +
        '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium   (gives /usr/bin/chromium)\n' +
        '  or point CHROME_PATH at any Chrome/Chromium binary, e.g. CHROME_PATH=$(command -v google-chrome) npm run bench\n' +
        `(${String(error)})`,
    );
  }
}

/** `Chromium 156.0…` or undefined. */
export function chromiumVersion(/** @type {string} */ path) {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

/** @returns {Promise<typeof import('playwright-core')>} */
export async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new SetupError(`playwright-core is not installed. Run \`npm ci\` (it is a dev dependency). (${String(error)})`);
  }
}

/**
 * Lighthouse, its desktop preset and chrome-launcher (resolved from Lighthouse's own dependencies).
 */
export async function loadLighthouse() {
  const hint = 'Lighthouse 12 is not installed. Run `npm ci`, or `npm i -D lighthouse@12`.';
  let lighthouse;
  let desktopConfig;
  let version;
  let launcher;
  try {
    lighthouse = (await import('lighthouse')).default;
    desktopConfig = (await import('lighthouse/core/config/desktop-config.js')).default;
    const require = createRequire(import.meta.url);
    const pkgPath = require.resolve('lighthouse/package.json');
    version = require(pkgPath).version;
    const fromLighthouse = createRequire(pkgPath);
    launcher = await import(pathToFileURL(fromLighthouse.resolve('chrome-launcher')).href);
  } catch (error) {
    throw new SetupError(`${hint} (${String(error)})`);
  }
  if (!String(version).startsWith('12.')) throw new SetupError(`${hint} Found lighthouse ${version}.`);
  return { lighthouse, desktopConfig, version: String(version), launcher };
}
