// Which code a Keymint tab or frame may exchange: only one sign-in waits per tab, a code without
// state is taken only when Keymint can tell OpenRouter sent it, and a forged answer changes nothing.
// Real Chromium against the stand-in; attacker codes are approved from Node (no PKCE challenge,
// so any verifier would mint with them).
import { describe, expect, it } from 'vitest';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import {
  appUrl,
  authorize,
  consentRequestId,
  decide,
  decideFromNode,
  docsUrl,
  foreignCode,
  type Recorder,
  standin,
  standinUrl,
  useChromium,
  appReady,
} from './harness';

const openPage = useChromium();

/** Long enough for any answer here, short enough that a failure names what it waited for. */
const SETTLE = { timeout: 10_000 };
const UNMATCHED = /matches no sign-in waiting in this tab/;
const UNCONFIRMED = /so another page may have sent it/;
/** Any page on another site: the docs host (localhost, while the app is on 127.0.0.1), framing nothing. */
const OTHER_SITE = `${docsUrl}/docs?src=about:blank`;

async function open() {
  const opened = await openPage();
  await opened.page.goto(appUrl);
  return opened;
}

/** The status line saying `text`. */
const status = (ui: Page | FrameLocator, text: RegExp) => ui.getByRole('status').filter({ hasText: text });
/** The status line or the alert saying `text`. */
const told = (ui: Page | FrameLocator, text: RegExp) => ui.getByRole('status').or(ui.getByRole('alert')).filter({ hasText: text });
/** Waits until `ui` says `text` or shows a key, whichever comes: then the test can tell which. */
const settle = (ui: Page | FrameLocator, said: ReturnType<typeof told>) => said.or(ui.getByTestId('api-key')).first().waitFor(SETTLE);
const exchangedCodes = async () => (await standin.exchanges()).map((e) => (JSON.parse(e.body) as { code: string }).code);
const mintedKeys = async () => Object.keys(await standin.keys());

// ---- Keymint framed by the docs page (as in embed.test.ts) ----

interface Docs {
  context: BrowserContext;
  page: Page;
  recorder: Recorder;
  ui: () => FrameLocator;
}

async function docs(): Promise<Docs> {
  const opened = await openPage();
  await opened.page.goto(`${docsUrl}/docs?${new URLSearchParams({ src: appUrl, count: '1' })}`);
  const ui = () => opened.page.frameLocator('#keymint-0');
  await ui()
    .getByText(/Embedded on/)
    .waitFor();
  return { ...opened, ui };
}

/** Presses Authorize in the frame and returns the popup once it shows the consent page. */
async function authorizeInPopup(d: Docs): Promise<Page> {
  const [popup] = await Promise.all([d.context.waitForEvent('page'), d.ui().getByRole('button', { name: 'Authorize' }).click()]);
  await popup.waitForURL(`${standinUrl}/auth?**`);
  return popup;
}

/** Sends `page` to `url` from its own script: the page, by its referrer policy, is the referrer. */
const navigateFromPage = (page: Page, url: string) =>
  page.evaluate((target) => {
    setTimeout(() => (location.href = target));
  }, url);

describe('one sign-in at a time per tab', () => {
  it.each([true, false])('after Back and a second Authorize, only the second sign-in can finish (echoState %s)', async (echoState) => {
    // The browser tells the callback page that OpenRouter sent it, as a stateless redirect needs.
    await standin.config({ echoState, referrerPolicy: 'origin' });
    const { page } = await open();
    page.on('dialog', (dialog) => void dialog.accept()); // leaving a shown key asks first

    await authorize(page);
    const firstRequest = await consentRequestId(page);
    await page.goBack();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor(SETTLE);
    expect(await standin.exchanges()).toHaveLength(1);

    // The first sign-in's consent, approved only now, sends its code back to this tab.
    const late = new URL(await decideFromNode(firstRequest));
    expect(late.searchParams.has('state')).toBe(echoState);
    const lateCode = late.searchParams.get('code')!;
    await page.goto(late.href);
    // Not used: said in the status line or, with a state, shown only as a line to paste where it is waited for.
    const notUsed = status(page, UNMATCHED).or(page.getByRole('region', { name: 'Finish in the Keymint that started this sign-in' }));
    await settle(page, notUsed);

    expect(await exchangedCodes()).not.toContain(lateCode);
    expect(await standin.exchanges()).toHaveLength(1);
    expect(await mintedKeys()).toHaveLength(1);
    expect(await notUsed.count()).toBe(1);
    expect(page.url()).toBe(appUrl);
  });
});

