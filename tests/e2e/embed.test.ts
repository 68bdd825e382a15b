// Keymint framed by a docs page on another site: popup and paste-code sign-ins, the message guard,
// blocked and closed popups, COOP on the consent page, two frames at once, and prefilled links.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { appReady, appUrl, consentRequestId, decideFromNode, docsUrl, secretPlaces, standin, standinUrl, type Recorder, useChromium } from './harness';

const openPage = useChromium();

const APP_ORIGIN = new URL(appUrl).origin;
const ALL_TOKENS = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

interface Docs {
  context: BrowserContext;
  page: Page;
  recorder: Recorder;
  ui: (index?: number) => FrameLocator;
  frame: (index?: number) => Frame;
  messages: () => Promise<Array<{ origin: string; data: unknown }>>;
}

/** The docs page framing Keymint `count` times, with `query` on the app's URL. */
async function docs({ query = '', count = 1, sandbox }: { query?: string; count?: number; sandbox?: string } = {}): Promise<Docs> {
  const opened = await openPage();
  const params = new URLSearchParams({ src: appUrl + query, count: String(count) });
  if (sandbox !== undefined) params.set('sandbox', sandbox);
  await opened.page.goto(`${docsUrl}/docs?${params}`);
  const ui = (index = 0) => opened.page.frameLocator(`#keymint-${index}`);
  // Rendered by the app itself, not the prerendered page.
  for (let i = 0; i < count; i++)
    await ui(i)
      .getByText(/Embedded on/)
      .waitFor();
  const frame = (index = 0) => opened.page.frames().filter((f) => f.url().startsWith(appUrl))[index]!;
  const messages = () => opened.page.evaluate(() => (window as unknown as { __messages: Array<{ origin: string; data: unknown }> }).__messages);
  return { ...opened, ui, frame, messages };
}

/** Presses Authorize in a frame and returns the popup once it shows the consent page. */
async function authorizeInPopup(d: Docs, index = 0): Promise<Page> {
  const [popup] = await Promise.all([d.context.waitForEvent('page'), d.ui(index).getByRole('button', { name: 'Authorize' }).click()]);
  await popup.waitForURL(`${standinUrl}/auth?**`);
  return popup;
}

const approve = (popup: Page) => popup.getByRole('button', { name: 'Approve' }).click();
const mintedKeys = async () => Object.keys(await standin.keys());

