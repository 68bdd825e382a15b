// Shared end-to-end plumbing: the stand-in's admin API, a page with every secret sink recorded,
// and the steps of a sign-in.
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { launchChromium, type LaunchOptions } from './browser';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';

export const standinUrl = inject('standinUrl');
export const appUrl = inject('appUrl');
export const docsUrl = inject('docsUrl');
export const pagesUrl = inject('pagesUrl');
export const plainUrl = inject('plainUrl');

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

async function admin(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${standinUrl}/__standin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stand-in admin ${path}: ${response.status}`);
  return response.json();
}

export const standin = {
  reset: () => admin('reset', {}),
  /**
   * coop: consent pages send Cross-Origin-Opener-Policy: same-origin. ignoreAuthParams: /auth params
   * (wire names) ignored when minting. maskedLabel: GET /api/v1/key reports the label as sk-or-v1-abc...xyz.
   * referrerPolicy: the consent pages' Referrer-Policy (default no-referrer; 'origin' lets the callback
   * see OpenRouter's origin as document.referrer).
   */
  config: (config: {
    echoState?: boolean;
    stateOnError?: boolean;
    coop?: boolean;
    ignoreAuthParams?: string[];
    maskedLabel?: boolean;
    referrerPolicy?: string;
  }) => admin('config', config),
  fault: (fault: Record<string, unknown>) => admin('faults', fault),
  log: () => admin('log') as Promise<LoggedRequest[]>,
  keys: () => admin('keys') as Promise<Record<string, unknown>>,
  exchanges: async () => (await standin.log()).filter((r) => r.path === '/api/v1/auth/keys' && r.method === 'POST'),
  /** Makes `key` a valid bearer key (e.g. for POST /api/v1/auth/keys/code), with optional key settings. */
  addApiKey: (key: string, settings: Record<string, unknown> = {}) => admin('api-keys', { ...settings, key }),
  codeRequests: async () => (await standin.log()).filter((r) => r.path === '/api/v1/auth/keys/code' && r.method === 'POST'),
  keyLookups: async () => (await standin.log()).filter((r) => r.path === '/api/v1/key' && r.method === 'GET'),
};

/** Every write to a place a secret must never reach, recorded from the first script on each page. */
const SINK_TRACKER = `(() => {
  const record = (kind, args) => {
    try {
      window.__keymintSink(kind, args.map((a) => { try { return typeof a === 'string' ? a : JSON.stringify(a); } catch { return String(a); } }).join(' '));
    } catch {}
  };
  const wrap = (target, name, kind) => {
    const original = target && target[name];
    if (typeof original !== 'function') return;
    target[name] = function (...args) { record(kind, args); return original.apply(this, args); };
  };
  wrap(Storage.prototype, 'setItem', 'storage');
  wrap(History.prototype, 'pushState', 'history');
  wrap(History.prototype, 'replaceState', 'history');
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) wrap(console, level, 'console');
  // postMessage is not wrapped: a wrapper would become the message's source window. What reaches a
  // docs page is recorded by the page itself (tests/e2e/docs-host.ts).
  if (window.IDBObjectStore) { wrap(IDBObjectStore.prototype, 'put', 'indexeddb'); wrap(IDBObjectStore.prototype, 'add', 'indexeddb'); }
  if (window.Cache) { wrap(Cache.prototype, 'put', 'cache'); }
  const accessor = (owner, prop, kind) => {
    const d = Object.getOwnPropertyDescriptor(owner, prop);
    if (!d || !d.set) return false;
    Object.defineProperty(owner, prop, { ...d, set(value) { record(kind, [value]); d.set.call(this, value); } });
    return true;
  };
  accessor(Document.prototype, 'cookie', 'cookie');
  accessor(Document.prototype, 'title', 'title');
  accessor(window, 'name', 'window.name') || accessor(Window.prototype, 'name', 'window.name');
})();`;

export interface Recorder {
  sinks: Array<{ kind: string; value: string; url: string }>;
  console: string[];
  requests: string[];
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; recorder: Recorder }> {
  // A fixed zone with daylight saving time, so local-time conversions are checked exactly.
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  const recorder: Recorder = { sinks: [], console: [], requests: [] };
  await context.exposeBinding('__keymintSink', ({ frame }, kind: string, value: string) => {
    recorder.sinks.push({ kind, value, url: frame.url() });
  });
  await context.addInitScript(SINK_TRACKER);
  context.on('request', (request) => recorder.requests.push(request.url()));
  const page = await context.newPage();
  // Every page of the context: popups and framed pages log here too.
  context.on('console', (message) => recorder.console.push(message.text()));
  page.on('pageerror', (error) => recorder.console.push(`pageerror: ${error.message}`));
  return { context, page, recorder };
}

/**
 * One Chromium for a test file (or a describe block, with `options` for a Chromium of its own kind).
 * The returned function opens a recorded page in a fresh context; before each test the contexts
 * opened so far are closed and the stand-in is reset.
 */
export function useChromium(options?: LaunchOptions): () => ReturnType<typeof newPage> {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium(options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await standin.reset();
  });
  return async () => {
    const opened = await newPage(browser!);
    contexts.push(opened.context);
    return opened;
  };
}

export type FormFill = Partial<Record<'key_label' | 'limit' | 'usage_limit_type' | 'expires_at' | 'code_challenge_method' | 'workspace_id', string>>;

/** Fills named controls (their names are OpenRouter's wire names). */
export async function fillForm(page: Page, values: FormFill): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const control = page.locator(`[name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

/** The app has taken over the prerendered page: the URL preview holds its PKCE challenge. */
export async function appReady(page: Page | Frame): Promise<void> {
  await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
}

/**
 * Presses Authorize and waits for the stand-in's consent page. The press may come before the app
 * has loaded: the page holds it and hands it to the app.
 */
export async function authorize(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(`${standinUrl}/auth?**`), page.getByRole('button', { name: 'Authorize' }).click()]);
}