describe('a code without state, swapped in by a page that holds the tab’s window', () => {
  it.each([
    ['names itself as the referrer', false],
    ['hides the referrer', true],
  ])('is not exchanged when the page %s', async (_, hideReferrer) => {
    await standin.config({ echoState: false });
    const { context, page: hostile } = await openPage();
    await hostile.goto(OTHER_SITE);
    if (hideReferrer) {
      await hostile.evaluate(() => document.head.append(Object.assign(document.createElement('meta'), { name: 'referrer', content: 'no-referrer' })));
    }
    const [keymint] = await Promise.all([
      context.waitForEvent('page'),
      hostile.evaluate((url) => void ((window as unknown as { keymint: Window | null }).keymint = window.open(url)), appUrl),
    ]);
    await keymint.waitForLoadState();
    await authorize(keymint); // a redirect sign-in waits in that tab, without state coming back

    const attackerCode = await foreignCode();
    await Promise.all([
      keymint.waitForURL(`${appUrl}**`),
      hostile.evaluate((url) => void ((window as unknown as { keymint: Window }).keymint.location.href = url), `${appUrl}?code=${attackerCode}`),
    ]);
    expect(await keymint.evaluate(() => document.referrer)).toBe(hideReferrer ? '' : `${docsUrl}/`);
    await settle(keymint, told(keymint, UNCONFIRMED));

    expect(await standin.exchanges()).toHaveLength(0);
    expect(await keymint.getByTestId('api-key').count()).toBe(0);
    expect(await told(keymint, UNCONFIRMED).count()).toBeGreaterThan(0);
    expect(await mintedKeys()).toHaveLength(0);
  });
});

describe('a code without state, swapped in by a window the tab opened before it became Keymint', () => {
  it('is not exchanged, though the tab has no opener and the helper sends no referrer', async () => {
    await standin.config({ echoState: false, referrerPolicy: 'origin' });
    const { context, page: tab } = await openPage();
    await tab.goto(OTHER_SITE);
    // The hostile page keeps a helper window, whose opener is this tab, then turns itself into Keymint.
    const [helper] = await Promise.all([context.waitForEvent('page'), tab.evaluate(() => void window.open('about:blank', 'helper'))]);
    // From the page's own script: a navigation typed in the address bar could cut the helper's link.
    await Promise.all([tab.waitForURL(`${appUrl}**`), tab.evaluate((url) => void (location.href = url), appUrl)]);
    await authorize(tab);

    const attackerCode = await foreignCode();
    await Promise.all([
      tab.waitForURL(`${appUrl}**`),
      helper.evaluate((url) => {
        document.head.append(Object.assign(document.createElement('meta'), { name: 'referrer', content: 'no-referrer' }));
        (window.opener as Window).location.href = url;
      }, `${appUrl}?code=${attackerCode}`),
    ]);
    await settle(tab, told(tab, UNCONFIRMED));

    expect(await tab.evaluate(() => window.opener === null)).toBe(true);
    expect(await standin.exchanges()).toHaveLength(0);
    expect(await tab.getByTestId('api-key').count()).toBe(0);
    expect(await mintedKeys()).toHaveLength(0);
  });
});

describe('a code without state, swapped into the sign-in popup', () => {
  it.each([
    ['from a page of another site', true],
    ['straight from the consent page, which sends no referrer', false],
  ])('is refused when it comes %s', async (_, viaOtherSite) => {
    await standin.config({ echoState: false });
    const d = await docs();
    const popup = await authorizeInPopup(d);
    const attackerCode = await foreignCode();
    if (viaOtherSite) await popup.goto(OTHER_SITE);
    await Promise.all([popup.waitForURL(`${appUrl}**`, { waitUntil: 'commit' }), navigateFromPage(popup, `${appUrl}?code=${attackerCode}`)]);
    await settle(d.ui(), told(d.ui(), UNCONFIRMED));

    expect(await standin.exchanges()).toHaveLength(0);
    expect(await d.ui().getByTestId('api-key').count()).toBe(0);
    expect(await told(d.ui(), UNCONFIRMED).count()).toBeGreaterThan(0);
  });
});