describe('Keymint in a docs page', () => {
  it('mints through a popup; the docs page hears only height messages; the key stays in the frame’s memory', async () => {
    const d = await docs();
    expect(
      await d
        .ui()
        .getByText(/Embedded on/)
        .textContent(),
    ).toContain(new URL(docsUrl).host);
    expect(await d.ui().getByLabel('Popup').isChecked()).toBe(true);
    expect(await d.ui().getByLabel('Redirect').isDisabled()).toBe(true);

    const popup = await authorizeInPopup(d);
    const auth = (await standin.log()).find((r) => r.path === '/auth')!;
    expect(auth.query.callback_url).toBe(appUrl);
    await Promise.all([popup.waitForEvent('close'), approve(popup)]);
    await d.ui().getByTestId('api-key').waitFor();
    await d.ui().getByRole('button', { name: 'Show key' }).click();

    const [key] = await mintedKeys();
    expect(await d.ui().getByTestId('api-key').textContent()).toBe(key);
    const [exchange] = await standin.exchanges();
    const { code, code_verifier: verifier } = JSON.parse(exchange!.body) as Record<string, string>;

    const messages = await d.messages();
    expect(messages.length).toBeGreaterThan(0);
    for (const { origin, data } of messages) {
      expect(origin).toBe(APP_ORIGIN);
      expect(Object.keys(data as object).sort()).toEqual(['height', 'type']);
      expect(data).toMatchObject({ type: 'keymint:height', height: expect.any(Number) });
    }
    const places = await secretPlaces(d.frame());
    for (const secret of [key!, code!, verifier!]) {
      expect(places).not.toContain(secret);
      expect(JSON.stringify(messages)).not.toContain(secret);
      expect(d.recorder.console.join('\n')).not.toContain(secret);
    }
    // Nothing was stored at all in popup mode, by the frame or by the popup.
    expect(d.recorder.sinks.filter((s) => s.kind === 'storage')).toEqual([]);
    expect(d.recorder.sinks.filter((s) => s.value.includes(key!))).toEqual([]);
  });

  it('ignores a well-formed message from a foreign origin or from a same-origin window that is not the popup', async () => {
    const d = await docs();
    const popup = await authorizeInPopup(d);
    const state = (await standin.log()).find((r) => r.path === '/auth')!.query.state!;
    const message = { type: 'keymint:callback', code: 'injected-code-1234567890', state };

    // The docs page (another site) posts into the frame.
    await d.page.evaluate((m) => (document.getElementById('keymint-0') as HTMLIFrameElement).contentWindow!.postMessage(m, '*'), message);
    // Another window at Keymint's own origin, opened by the frame, posts to it.
    const [other] = await Promise.all([d.context.waitForEvent('page'), d.frame().evaluate((url) => void window.open(url, 'other'), appUrl)]);
    await other.waitForLoadState();
    await other.evaluate((m) => window.opener.postMessage(m, location.origin), message);
    await d.page.waitForTimeout(500);
    expect(await standin.exchanges()).toHaveLength(0);
    expect(await d.ui().getByRole('status').textContent()).toContain('Waiting for you to approve');

    // The real popup still finishes.
    await approve(popup);
    await d.ui().getByTestId('api-key').waitFor();
    expect(await standin.exchanges()).toHaveLength(1);
  });

  it.each([
    ['allow-popups', 'allow-scripts allow-same-origin', 'This frame may not open windows'],
    ['allow-popups-to-escape-sandbox', 'allow-scripts allow-same-origin allow-popups', 'The sign-in window would stay sandboxed'],
  ])('names the missing %s instead of hanging', async (token, sandbox, title) => {
    const d = await docs({ sandbox });
    await d.ui().getByRole('button', { name: 'Authorize' }).click();
    const alert = d.ui().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(title);
    expect(await alert.textContent()).toContain(token);
    await expect.poll(() => d.context.pages().length).toBe(1); // a sandboxed popup is closed again
    expect(await alert.getByRole('link', { name: 'Open Keymint in a new tab' }).getAttribute('href')).toBe(appUrl);
    expect((await standin.log()).filter((r) => r.path === '/auth')).toHaveLength(0);
  });

  it('offers a new tab or a pasted code when the browser blocks the popup', async () => {
    const { context, page } = await openPage();
    await page.addInitScript(() => (window.open = () => null));
    await page.goto(`${appUrl}?mode=popup`);
    await page.getByRole('button', { name: 'Authorize' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('The browser blocked the sign-in window');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('alert-title');
    await alert.getByRole('button', { name: 'Sign in by pasting a code' }).click();
    expect(await page.getByLabel('Paste code').isChecked()).toBe(true);
    expect((await standin.log()).filter((r) => r.path === '/auth')).toHaveLength(0);
  });

  it('names allow-same-origin when the sandbox leaves it out, and offers paste-code sign-in', async () => {
    const d = await docs({ sandbox: 'allow-scripts allow-popups allow-popups-to-escape-sandbox' });
    expect(await d.ui().getByRole('alert').first().textContent()).toContain('allow-same-origin');
    expect(await d.ui().getByLabel('Popup').isDisabled()).toBe(true);
    expect(await d.ui().getByLabel('Paste code').isChecked()).toBe(true);
  });

  it('gives up on a popup closed before approval, after a grace period, and exchanges nothing', async () => {
    const d = await docs();
    const popup = await authorizeInPopup(d);
    await popup.close();
    await d.ui().getByRole('heading', { name: 'The sign-in window closed' }).waitFor({ timeout: 5000 });
    await d.ui().getByRole('button', { name: 'Cancel' }).click();
    await d.ui().getByRole('button', { name: 'Authorize' }).waitFor();
    expect(await d.ui().getByRole('button', { name: 'Authorize' }).isEnabled()).toBe(true);
    expect(await standin.exchanges()).toHaveLength(0);
  });

  it('closes the sign-in window on Cancel, and ignores that sign-in’s answer when it arrives afterwards', async () => {
    const d = await docs();
    const popup = await authorizeInPopup(d);
    const { state } = (await standin.log()).find((r) => r.path === '/auth')!.query;
    const request = await consentRequestId(popup);
    await Promise.all([popup.waitForEvent('close'), d.ui().getByRole('button', { name: 'Cancel' }).click()]);
    await d.ui().getByRole('button', { name: 'Authorize' }).waitFor();

    // OpenRouter approves that sign-in all the same, and its answer reaches a sign-in window of this frame.
    const answer = await decideFromNode(request);
    expect(new URL(answer).searchParams.get('state')).toBe(state);
    expect(new URL(answer).searchParams.get('code')).toBeTruthy();
    const [late] = await Promise.all([
      d.context.waitForEvent('page'),
      d.frame().evaluate((url) => void window.open(url, 'keymint-signin-late', 'popup'), answer),
    ]);
    // The window hands the answer back, and never exchanges it itself; the frame does not take it.
    await late.getByText('did not take this answer, so nothing was exchanged').waitFor({ timeout: 10_000 });
    expect(late.url()).toBe(appUrl);
    expect(await standin.exchanges()).toHaveLength(0);
    expect(await d.ui().getByTestId('api-key').count()).toBe(0);
    expect(await d.ui().getByRole('button', { name: 'Authorize' }).isEnabled()).toBe(true);
    expect((await d.ui().getByRole('status').textContent())!.trim()).toBe('');
  });

  it('with COOP on the consent page: does not cancel early, and the answer line the window shows completes the exchange', async () => {
    await standin.config({ coop: true });
    const d = await docs();
    const popup = await authorizeInPopup(d);
    const { state } = (await standin.log()).find((r) => r.path === '/auth')!.query;
    // Where OpenRouter sends the window back to: the whole answer.
    const callbacks: string[] = [];
    popup.on('request', (r) => r.isNavigationRequest() && r.url().startsWith(appUrl) && callbacks.push(r.url()));
    // COOP cuts the opener link: the frame sees the popup as closed while it is still open.
    await d.ui().getByRole('heading', { name: 'The sign-in window closed' }).waitFor({ timeout: 5000 });
    await approve(popup);
    await popup.waitForURL(`${appUrl}**`);
    const line = await popup.getByRole('region', { name: 'Finish in the Keymint that started this sign-in' }).locator('pre').textContent();
    expect(callbacks).toHaveLength(1);
    expect(line).toBe(callbacks[0]);
    expect(new URL(line!).searchParams.get('state')).toBe(state);
    expect(popup.url()).toBe(appUrl);
    expect(await standin.exchanges()).toHaveLength(0);

    await d.ui().getByLabel('Code from OpenRouter').fill(line!);
    await d.ui().getByRole('button', { name: 'Exchange code' }).click();
    await d.ui().getByTestId('api-key').waitFor();
    expect(await standin.exchanges()).toHaveLength(1);
    expect(JSON.parse((await standin.exchanges())[0]!.body)).toMatchObject({ code: new URL(line!).searchParams.get('code') });
  });

  it('with COOP on the consent page: refuses a pasted answer line of another sign-in', async () => {
    await standin.config({ coop: true });
    const d = await docs();
    await authorizeInPopup(d);
    await d.ui().getByRole('heading', { name: 'The sign-in window closed' }).waitFor({ timeout: 5000 });
    const field = d.ui().getByLabel('Code from OpenRouter');
    await field.fill(`${appUrl}?code=other-code-1234567890&state=other-state-1234567890`);
    await d.ui().getByRole('button', { name: 'Exchange code' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await d.ui().getByText('This answer is from another sign-in').count()).toBe(1);
    expect(await standin.exchanges()).toHaveLength(0);
  });

  it('finishes a popup sign-in without a state echo when OpenRouter is the referrer', async () => {
    await standin.config({ echoState: false, referrerPolicy: 'origin' });
    const d = await docs();
    const popup = await authorizeInPopup(d);
    await Promise.all([popup.waitForEvent('close'), approve(popup)]);
    await d.ui().getByTestId('api-key').waitFor();
    expect(await standin.exchanges()).toHaveLength(1);
  });

  it('does not use a popup answer without state when nothing says OpenRouter sent it, keeps waiting, and offers paste-code sign-in', async () => {
    await standin.config({ echoState: false }); // and, by default, no referrer
    const d = await docs();
    const popup = await authorizeInPopup(d);
    await approve(popup);
    await d.ui().getByRole('status').filter({ hasText: 'so another page may have sent it' }).waitFor();
    expect(await standin.exchanges()).toHaveLength(0);
    expect(await d.ui().getByTestId('api-key').count()).toBe(0);
    // The sign-in goes on: another page in the window could have sent that answer.
    expect(popup.isClosed()).toBe(false);
    await Promise.all([popup.waitForEvent('close'), d.ui().getByRole('button', { name: 'Sign in by pasting a code' }).click()]);
    expect(await d.ui().getByLabel('Paste code').isChecked()).toBe(true);
  });

  it('runs two framed sign-ins at once, each finishing with its own key', async () => {
    const d = await docs({ count: 2 });
    const first = await authorizeInPopup(d, 0);
    const second = await authorizeInPopup(d, 1);
    await Promise.all([second.waitForEvent('close'), approve(second)]);
    await d.ui(1).getByTestId('api-key').waitFor();
    await Promise.all([first.waitForEvent('close'), approve(first)]);
    await d.ui(0).getByTestId('api-key').waitFor();

    for (const i of [0, 1]) await d.ui(i).getByRole('button', { name: 'Show key' }).click();
    const shown = await Promise.all([0, 1].map((i) => d.ui(i).getByTestId('api-key').textContent()));
    expect(new Set(shown).size).toBe(2);
    expect((await mintedKeys()).sort()).toEqual([...shown].sort());
    expect(await standin.exchanges()).toHaveLength(2);
  });
});

describe('paste-code sign-in', () => {
  async function pasteFlow(ui: FrameLocator | Page, context: BrowserContext) {
    await ui.getByLabel('Paste code').check();
    const [tab] = await Promise.all([context.waitForEvent('page'), ui.getByRole('button', { name: 'Authorize' }).click()]);
    await tab.waitForURL(`${standinUrl}/auth?**`);
    const auth = new URL(tab.url());
    expect(auth.searchParams.has('callback_url')).toBe(false);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    await approve(tab);
    const code = await tab.locator('#code').textContent();
    await ui.getByLabel('Code from OpenRouter').fill(code!);
    await ui.getByRole('button', { name: 'Exchange code' }).click();
    await ui.getByTestId('api-key').waitFor();
    return code!;
  }

  it('works framed', async () => {
    const d = await docs();
    const code = await pasteFlow(d.ui(), d.context);
    expect(await standin.exchanges()).toHaveLength(1);
    expect(d.recorder.sinks.filter((s) => s.kind === 'storage')).toEqual([]);
    const [key] = await mintedKeys();
    expect(await secretPlaces(d.frame())).not.toContain(key);
    expect(JSON.stringify(await d.messages())).not.toContain(code);
  });

  it('works in a tab of its own, storing nothing', async () => {
    const { context, page, recorder } = await openPage();
    await page.goto(appUrl);
    await pasteFlow(page, context);
    const [key] = await mintedKeys();
    expect(recorder.sinks.filter((s) => s.kind === 'storage')).toEqual([]);
    expect(await secretPlaces(page)).not.toContain(key);
    expect(recorder.console.join('\n')).not.toContain(key);
  });
});

describe('prefilled links', () => {
  it('show the values, note what was ignored, and start nothing by themselves', async () => {
    const { context, page } = await openPage();
    await page.goto(`${appUrl}?key_label=Docs%20demo&limit=5&usage_limit_type=daily&expires_in=7d&mode=popup&callback_url=https://evil.example/&bogus=1`);
    await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
    expect(await page.getByLabel('Key label').inputValue()).toBe('Docs demo');
    expect(await page.getByLabel('Credit limit (USD)').inputValue()).toBe('5');
    expect(await page.getByLabel('Limit resets').inputValue()).toBe('daily');
    expect(await page.getByLabel('Expires', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await page.getByLabel('Popup').isChecked()).toBe(true);
    expect(await page.getByLabel('Callback URL').inputValue()).toBe(appUrl);
    const notes = await page.getByRole('list', { name: 'Link parameters ignored' }).textContent();
    expect(notes).toContain('"callback_url"');
    expect(notes).toContain('"bogus"');
    await page.waitForTimeout(500);
    expect(context.pages()).toHaveLength(1);
    expect((await standin.log()).filter((r) => r.path === '/auth')).toHaveLength(0);
  });
});

describe('links made in the embed panel', () => {
  const DAY = 86_400_000;
  /** The link and the frame the panel offers, and what it says of the expiry. */
  const panel = async (page: Page) => ({
    link: (await page.getByRole('button', { name: 'Copy link' }).locator('xpath=following-sibling::pre[1]').textContent())!,
    frame: (await page.getByRole('button', { name: 'Copy embed code' }).locator('xpath=following-sibling::pre[1]').textContent())!,
    says: (await page.locator('details .help').first().textContent())!,
  });
  /** Opens `link` in a new reader's page whose clock reads `now`; returns the expiry the form shows, its UTC value and any notes. */
  async function openLater(link: string, now: number) {
    const { page } = await openPage();
    await page.clock.setFixedTime(now);
    await page.goto(link);
    await appReady(page);
    const body = JSON.parse((await page.getByLabel('Request body JSON').textContent())!) as Record<string, string>;
    return {
      local: await page.getByLabel('Expires', { exact: true }).inputValue(),
      utc: body.expires_at,
      notes: await page.getByRole('list', { name: 'Link parameters ignored' }).count(),
    };
  }

  it('keep a preset expiry relative, so the link opened 8 days later still sets one; a picked date is written as that date', async () => {
    const { page } = await openPage();
    await page.goto(appUrl);
    await appReady(page);
    await page.getByText('Link or embed these settings').click();
    await page.getByRole('button', { name: '7 days' }).click();
    const relative = await panel(page);
    expect(new URL(relative.link).searchParams.get('expires_in')).toBe('7d');
    expect(relative.link).not.toContain('expires_at');
    expect(relative.frame).toContain('expires_in=7d');
    expect(relative.says).toContain('expires_in=7d');

    // A reader 8 days later: 7 days from then, not a date already past.
    const later = Date.now() + 8 * DAY;
    const read = await openLater(relative.link, later);
    expect(read.notes).toBe(0);
    expect(Math.abs(Date.parse(read.utc!) - (later + 7 * DAY))).toBeLessThan(60_000);

    // A date the author picks by hand is that date, for every reader.
    await page.getByLabel('Expires', { exact: true }).fill('2099-06-30T12:34:56');
    const fixed = await panel(page);
    expect(new URL(fixed.link).searchParams.get('expires_at')).toBe('2099-06-30T10:34:56Z');
    expect(fixed.link).not.toContain('expires_in');
    expect(fixed.says).toContain('expires_at, a fixed date');
    const fixedRead = await openLater(fixed.link, later);
    expect(fixedRead).toMatchObject({ local: '2099-06-30T12:34:56', notes: 0 });
  });

  it('keep the expires_in of the link the page was opened with', async () => {
    const { page } = await openPage();
    await page.goto(`${appUrl}?expires_in=30d&mode=popup`);
    await appReady(page);
    await page.getByText('Link or embed these settings').click();
    const { link, says } = await panel(page);
    expect(link).toBe(`${appUrl}?expires_in=30d&mode=popup`);
    expect(says).toContain('expires_in=30d');
  });
});
