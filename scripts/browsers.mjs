// @ts-check
// Where each browser engine is found, shared by the end-to-end tests and the benchmark. A browser
// that is missing is an error naming what to install, never a reason to skip.
//
// Chromium: CHROME_PATH, else one installed on the machine, else the one the optional
// @sparticuz/chromium npm package ships inside its tarball. KEYMINT_CHROMIUM=packaged skips the
// first two, as on a machine where no browser was installed by hand.
// Firefox: FIREFOX_PATH, else Debian's firefox-esr (or another installed Firefox).
// WebKit: WEBKIT_DRIVER_PATH, else Debian's WebKitWebDriver (webkit2gtk-driver), with the MiniBrowser
// of libwebkit2gtk-4.1 and Xvfb for its display.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox'];
const WEBKIT_DRIVER_PATHS = ['/usr/bin/WebKitWebDriver', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver'];
const WEBKIT_BROWSER_PATHS = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'];
const XVFB_PATHS = ['/usr/bin/Xvfb'];

/** What to install for each engine, as `.ci/run` does on Debian (as root). */
const INSTALL_HINTS = {
  chromium: 'apt-get install -y --no-install-recommends chromium (or set CHROME_PATH, or let npm install the optional @sparticuz/chromium)',
  firefox: 'apt-get install -y --no-install-recommends firefox-esr (or set FIREFOX_PATH to a Firefox 129 or later)',
  webkit: 'apt-get install -y --no-install-recommends webkit2gtk-driver xvfb (or set WEBKIT_DRIVER_PATH)',
};

/** Headless Chromium flags for every run here: no sandbox (root), and no calls home (this machine may be offline). */
export const BASE_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
];

export class BrowserMissing extends Error {}

const executable = (/** @type {string} */ path) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** @param {string[]} paths @returns {Promise<string | undefined>} */
async function firstExecutable(paths) {
  for (const path of paths) if (await executable(path)) return path;
  return undefined;
}

/** @param {string} variable @returns {Promise<string | undefined>} the variable's path, if set; throws when it is no executable */
async function fromEnv(variable) {
  const path = process.env[variable];
  if (!path) return undefined;
  if (await executable(path)) return path;
  throw new BrowserMissing(`${variable} is set to ${path}, which is not an executable file.`);
}

/**
 * @typedef {{ path: string, args: string[], source: 'CHROME_PATH' | 'installed' | '@sparticuz/chromium' }} FoundChromium
 * @param {{ packaged?: boolean }} [options] packaged: only the npm-shipped one (also KEYMINT_CHROMIUM=packaged)
 * @returns {Promise<FoundChromium>}
 */
export async function findChromium({ packaged = process.env.KEYMINT_CHROMIUM === 'packaged' } = {}) {
  if (!packaged) {
    const env = await fromEnv('CHROME_PATH');
    if (env) return { path: env, args: [], source: 'CHROME_PATH' };
    const installed = await firstExecutable(CHROMIUM_PATHS);
    if (installed) return { path: installed, args: [], source: 'installed' };
  }
  try {
    const { default: shipped } = await import('@sparticuz/chromium');
    // Its own default flags include --single-process, with which every browser context after the
    // first closes; only the zygote is left out (it cannot start in a container without namespaces).
    return { path: await shipped.executablePath(), args: ['--no-zygote'], source: '@sparticuz/chromium' };
  } catch (error) {
    throw new BrowserMissing(`No Chromium found. Install one: ${INSTALL_HINTS.chromium}. (${String(error)})`);
  }
}

/** @returns {Promise<string>} the Firefox binary */
export async function findFirefox() {
  const path = (await fromEnv('FIREFOX_PATH')) ?? (await firstExecutable(FIREFOX_PATHS));
  if (!path) throw new BrowserMissing(`No Firefox found. Install it: ${INSTALL_HINTS.firefox}.`);
  return path;
}

/** @returns {Promise<{ driver: string, browser: string, xvfb: string }>} WebKitWebDriver, the MiniBrowser it drives, and Xvfb */
export async function findWebKit() {
  const driver = (await fromEnv('WEBKIT_DRIVER_PATH')) ?? (await firstExecutable(WEBKIT_DRIVER_PATHS));
  const browser = await firstExecutable(WEBKIT_BROWSER_PATHS);
  const xvfb = await firstExecutable(XVFB_PATHS);
  if (!driver || !browser || !xvfb) {
    const missing = [!driver && 'WebKitWebDriver', !browser && 'MiniBrowser', !xvfb && 'Xvfb'].filter(Boolean).join(', ');
    throw new BrowserMissing(`No WebKit found (missing ${missing}). Install it: ${INSTALL_HINTS.webkit}.`);
  }
  return { driver, browser, xvfb };
}

/** What a browser binary says of its version (`Chromium 156.0…`, `Mozilla Firefox 153.0esr`), or undefined. */
export function browserVersion(/** @type {string} */ path) {
  return new Promise((/** @type {(version: string | undefined) => void} */ resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}
