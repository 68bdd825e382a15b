// One thin test API over three browser engines, so a cross-engine flow (tests/e2e/engines/) is
// written once: Chromium through Playwright, Firefox through puppeteer-core over WebDriver BiDi,
// WebKit (WebKitGTK's MiniBrowser under Xvfb) through selenium-webdriver and WebKitWebDriver.
// Every engine has its popup blocker on, as readers have it, and the Europe/Berlin time zone.
//
// The API: an Engine opens isolated Sessions (own cookies and storage); a Session has windows
// (its first tab, and any popup or tab the page opens); a window or a frame in it is a View, which
// runs a function in the page, clicks for real (user activation, so window.open is allowed) and
// fills controls the way a person's typing ends up (value set, then input and change events).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Browser as PlaywrightBrowser, BrowserContext, Page } from 'playwright-core';
import type { Browser as PuppeteerBrowser, BrowserContext as PuppeteerContext, Page as PuppeteerPage } from 'puppeteer-core';
import type { WebDriver, WebElement } from 'selenium-webdriver';
import { browserVersion, findFirefox, findWebKit } from '../../scripts/browsers.mjs';
import { launchChromium } from './browser';

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** A CSS selector, a button by its visible name, or the first element matching `css` whose text contains `text`. */
export type Target = string | { button: string } | { css: string; text: string };

export interface View {
  /** Runs `fn(arg)` in the page (awaited if it returns a promise); `fn` and `arg` must survive serialization. */
  evaluate<R, A = undefined>(fn: (arg: A) => R, arg?: A): Promise<Awaited<R>>;
  click(target: Target): Promise<void>;
  fill(target: Target, value: string): Promise<void>;
  /** The target's text, or null when it is not there. */
  text(target: Target): Promise<string | null>;
  /** Waits until the target is there and rendered; returns its text. */
  waitFor(target: Target, timeout?: number): Promise<string>;
  url(): Promise<string>;
  /** The frame of the `<iframe>` matching `css` in this view. */
  frame(css: string): View;
}

export interface Win extends View {
  goto(url: string): Promise<void>;
  waitForUrl(prefix: string, timeout?: number): Promise<string>;
  /**
   * The page goes Back (history.go(-1)) by itself a moment after this asks it to, and resolves once
   * that is long over, having sent no command meanwhile: WebKitWebDriver sometimes never answers a
   * command that is in flight while a page leaves or comes back from the back/forward cache. It
   * waits for no load event (a page from the back/forward cache fires none).
   */
  back(): Promise<void>;
  /** The page goes Forward (history.go(1)), as `back` goes Back. */
  forward(): Promise<void>;
  isClosed(): Promise<boolean>;
}

