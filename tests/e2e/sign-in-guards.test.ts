// What guards a sign-in and the key it makes: a shown key blocks another mint until forgotten and
// is masked again after the back/forward cache, a link cannot downgrade PKCE, an insecure page
// starts nothing, a Retry after a lost answer says a key may exist, and key and paste modes send
// exactly what the form and preview show.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  appUrl,
  authorize,
  decide,
  docsUrl,
  pagesUrl,
  pressMintWithKey,
  randomApiKey,
  standin,
  standinUrl,
  useChromium,
  useKeyMode,
  appReady,
} from './harness';

const openPage = useChromium();

/** Long enough for any answer here, short enough that a failure names what it waited for. */
const SETTLE = { timeout: 10_000 };

async function open(url = appUrl) {
  const opened = await openPage();
  await opened.page.goto(url);
  return opened;
}

const authorizeButton = (page: Page) => page.getByRole('button', { name: 'Authorize', exact: true });
const mintedKeys = async () => Object.keys(await standin.keys());

describe('a key on screen', () => {
  it('blocks Authorize and minting with a key until it is forgotten', async () => {
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor(SETTLE);

    expect(await authorizeButton(page).isDisabled()).toBe(true);
    expect(await page.getByText('Forget this key to mint another.').count()).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'Mint with my API key' }).check();
    expect(await page.getByRole('button', { name: 'Mint with my API key' }).isDisabled()).toBe(true);

    await page.getByRole('radio', { name: 'Redirect' }).check();
    // Never copied: Forget asks first, and a second press forgets it.
    await page.getByRole('button', { name: 'Forget', exact: true }).click();
    await page.getByRole('button', { name: 'Forget', exact: true }).click();
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(await authorizeButton(page).isEnabled()).toBe(true);
    expect(await standin.exchanges()).toHaveLength(1);
  });
});

describe('the back/forward cache', () => {
  // The app as GitHub Pages serves it, with `Cache-Control: max-age=600`: the test server's no-store
  // keeps a page out of Chromium's back/forward cache.
  const openCachingPage = useChromium({ bfcache: true });

  it('brings the page back with the key masked again', async () => {
    const { page } = await openCachingPage();
    page.on('dialog', (dialog) => void dialog.accept()); // leaving a shown key asks first
    await page.goto(pagesUrl);
    await authorize(page);
    await Promise.all([page.waitForURL(`${pagesUrl}**`), page.getByRole('button', { name: 'Approve' }).click()]);
    await page.getByRole('button', { name: 'Show key' }).click();
    const [key] = await mintedKeys();
    expect(await page.getByTestId('api-key').textContent()).toBe(key);

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.goto(`${docsUrl}/docs?src=about:blank`);
    await page.goBack({ waitUntil: 'commit' }); // a page from the cache fires no load event
    await page.waitForFunction(() => document.readyState === 'complete');
    // The same document, not a reload: restored from the back/forward cache.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    await expect.poll(() => page.getByTestId('api-key').textContent(), SETTLE).toContain('•');
    expect(await page.getByTestId('api-key').textContent()).not.toContain(key);
    expect(await page.getByRole('button', { name: 'Show key' }).count()).toBe(1);
    expect(await standin.exchanges()).toHaveLength(1);
  });
});

describe('a prefilled link', () => {
  it('cannot switch the code challenge method to plain', async () => {
    const { page } = await open(`${appUrl}?code_challenge_method=plain&key_label=x`);
    await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor(SETTLE);

    const notes = (await page.getByRole('list', { name: 'Link parameters ignored' }).allTextContents()).join('\n');
    expect(notes).toMatch(/Ignored "code_challenge_method"/);
    expect(await page.getByLabel('Code challenge method').inputValue()).toBe('S256');
    await authorize(page);
    const auth = (await standin.log()).find((r) => r.path === '/auth')!;
    expect(auth.query.code_challenge_method).toBe('S256');
    expect(auth.query.key_label).toBe('x'); // the rest of the link still counts
  });
});