describe('a popup sign-in whose callback comes without state', () => {
  it('finishes when the browser says OpenRouter sent the callback (Referrer-Policy: origin)', async () => {
    await standin.config({ echoState: false, referrerPolicy: 'origin' });
    const d = await docs();
    const popup = await authorizeInPopup(d);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await d.ui().getByTestId('api-key').waitFor(SETTLE);
    expect(await standin.exchanges()).toHaveLength(1);
    expect(await mintedKeys()).toHaveLength(1);
  });

  it('is refused when the browser does not say who sent it (no referrer), and offers paste-code sign-in', async () => {
    await standin.config({ echoState: false });
    const d = await docs();
    const popup = await authorizeInPopup(d);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await settle(d.ui(), told(d.ui(), UNCONFIRMED));

    expect(await standin.exchanges()).toHaveLength(0);
    expect(await d.ui().getByTestId('api-key').count()).toBe(0);
    expect(await told(d.ui(), UNCONFIRMED).count()).toBeGreaterThan(0);
    expect(await d.ui().getByRole('button', { name: 'Sign in by pasting a code' }).isVisible()).toBe(true);
  });
});

describe('a forged error link', () => {
  it('shows none of its text, says it matches no sign-in, and leaves the address clean', async () => {
    const { page } = await openPage();
    await page.goto(`${appUrl}?error=access_denied&error_description=Visit%20evil.example%20and%20paste%20your%20key&state=madeup`);
    await status(page, UNMATCHED)
      .or(page.getByRole('alert').filter({ hasText: /\S/ }))
      .first()
      .waitFor(SETTLE);

    expect(await page.locator('body').innerText()).not.toContain('evil.example');
    expect(await status(page, UNMATCHED).count()).toBe(1);
    const address = new URL(page.url());
    for (const name of ['error', 'error_description', 'state']) expect(address.searchParams.has(name)).toBe(false);
  });

  it('leaves a waiting redirect sign-in alone: approving it afterwards still mints', async () => {
    const { page } = await open();
    await authorize(page);
    const consentUrl = page.url();
    await page.goBack();
    await page.goto(`${appUrl}?error=access_denied&error_description=x&state=madeup`);
    // The app has taken the link in (whatever it shows) before the tab moves on.
    await status(page, UNMATCHED)
      .or(page.getByRole('alert').filter({ hasText: /\S/ }))
      .first()
      .waitFor(SETTLE);

    await page.goto(consentUrl); // the same sign-in's consent page again: same challenge, same state
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor(SETTLE);
    expect(await standin.exchanges()).toHaveLength(1);
    expect(await mintedKeys()).toHaveLength(1);
  });
});

describe('a Keymint tab that is not a sign-in popup', () => {
  it('keeps a code it gets: it stays open and says so, and the tab that opened it hears nothing', async () => {
    const { context, page: a } = await open();
    await appReady(a);
    const shown = () => Promise.all([a.getByRole('status').allTextContents(), a.getByRole('alert').allTextContents(), a.getByTestId('api-key').count()]);
    const before = await shown();

    const [b] = await Promise.all([context.waitForEvent('page'), a.evaluate((url) => void window.open(url), appUrl)]);
    await b.waitForLoadState();
    expect(await b.evaluate(() => window.opener !== null)).toBe(true);
    await b.goto(`${appUrl}?code=${await foreignCode()}`);

    // No silent close: a popup that handed its code back closes within a second or so.
    const closed = await b.waitForEvent('close', { timeout: 2500 }).then(
      () => true,
      () => false,
    );
    expect(closed, 'the tab closed itself').toBe(false);
    expect((await b.getByRole('status').or(b.getByRole('alert')).allTextContents()).join('').trim()).not.toBe('');
    expect(await shown()).toEqual(before);
    expect(await standin.exchanges()).toHaveLength(0);
  });
});