export async function decide(page: Page, decision: 'Approve' | 'Deny'): Promise<void> {
  await Promise.all([page.waitForURL(`${appUrl}**`), page.getByRole('button', { name: decision }).click()]);
}

/** Every place a secret could have been left in the page after a flow. Runs in the page, in any engine. */
export async function readSecretPlaces(): Promise<string> {
  const storage = (s: Storage) =>
    Object.keys(s)
      .map((k) => `${k}=${s.getItem(k)}`)
      .join('\n');
  const databases = (await indexedDB.databases?.())?.map((d) => d.name).join(',') ?? '';
  const caches = 'caches' in window ? (await window.caches.keys()).join(',') : '';
  return [
    storage(localStorage),
    storage(sessionStorage),
    document.cookie,
    location.href,
    JSON.stringify(history.state),
    document.title,
    window.name,
    databases,
    caches,
  ].join('\n');
}

/** Every place a secret could have been left in the page after a flow. */
export async function secretPlaces(page: Page | Frame): Promise<string> {
  return page.evaluate(readSecretPlaces);
}

// ---- Minting with an existing key (tests/e2e/existing-key.test.ts, accessibility.test.ts) ----
// Imports here, not at the top: this part was appended to the file. ES modules hoist them.
import { createHash, randomBytes } from 'node:crypto';
import type { FrameLocator } from 'playwright-core';

/** The key-mode fields, by their visible labels. */
export const KEY_FIELDS = {
  existingKey: 'Your OpenRouter API key',
  httpReferer: 'App URL (HTTP-Referer)',
  appTitle: 'App title (X-OpenRouter-Title)',
  appCategories: 'App categories (X-OpenRouter-Categories)',
} as const;

export type KeyFill = Partial<Record<keyof typeof KEY_FIELDS, string>>;

/** A well-formed OpenRouter key that no one has minted: `sk-or-v1-` and 64 hex digits. */
export const randomApiKey = (): string => `sk-or-v1-${randomBytes(32).toString('hex')}`;

/** Lowercase hex SHA-256 of a key's UTF-8 bytes: the identifier in OpenRouter's key links. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Picks "Mint with my API key" and fills the key and attribution fields given. */
export async function useKeyMode(page: Page | FrameLocator, values: KeyFill = {}): Promise<void> {
  await page.getByRole('radio', { name: 'Mint with my API key' }).check();
  for (const [field, value] of Object.entries(values)) await page.getByLabel(KEY_FIELDS[field as keyof KeyFill], { exact: true }).fill(value);
}

/** Presses "Mint with my API key" once the preview shows a challenge (before that, the press does nothing). */
export async function pressMintWithKey(page: Page | FrameLocator): Promise<void> {
  await page.getByLabel('Create-code request').filter({ hasText: '"code_challenge"' }).waitFor();
  await page.getByRole('button', { name: 'Mint with my API key' }).click();
}

// ---- Browsers launched with options, and sign-ins driven from Node (tests/e2e/sign-in-*.test.ts) ----

/** Decides a consent request from Node, as the person would on the page: returns where the stand-in sends the browser. */
export async function decideFromNode(requestId: string, decision: 'approve' | 'deny' = 'approve'): Promise<string> {
  const answer = await fetch(`${standinUrl}/auth/decision`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, decision }),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 303 || !location) throw new Error(`stand-in decision: ${answer.status}`);
  return location;
}

/** The id of the consent request a page (or a fetched consent page) shows, from its hidden field. */
export async function consentRequestId(page: Page): Promise<string> {
  return page.locator('input[name="request"]').inputValue();
}

/**
 * A code for `callbackUrl` that no Keymint asked for: an /auth request without a PKCE challenge,
 * opened and approved from Node. Exchangeable with any verifier, once.
 */
export async function foreignCode(callbackUrl: string = appUrl): Promise<string> {
  const html = await (await fetch(`${standinUrl}/auth?${new URLSearchParams({ callback_url: callbackUrl })}`)).text();
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('stand-in /auth showed no consent request');
  const code = new URL(await decideFromNode(id)).searchParams.get('code');
  if (!code) throw new Error('stand-in approval carried no code');
  return code;
}