describe('a page without a secure context', () => {
  const openInsecurePage = useChromium({ args: ['--host-resolver-rules=MAP keymint.test 127.0.0.1'] });

  it('says it needs HTTPS and starts nothing, without a page error', async () => {
    const { context, page, recorder } = await openInsecurePage();
    const insecure = new URL(appUrl);
    insecure.hostname = 'keymint.test'; // the same server under a name that is not loopback: plain http is insecure
    await page.goto(insecure.href);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    await page.getByRole('heading', { name: 'Keymint', exact: true }).click(); // wakes the app

    await page.getByRole('alert').filter({ hasText: 'needs HTTPS' }).waitFor(SETTLE);
    expect(await authorizeButton(page).isDisabled()).toBe(true);
    for (const name of ['Popup', 'Paste code']) {
      const radio = page.getByRole('radio', { name });
      expect(await radio.isDisabled()).toBe(true);
      await radio.click({ force: true });
    }
    await authorizeButton(page).click({ force: true });
    await page.waitForTimeout(500); // time for anything the clicks set off to fail

    expect(recorder.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
    expect(context.pages()).toHaveLength(1);
    expect(page.url()).toBe(insecure.href);
    expect((await standin.log()).filter((r) => r.path === '/auth')).toHaveLength(0);
  });
});

describe('Retry after an answer lost on its way back', () => {
  it('says a key may have been created when the code is then refused, and links to the key list', async () => {
    await standin.fault({ route: 'exchange', dropAfter: true });
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor(SETTLE);
    expect(await mintedKeys()).toHaveLength(1); // the lost answer carried it

    await retry.click();
    await expect.poll(async () => (await standin.exchanges()).length).toBe(2);
    const alert = page.getByRole('alert').filter({ hasText: /that try may have made a key/ });
    await alert.waitFor(SETTLE);
    expect(await alert.locator(`a[href="${standinUrl}/settings/keys"]`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(await mintedKeys()).toHaveLength(1);
  });
});

describe('what the form shows is what is sent', () => {
  it('key mode: the callback URL is editable, keeps what was typed, and is sent', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await useKeyMode(page, { existingKey: existing });
    const callback = page.getByLabel('Callback URL', { exact: true });
    expect(await callback.isEditable()).toBe(true);
    await callback.fill('https://myapp.example/callback');
    await callback.press('Tab');
    expect(await callback.inputValue()).toBe('https://myapp.example/callback');

    await pressMintWithKey(page);
    await page.getByTestId('api-key').waitFor(SETTLE);
    const [request] = await standin.codeRequests();
    expect((JSON.parse(request!.body) as { callback_url?: string }).callback_url).toBe('https://myapp.example/callback');
  });

  /** Paste code: the method select is fixed at S256, and the tab opens exactly the previewed URL. */
  async function pasteSendsThePreview(page: Page) {
    const method = page.getByLabel('Code challenge method');
    if (await method.isEnabled()) await method.selectOption('plain');
    expect(await method.isDisabled()).toBe(true);
    expect(await method.inputValue()).toBe('S256');

    const previewed = (await page.getByLabel('Authorization URL').filter({ hasNotText: 'callback_url' }).textContent(SETTLE))!;
    const url = new URL(previewed);
    expect(url.origin + url.pathname).toBe(`${standinUrl}/auth`);
    expect(url.searchParams.has('callback_url')).toBe(false);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');

    const [tab] = await Promise.all([page.context().waitForEvent('page'), authorizeButton(page).click()]);
    await tab.waitForURL(`${standinUrl}/auth?**`);
    expect(tab.url()).toBe(previewed);
  }

  it('paste mode: S256 is fixed, and the sign-in tab opens exactly the previewed URL', async () => {
    const { page } = await open();
    await appReady(page);
    await page.getByRole('radio', { name: 'Paste code' }).check();
    await pasteSendsThePreview(page);
  });

  it('paste mode: a plain picked in Redirect mode does not carry over', async () => {
    const { page } = await open();
    await appReady(page);
    await page.getByLabel('Code challenge method').selectOption('plain');
    await page.getByRole('radio', { name: 'Paste code' }).check();
    await pasteSendsThePreview(page);
  });
});
