// A first visit: the prerendered page paints at once, the app's one script loads right away (no
// interaction needed), presses that come first are held and answered, and nothing moves when the
// app takes over. The build under test has no KEYMINT_SITE_URL, so its prerendered page cannot know
// its own address.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { appReady, appUrl, decide, docsUrl, plainUrl, standinUrl, useChromium } from './harness';

const openPage = useChromium();

const APP_SCRIPT = /\/assets\/index-[^/]+\.js$/;

/** Every script the page requested so far, by file name. */
function scriptsOf(page: Page): () => string[] {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname.split('/').pop()!));
  return () => scripts;
}

/** Opens the page with the app's script held back until the returned function is called: the prerendered page alone. */
async function openWithAppHeld(page: Page, url = appUrl): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(APP_SCRIPT, async (route) => {
    await held;
    await route.continue();
  });
  // 'load' would wait for the held script.
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('footer').waitFor({ state: 'attached' });
  return release;
}

/** What a reader sees of the address-dependent parts of the page. */
async function addressedTexts(page: Page) {
  await page.getByText('Link or embed these settings').click();
  const texts = {
    callback: await page.getByLabel('Callback URL').inputValue(),
    body: (await page.getByLabel('Request body JSON').textContent())!,
    url: (await page.getByLabel('Authorization URL').textContent())!,
    embed: (await page.locator('details pre').allTextContents()).join('\n'),
    // Not an address, but a text that must read the same before the app and after.
    expiryHelp: (await page.locator('#f-expires_at-help').textContent())!,
  };
  await page.getByText('Link or embed these settings').click();
  return texts;
}

/** The position of every element of the app that is in view (size changes of a box at the end of its column are not moves). */
const positionsInView = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#app *')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.top < innerHeight && box.height > 0)
      .map(({ element, box }) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${box.left},${box.top}`),
  );

describe('a first visit', () => {
  it('loads the app right after the first paint, without waiting for any interaction', async () => {
    const { page } = await openPage();
    const scripts = scriptsOf(page);
    await page.goto(appUrl);
    // Nothing is pressed, focused or typed: the app takes over by itself.
    await appReady(page);
    expect(scripts()).toEqual([expect.stringMatching(/^index-.*\.js$/)]);
    expect(await page.getByLabel('Callback URL').inputValue()).toBe(appUrl);
  });

  it('shows this page’s real address, or none, before the script runs and after: never a made-up one', async () => {
    const { page } = await openPage();
    const release = await openWithAppHeld(page);
    // Prerendered: every control is there and labelled before the app is.
    for (const label of ['Callback URL', 'Key label', 'Credit limit (USD)', 'Limit resets', 'Expires', 'Code challenge method', 'Workspace ID']) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    const before = await addressedTexts(page);
    expect(before.callback).toBe('');
    expect(JSON.parse(before.body)).toEqual({ callback_url: '…', code_challenge: '…', code_challenge_method: 'S256' });
    expect(before.url).toContain('Made by this page’s script');
    expect(before.embed).toContain('Made once this page’s script knows its address');
    expect(Object.values(before).join('\n')).not.toMatch(/https?:/);

    release();
    await appReady(page);
    const after = await addressedTexts(page);
    expect(after.callback).toBe(appUrl);
    expect(JSON.parse(after.body)).toMatchObject({ callback_url: appUrl, code_challenge: expect.stringMatching(/^[\w-]{43}$/) });
    expect(new URL(after.url).searchParams.get('callback_url')).toBe(appUrl);
    expect(after.embed).toContain(`${appUrl}?`);
    expect(after.expiryHelp).toBe(before.expiryHelp);
  });

  it('moves nothing in view when the app takes over, at 1280 and at 320 px', async () => {
    for (const width of [1280, 320]) {
      const { page } = await openPage();
      await page.setViewportSize({ width, height: 800 });
      const release = await openWithAppHeld(page);
      const before = await positionsInView(page);
      release();
      await appReady(page);
      const after = await positionsInView(page);
      expect(before.length, `${width} px`).toBeGreaterThan(10);
      expect(after, `${width} px`).toEqual(before);
    }
  });

  it('keeps what was typed, chosen and opened before the app was there', async () => {
    const { page } = await openPage();
    const release = await openWithAppHeld(page);
    await page.getByLabel('Key label').fill('Typed early');
    await page.getByLabel('Limit resets').selectOption('weekly');
    await page.getByLabel('Popup').check();
    await page.getByText('Link or embed these settings').click();
    release();
    await appReady(page);
    expect(await page.getByLabel('Key label').inputValue()).toBe('Typed early');
    const body = JSON.parse((await page.getByLabel('Request body JSON').textContent())!) as Record<string, unknown>;
    expect(body).toMatchObject({ key_label: 'Typed early', usage_limit_type: 'weekly' });
    expect(await page.getByLabel('Popup').isChecked()).toBe(true);
    expect(await page.locator('details', { hasText: 'Link or embed these settings' }).getAttribute('open')).not.toBeNull();
  });

  it('holds a preset and then Authorize pressed before the app, shows them as taken, and answers both in order', async () => {
    const { page } = await openPage();
    const release = await openWithAppHeld(page);
    await page.getByRole('button', { name: '7 days' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    // Answered at once: both presses show that they were taken.
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('button', { name: 'Authorize' }).getAttribute('aria-busy')).toBe('true');
    await Promise.all([page.waitForURL(`${standinUrl}/auth?**`), release()]);
    expect(new URL(page.url()).searchParams.get('expires_at')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor();
  });

  it('answers Authorize pressed twice before the app with one sign-in', async () => {
    const { context, page } = await openPage();
    const release = await openWithAppHeld(page);
    await page.getByLabel('Popup').check();
    const popups: Page[] = [];
    context.on('page', (opened) => popups.push(opened));
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    release();
    await page.getByRole('heading', { name: 'Approve on OpenRouter' }).waitFor();
    await page.waitForTimeout(500);
    expect(popups).toHaveLength(1);
    await popups[0]!.waitForURL(`${standinUrl}/auth?**`);
    await decide(popups[0]!, 'Approve');
    await page.getByTestId('api-key').waitFor();
  });

  it('says why, in words, when its script cannot load', async () => {
    const { page } = await openPage();
    await page.route(APP_SCRIPT, (route) => route.abort());
    await page.goto(appUrl);
    await page.getByRole('alert').filter({ hasText: 'Keymint’s script did not load' }).waitFor();
  });

  it('in a frame sandboxed without allow-same-origin, from a host that sends no CORS header, says what to change', async () => {
    const { page } = await openPage();
    // From a host without Access-Control-Allow-Origin (most self-hosted servers) the opaque-origin frame's module request fails.
    await page.goto(`${docsUrl}/docs?${new URLSearchParams({ src: plainUrl, sandbox: 'allow-scripts allow-popups allow-forms' })}`);
    const frame = page.frameLocator('#keymint-0');
    const alert = frame.getByRole('alert').filter({ hasText: 'lacks allow-same-origin. Add it' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('host send Access-Control-Allow-Origin: *');
  });
});
