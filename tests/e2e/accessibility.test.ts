// axe-core in the real page, in each state a visitor can reach in the redirect flow.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { appUrl, authorize, decide, docsUrl, fillForm, newPage, pressMintWithKey, randomApiKey, standin, standinUrl, useKeyMode, appReady } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  await context?.close();
  await standin.reset();
});

async function violations(page: Page | Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not block the audit itself.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function open(colorScheme: 'light' | 'dark' = 'light') {
  const opened = await newPage(browser);
  context = opened.context;
  await opened.page.emulateMedia({ colorScheme });
  await opened.page.goto(appUrl);
  await appReady(opened.page);
  return opened.page;
}

describe('accessibility (axe-core)', () => {
  it('has no violations on the prerendered page, before its script runs', async () => {
    const opened = await newPage(browser);
    context = opened.context;
    // The app's script never arrives: the page as it paints first.
    await opened.page.route(/\/assets\/index-[^/]+\.js$/, () => {});
    await opened.page.goto(appUrl, { waitUntil: 'commit' });
    await opened.page.locator('footer').waitFor({ state: 'attached' });
    expect(await opened.page.getByLabel('Authorization URL').textContent()).toContain('Made by this page’s script');
    expect(await violations(opened.page)).toEqual([]);
  });

  it('has no violations on the empty form, in light and dark', async () => {
    expect(await violations(await open('light'))).toEqual([]);
    expect(await violations(await open('dark'))).toEqual([]);
  });

  it('has no violations with invalid fields and the plain warning showing', async () => {
    const page = await open();
    await fillForm(page, { limit: 'abc', workspace_id: 'x', code_challenge_method: 'plain' });
    await page.getByRole('button', { name: 'Authorize' }).click();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(2);
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations with the key shown', async () => {
    const page = await open();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByRole('button', { name: 'Show key' }).click();
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations with a failure alert', async () => {
    await standin.fault({ route: 'exchange', status: 503 });
    const page = await open('dark');
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await violations(page)).toEqual([]);
  });
});

/** The app at `query`, after `init` runs in it before any of its own scripts. */
async function openAt(query: string, { colorScheme = 'light', init }: { colorScheme?: 'light' | 'dark'; init?: () => unknown } = {}) {
  const opened = await newPage(browser);
  context = opened.context;
  await opened.page.emulateMedia({ colorScheme });
  if (init) await opened.page.addInitScript(init);
  await opened.page.goto(appUrl + query);
  // A link's query starts the app at once; a plain visit waits for the first interaction.
  if (query) await opened.page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
  else await appReady(opened.page);
  return opened;
}

describe('accessibility (axe-core): more states', () => {
  it.each(['light', 'dark'] as const)('has no violations in key mode with the request preview and snippets (%s)', async (colorScheme) => {
    const { page } = await openAt('', { colorScheme });
    await useKeyMode(page, { existingKey: randomApiKey(), httpReferer: 'https://docs.example.com/', appTitle: 'Docs', appCategories: 'cli-agent' });
    await fillForm(page, { key_label: 'Docs', limit: '5', usage_limit_type: 'daily' });
    await page.getByLabel('Create-code request').filter({ hasText: '"code_challenge"' }).waitFor();
    await page.getByLabel('Code snippet').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations in key mode with the key and attribution errors showing', async () => {
    const { page } = await openAt('');
    await useKeyMode(page, { httpReferer: 'not a url', appCategories: 'Not A Category' });
    // Each attribution field says what is wrong once left; then the press shows the missing key too.
    await page.getByLabel('App categories (X-OpenRouter-Categories)').blur();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(2);
    await pressMintWithKey(page);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(3);
    expect(await violations(page)).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('has no violations with the verification table showing a DIFFERS row (%s)', async (colorScheme) => {
    await standin.config({ ignoreAuthParams: ['limit'] });
    const { page } = await openAt('', { colorScheme });
    await fillForm(page, { key_label: 'Checked', limit: '5' });
    await authorize(page);
    await decide(page, 'Approve');
    await page.locator('tr.differs', { hasText: 'Credit limit' }).waitFor();
    expect(await page.locator('tr.same').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations with the key panel after a key mint, and with the check failed', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await openAt('');
    await useKeyMode(page, { existingKey: existing });
    await pressMintWithKey(page);
    await page.locator('tbody tr').first().waitFor();
    expect(await violations(page)).toEqual([]);

    await standin.fault({ route: 'key', status: 500 });
    // Another mint starts once this key is forgotten (asked first: it was never copied).
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.getByRole('alert').filter({ hasText: 'press Forget again' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Forget' }).click();
    await useKeyMode(page, { existingKey: existing });
    await pressMintWithKey(page);
    await page.getByText('Keymint could not check the key’s settings').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations while waiting for the popup, and once it closed', async () => {
    const { context: ctx, page } = await openAt('?mode=popup');
    const [popup] = await Promise.all([ctx.waitForEvent('page'), page.getByRole('button', { name: 'Authorize' }).click()]);
    await popup.waitForURL(`${standinUrl}/auth?**`);
    await page.getByRole('heading', { name: 'Approve on OpenRouter' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Waiting for you to approve');
    expect(await violations(page)).toEqual([]);

    await popup.close();
    await page.getByRole('heading', { name: 'The sign-in window closed' }).waitFor({ timeout: 5000 });
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations while waiting for a pasted code, and with a malformed one', async () => {
    const { context: ctx, page } = await openAt('');
    await page.getByLabel('Paste code').check();
    await Promise.all([ctx.waitForEvent('page'), page.getByRole('button', { name: 'Authorize' }).click()]);
    await page.getByLabel('Code from OpenRouter').waitFor();
    expect(await violations(page)).toEqual([]);

    await page.getByLabel('Code from OpenRouter').fill('not a code!');
    await page.getByRole('button', { name: 'Exchange code' }).click();
    await page.locator('#paste-code[aria-invalid="true"]').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations with the blocked-popup alert', async () => {
    const { page } = await openAt('?mode=popup', { init: () => (window.open = () => null) });
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('alert').getByText('The browser blocked the sign-in window').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it.each([
    ['not sandboxed', undefined],
    ['sandboxed without allow-same-origin', 'allow-scripts allow-popups allow-popups-to-escape-sandbox'],
  ])('has no violations framed in a docs page (%s)', async (_, sandbox) => {
    const opened = await newPage(browser);
    context = opened.context;
    const params = new URLSearchParams({ src: appUrl });
    if (sandbox) params.set('sandbox', sandbox);
    await opened.page.goto(`${docsUrl}/docs?${params}`);
    const ui = opened.page.frameLocator('#keymint-0');
    await ui.getByText(/Embedded on/).waitFor();
    const frame = opened.page.frames().find((f) => f.url().startsWith(appUrl))!;
    expect(frame).toBeDefined();
    if (sandbox) expect(await ui.getByRole('alert').first().textContent()).toContain('allow-same-origin');
    expect(await violations(frame)).toEqual([]);
  });

  it('has no violations on a prefilled link with notes on ignored parameters', async () => {
    const { page } = await openAt('?key_label=Docs%20demo&limit=5&usage_limit_type=daily&callback_url=https://evil.example/&bogus=1&limit=6');
    expect(await page.getByRole('list', { name: 'Link parameters ignored' }).getByRole('listitem').count()).toBe(3);
    expect(await violations(page)).toEqual([]);
  });
});