export interface Session {
  tab: Win;
  /** Runs `action` and resolves with the window it opened. */
  nextWindow(action: () => Promise<unknown>, timeout?: number): Promise<Win>;
  /**
   * Every console line of every page of the session so far; null in WebKit, whose classic WebDriver
   * has no console access (and the MiniBrowser writes no automation session's console to stdout).
   */
  console(): Promise<string[] | null>;
  close(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  version: string;
  /**
   * Whether a window.open without a click is blocked. False only for the @sparticuz/chromium
   * fallback: it ships chrome-headless-shell, which has no popup blocker.
   */
  blocksPopups: boolean;
  session(): Promise<Session>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** Chromium only: the npm-shipped @sparticuz/chromium, as on a machine with no browser installed. */
  packaged?: boolean;
  /** Chromium only: keep the back/forward cache on (Playwright turns it off; the other engines keep it). */
  bfcache?: boolean;
}

const TIME_ZONE = 'Europe/Berlin';
const POLL_MS = 50;
/** How long a page waits before it goes Back or Forward: the command that asked it has been answered by then. */
const HISTORY_DELAY_MS = 1_000;
/** How long after that no command is sent: the navigation is over by then (under load, too). */
const HISTORY_SETTLE_MS = 3_000;

async function poll<T>(what: string, timeout: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// ---- In the page ----

/** Finds a target in the document it runs in. Runs in the page: self-contained. */
function findTarget(target: Target): Element | null {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  if (typeof target === 'string') return document.querySelector(target);
  if ('button' in target) {
    const buttons = [...document.querySelectorAll('button, [role="button"], input[type="submit"]')];
    return buttons.find((el) => norm(el.getAttribute('aria-label') ?? el.textContent) === target.button && el.getClientRects().length > 0) ?? null;
  }
  return [...document.querySelectorAll(target.css)].find((el) => norm(el.textContent).includes(target.text)) ?? null;
}

/**
 * The target, scrolled to the middle of its frame (and the frame into view): WebKitWebDriver clicks
 * at the wrong point for an element below the fold of a frame. Runs in the page, beside findTarget.
 */
function scrolledTo(target: Target): Element | null {
  const el = findTarget(target);
  el?.scrollIntoView({ block: 'center', inline: 'center' });
  return el;
}

/** The target's text, or null, when it is rendered. Runs in the page, beside findTarget. */
function renderedText(target: Target): string | null {
  const el = findTarget(target);
  return el && el.getClientRects().length > 0 ? (el.textContent ?? '') : null;
}

function anyText(target: Target): string | null {
  return findTarget(target)?.textContent ?? null;
}

/** Sets a control's value as typing or choosing would, for the page's own listeners. Runs in the page, beside findTarget. */
function setValue({ target, value }: { target: Target; value: string }): boolean {
  const el = findTarget(target) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!el) return false;
  el.focus();
  const proto =
    el instanceof HTMLSelectElement
      ? HTMLSelectElement.prototype
      : el instanceof HTMLTextAreaElement
        ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

/**
 * The source of `fn(arg)` as one expression, with findTarget in scope. Drivers evaluate it as the
 * debugger would, so the page's CSP (no eval) does not apply to it; an eval inside it would be refused.
 */
const expression = (fn: { toString(): string }, arg: unknown) =>
  `(() => { const findTarget = ${findTarget.toString()}; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;

// ---- Shared View logic over a low-level driver ----

/** What an engine adapter provides for one window or frame. */
interface Low {
  /** Evaluates an expression (see `expression`), awaiting a promise. */
  run(source: string): Promise<unknown>;
  /** A real click on the element the expression gives, or false when it gives null. */
  click(source: string): Promise<boolean>;
  /** The document's own location.href (puppeteer's page.url() misses history traversals over BiDi). */
  url(): Promise<string>;
  frame(css: string): Low;
}

function view(low: Low): View {
  return {
    evaluate: <R, A>(fn: (arg: A) => R, arg?: A) => low.run(expression(fn, arg)) as Promise<Awaited<R>>,
    async click(target) {
      await poll(`${JSON.stringify(target)} to click`, 10_000, async () => ((await low.click(expression(scrolledTo, target))) ? true : undefined));
    },
    async fill(target, value) {
      await poll(`${JSON.stringify(target)} to fill`, 10_000, async () => ((await low.run(expression(setValue, { target, value }))) ? true : undefined));
    },
    text: (target) => low.run(expression(anyText, target)) as Promise<string | null>,
    async waitFor(target, timeout = 10_000) {
      return poll(JSON.stringify(target), timeout, async () => ((await low.run(expression(renderedText, target))) as string | null) ?? undefined);
    },
    url: () => low.url(),
    frame: (css) => view(low.frame(css)),
  };
}

interface LowWin extends Low {
  goto(url: string): Promise<void>;
  isClosed(): Promise<boolean>;
}

/**
 * What Playwright's and puppeteer's frames have in common, and all the adapter needs: evaluate an
 * expression, get an element to click, and find a child frame.
 */
interface FrameLike {
  evaluate(source: string): Promise<unknown>;
  evaluateHandle(source: string): Promise<{ asElement(): { click(): Promise<void> } | null }>;
  $(css: string): Promise<{ contentFrame(): Promise<FrameLike | null> } | null>;
}

/** A Low over a frame of either library; `frame` is read afresh for each call (frames come and go). */
const frameLow = (frame: () => Promise<FrameLike>): Low => ({
  run: async (source) => (await frame()).evaluate(source),
  async click(source) {
    const handle = (await (await frame()).evaluateHandle(source)).asElement();
    if (!handle) return false;
    await handle.click();
    return true;
  },
  url: async () => String(await (await frame()).evaluate('location.href')),
  frame: (css) =>
    frameLow(async () => {
      const child = await (await (await frame()).$(css))?.contentFrame();
      if (!child) throw new Error(`no frame ${css}`);
      return child;
    }),
});

/** See Win.back: the page moves `delta` in its history by itself, with no command in flight meanwhile. */
async function traverse(low: Low, delta: number): Promise<void> {
  await low.run(expression(({ delta, ms }: { delta: number; ms: number }) => void setTimeout(() => history.go(delta), ms), { delta, ms: HISTORY_DELAY_MS }));
  await new Promise((resolve) => setTimeout(resolve, HISTORY_DELAY_MS + HISTORY_SETTLE_MS));
}

function win(low: LowWin): Win {
  const v = view(low);
  return {
    ...v,
    goto: (url) => low.goto(url),
    async waitForUrl(prefix, timeout = 10_000) {
      return poll(`a URL starting ${prefix}`, timeout, async () => {
        const url = await low.url();
        return url.startsWith(prefix) ? url : undefined;
      });
    },
    back: () => traverse(low, -1),
    forward: () => traverse(low, 1),
    isClosed: () => low.isClosed(),
  };
}

// ---- Chromium: Playwright ----

async function chromiumEngine({ packaged, bfcache }: EngineOptions): Promise<Engine> {
  const browser: PlaywrightBrowser = await launchChromium({ packaged: packaged ?? false, bfcache: bfcache ?? false });
  const pageWin = (page: Page): Win =>
    win({
      ...frameLow(async () => page.mainFrame()),
      goto: async (url) => void (await page.goto(url)),
      isClosed: async () => page.isClosed(),
    });
  return {
    name: 'chromium',
    version: browser.version(),
    blocksPopups: !packaged,
    async session() {
      const context: BrowserContext = await browser.newContext({ timezoneId: TIME_ZONE });
      const lines: string[] = [];
      context.on('console', (message) => lines.push(message.text()));
      context.on('page', (page) => page.on('dialog', (dialog) => void dialog.accept()));
      const first = await context.newPage();
      return {
        tab: pageWin(first),
        async nextWindow(action, timeout = 10_000) {
          const known = new Set(context.pages());
          await action();
          return pageWin(await poll('a new window', timeout, async () => context.pages().find((p) => !known.has(p))));
        },
        console: async () => lines,
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ----

async function firefoxEngine(): Promise<Engine> {
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = await findFirefox();
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    env: { ...process.env, TZ: TIME_ZONE },
    // puppeteer turns Firefox's popup blocker off; readers have it on.
    extraPrefsFirefox: { 'dom.disable_open_during_load': true },
  });
  const pageWin = (page: PuppeteerPage): Win =>
    win({
      ...frameLow(async () => page.mainFrame()),
      goto: async (url) => void (await page.goto(url)),
      isClosed: async () => page.isClosed(),
    });
  return {
    name: 'firefox',
    blocksPopups: true,
    version: (await browserVersion(executablePath)) ?? (await browser.version()),
    async session() {
      const context: PuppeteerContext = await browser.createBrowserContext();
      const lines: string[] = [];
      const watched = new WeakSet<PuppeteerPage>();
      const watch = (page: PuppeteerPage) => {
        if (watched.has(page)) return page;
        watched.add(page);
        page.on('console', (message) => lines.push(message.text()));
        page.on('dialog', (dialog) => void dialog.accept());
        return page;
      };
      context.on('targetcreated', (target) => void target.page().then((page) => page && watch(page)));
      const first = watch(await context.newPage());
      return {
        tab: pageWin(first),
        async nextWindow(action, timeout = 10_000) {
          const known = new Set(await context.pages());
          await action();
          return pageWin(watch(await poll('a new window', timeout, async () => (await context.pages()).find((p) => !known.has(p)))));
        },
        console: async () => lines,
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---- WebKit: selenium-webdriver, WebKitWebDriver and the MiniBrowser under Xvfb ----

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts Xvfb on a free display; resolves with `:N` once it is ready. */
function startXvfb(xvfb: string): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    child.once('error', reject);
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ display: `:${out.trim()}`, process: child });
      }
    });
  });
}

async function webkitEngine(): Promise<Engine> {
  const { Builder, By } = await import('selenium-webdriver');
  const found = await findWebKit();
  const xvfb = await startXvfb(found.xvfb);
  const version = (await browserVersion(found.driver))?.replace(/^WebKitWebDriver\s*/, '') ?? 'unknown';

  return {
    name: 'webkit',
    blocksPopups: true,
    version: `WebKitGTK ${version}`,
    async session() {
      // One session per driver process, so a driver of its own for each session.
      const port = await freePort();
      const driverProcess = spawn(found.driver, [`--port=${port}`, '--host=127.0.0.1'], {
        env: { ...process.env, DISPLAY: xvfb.display, TZ: TIME_ZONE },
        stdio: 'ignore',
      });
      await poll('WebKitWebDriver to listen', 10_000, () =>
        fetch(`http://127.0.0.1:${port}/status`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      );
      const driver: WebDriver = await Promise.race([
        new Builder()
          .usingServer(`http://127.0.0.1:${port}`)
          .withCapabilities({
            browserName: 'MiniBrowser',
            unhandledPromptBehavior: 'accept',
            'webkitgtk:browserOptions': { binary: found.browser, args: ['--automation'] },
          })
          .build(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('WebKit session did not start within 30 s')), 30_000)),
      ]);
      // Classic WebDriver has one current window and frame: every step switches to its own first.
      let current = '';
      const enter = async (handle: string, frames: string[]) => {
        if (current !== handle) {
          await driver.switchTo().window(handle);
          current = handle;
        }
        await driver.switchTo().defaultContent();
        for (const css of frames) await driver.switchTo().frame(await driver.findElement(By.css(css)));
      };
      let queue: Promise<unknown> = Promise.resolve();
      /** Steps on one driver never interleave. */
      const serial = <T>(step: () => Promise<T>): Promise<T> => {
        const run = queue.then(step, step);
        queue = run.catch(() => undefined);
        return run;
      };
      const frameLow = (handle: string, frames: string[]): Low => ({
        run: (source) =>
          serial(async () => {
            await enter(handle, frames);
            return driver.executeScript(`return ${source};`);
          }),
        click: (source) =>
          serial(async () => {
            await enter(handle, frames);
            const element = (await driver.executeScript(`return ${source};`)) as WebElement | null;
            if (!element) return false;
            await element.click();
            return true;
          }),
        url: () =>
          serial(async () => {
            await enter(handle, frames);
            return String(await driver.executeScript('return location.href;'));
          }),
        frame: (css) => frameLow(handle, [...frames, css]),
      });
      const handleWin = (handle: string): Win =>
        win({
          ...frameLow(handle, []),
          goto: (url) =>
            serial(async () => {
              await enter(handle, []);
              await driver.get(url);
            }),
          isClosed: () => serial(async () => !(await driver.getAllWindowHandles()).includes(handle)),
        });
      const first = await driver.getWindowHandle();
      current = first;
      return {
        tab: handleWin(first),
        async nextWindow(action, timeout = 10_000) {
          const known = new Set(await serial(() => driver.getAllWindowHandles()));
          await action();
          return handleWin(await poll('a new window', timeout, async () => (await serial(() => driver.getAllWindowHandles())).find((h) => !known.has(h))));
        },
        console: async () => null,
        async close() {
          await driver.quit().catch(() => undefined);
          driverProcess.kill();
        },
      };
    },
    async close() {
      xvfb.process.kill();
    },
  };
}

export async function launchEngine(name: EngineName, options: EngineOptions = {}): Promise<Engine> {
  if (name === 'chromium') return chromiumEngine(options);
  if (name === 'firefox') return firefoxEngine();
  return webkitEngine();
}
