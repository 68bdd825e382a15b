// The whole redirect flow in a real Chromium, against the built page and the OpenRouter stand-in.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { appUrl, authorize, decide, fillForm, secretPlaces, standin, standinUrl, useChromium } from './harness';

const openPage = useChromium();

async function open() {
  const opened = await openPage();
  await opened.page.goto(appUrl);
  return opened;
}

const b64u = (buf: Buffer) => buf.toString('base64url');

describe('minting a key end to end', () => {
  it('sends every field to /auth, exchanges the code with a verified verifier and shows the key', async () => {
    const { page } = await open();
    await fillForm(page, {
      key_label: 'Docs & demos #1 100% 🔑',
      limit: '12.50',
      usage_limit_type: 'weekly',
      expires_at: '2099-06-30T12:34:56',
      workspace_id: '3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F',
    });
    await authorize(page);

    const auth = (await standin.log()).find((r) => r.path === '/auth')!;
    expect(auth.query).toMatchObject({
      callback_url: appUrl,
      code_challenge_method: 'S256',
      key_label: 'Docs & demos #1 100% 🔑',
      limit: '12.5',
      usage_limit_type: 'weekly',
      workspace_id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    });
    expect(auth.query.expires_at).toBe('2099-06-30T10:34:56Z'); // Berlin summer time is UTC+2
    expect(auth.query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.headers.referer).toBeUndefined();

    await decide(page, 'Approve');
    await expect.poll(() => page.getByTestId('api-key').count()).toBe(1);

    const [exchange] = await standin.exchanges();
    const sent = JSON.parse(exchange!.body) as Record<string, string>;
    expect(Object.keys(sent).sort()).toEqual(['code', 'code_challenge_method', 'code_verifier']);
    expect(sent.code_challenge_method).toBe('S256');
    expect(b64u(createHash('sha256').update(sent.code_verifier!).digest())).toBe(auth.query.code_challenge);
    expect(exchange!.headers.authorization).toBeUndefined();
    expect(exchange!.headers.referer).toBeUndefined();
    expect(exchange!.headers.cookie).toBeUndefined();

    const [key] = Object.keys(await standin.keys());
    expect(await page.getByTestId('api-key').textContent()).toBe(`sk-or-v1-${'•'.repeat(12)}${key!.slice(-4)}`);
    await page.getByRole('button', { name: 'Show key' }).click();
    expect(await page.getByTestId('api-key').textContent()).toBe(key);
    await page.getByRole('button', { name: 'Hide key' }).click();
    expect(await page.getByTestId('api-key').textContent()).not.toContain(key);
    expect(page.url()).toBe(appUrl);
  });

  it('leaves the key, code and verifier in no storage, cookie, URL, history, title or console', async () => {
    const { page, recorder } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor();
    await page.getByRole('button', { name: 'Show key' }).click();

    const [key] = Object.keys(await standin.keys());
    const [exchange] = await standin.exchanges();
    const { code, code_verifier: verifier } = JSON.parse(exchange!.body) as Record<string, string>;
    const secrets = [key!, code!, verifier!];

    // Only the verifier may have been written, to sessionStorage, while the redirect was out.
    const writes = recorder.sinks.filter((s) => secrets.some((secret) => s.value.includes(secret)));
    expect(writes.map((w) => w.kind)).toEqual(['storage']);
    expect(writes[0]!.value).toContain(verifier);
    expect(writes[0]!.value).not.toContain(key);

    const places = await secretPlaces(page);
    for (const secret of secrets) {
      expect(places).not.toContain(secret);
      expect(recorder.console.join('\n')).not.toContain(secret);
    }
    // The history entry the callback landed on was replaced: neither back nor forward holds the code.
    for (const sink of recorder.sinks.filter((s) => s.kind === 'history')) expect(sink.value).not.toMatch(/code=|state=/);
    page.on('dialog', (dialog) => void dialog.accept()); // leaving with a key on screen asks first
    await page.goBack();
    expect(page.url().startsWith(`${standinUrl}/auth?`)).toBe(true);
    await page.goForward();
    expect(page.url()).toBe(appUrl);
    expect(await standin.exchanges()).toHaveLength(1);
    // Every request went to the page's own origin or to the stand-in, and no URL carried the key.
    const origins = new Set(recorder.requests.map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([new URL(appUrl).origin, standinUrl].sort());
    for (const url of recorder.requests) expect(url).not.toContain(key);
  });

  it('shows a denial as text and exchanges nothing', async () => {
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Deny');
    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in was not completed' });
    await expect.poll(() => alert.textContent()).toContain('access_denied');
    expect(await alert.textContent()).toContain('The user denied access.');
    expect(await standin.exchanges()).toHaveLength(0);
    expect(page.url()).toBe(appUrl);
    expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(0);
  });

  it('after a denial, shows the settings that were asked for: nothing to retype', async () => {
    const { page } = await open();
    const asked = {
      key_label: 'Pressed Deny by mistake',
      limit: '12.5',
      usage_limit_type: 'weekly',
      expires_at: '2099-06-30T12:34:56',
      code_challenge_method: 'plain',
      workspace_id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    };
    await fillForm(page, asked);
    await authorize(page);
    await decide(page, 'Deny');
    await page.getByRole('alert').filter({ hasText: 'Sign-in was not completed' }).waitFor();
    for (const [name, value] of Object.entries(asked)) expect(await page.locator(`[name="${name}"]`).inputValue(), name).toBe(value);
    expect(await page.getByRole('list', { name: 'Link parameters ignored' }).count()).toBe(0);
    // The same request again, with a new challenge and state.
    const url = new URL((await page.getByLabel('Authorization URL').textContent())!);
    expect(url.searchParams.get('key_label')).toBe(asked.key_label);
    expect(url.searchParams.get('expires_at')).toBe('2099-06-30T10:34:56Z');
    expect(url.searchParams.get('code_challenge_method')).toBe('plain');
  });

  it('after a denial, keeps an expiry set with a preset relative: the embed link still says expires_in', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: '7 days' }).click();
    await authorize(page);
    await decide(page, 'Deny');
    await page.getByRole('alert').filter({ hasText: 'Sign-in was not completed' }).waitFor();
    await page.getByText('Link or embed these settings').click();
    const link = (await page.getByRole('button', { name: 'Copy link' }).locator('xpath=following-sibling::pre[1]').textContent())!;
    expect(new URL(link).searchParams.get('expires_in')).toBe('7d');
    expect(link).not.toContain('expires_at');
    expect(await page.locator('details .help').first().textContent()).toBe('Expiry: expires_in=7d, from opening the link.');
  });

  it('says Copied on the Copy button itself, in view, at 320 px', async () => {
    const { context, page } = await openPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(appUrl);
    await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
    await page.getByRole('button', { name: 'Copy URL' }).click();
    const copied = page.getByRole('button', { name: 'Copied' });
    await copied.waitFor();
    // Where the press was: the button itself, whole, inside the viewport.
    const box = (await copied.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByLabel('Authorization URL').textContent());
    // Announced too, and the button takes its name back.
    expect(await page.getByRole('status').textContent()).toBe('Copied.');
    await page.getByRole('button', { name: 'Copy URL' }).waitFor({ timeout: 3000 });
  });

  it('still finishes when OpenRouter does not echo state but the browser says OpenRouter sent the tab back', async () => {
    await standin.config({ echoState: false, referrerPolicy: 'origin' });
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor();
    expect(await standin.exchanges()).toHaveLength(1);
  });

  it('ignores a forged ?code= when no sign-in is waiting: no request, URL cleaned, neutral note, the code not shown', async () => {
    const { page } = await openPage();
    await page.goto(`${appUrl}?code=forged-code-1234567890`);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Keymint ignored a sign-in answer in the address: it matches no sign-in waiting in this tab.');
    expect(page.url()).toBe(appUrl);
    // Without a state nothing vouches for it: it is neither offered for pasting nor alarming.
    expect(await page.getByRole('region', { name: 'Finish in the Keymint that started this sign-in' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('forged-code');
    expect((await page.getByRole('alert').textContent())!.trim()).toBe('');
    expect(await page.getByRole('button', { name: 'Authorize' }).isEnabled()).toBe(true);
    expect(await standin.exchanges()).toHaveLength(0);
  });

  it('offers an answer with a state that nothing here waits for as a line to paste where it is waited for, and exchanges nothing', async () => {
    // A sign-in window whose consent page sent Cross-Origin-Opener-Policy looks just like this tab:
    // no name, no opener. The line carries the state, which the waiting Keymint checks on paste.
    const { page } = await openPage();
    await page.goto(`${appUrl}?code=some-code-1234567890&state=some-state-1234567890`);
    const region = page.getByRole('region', { name: 'Finish in the Keymint that started this sign-in' });
    expect(await region.locator('pre').textContent()).toBe(`${appUrl}?code=some-code-1234567890&state=some-state-1234567890`);
    // Only what to do with the answer: no other status, link or form in the app's part of the page.
    expect(await page.locator('#app').evaluate((app) => app.querySelectorAll('[role=status], a, form, input').length)).toBe(0);
    expect(await page.getByRole('heading', { name: 'How it works' }).count()).toBe(0);
    expect(page.url()).toBe(appUrl);
    expect(await standin.exchanges()).toHaveLength(0);
  });

  it('shows none of the words of a forged ?error= that matches no sign-in', async () => {
    const { page } = await openPage();
    await page.goto(`${appUrl}?error=access_denied&error_description=${encodeURIComponent('Your account is locked: call +1 555 0100')}`);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('it matches no sign-in waiting in this tab');
    expect(page.url()).toBe(appUrl);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain('account is locked');
    expect(text).not.toContain('access_denied');
    expect(await page.getByRole('alert').filter({ hasText: 'Sign-in was not completed' }).count()).toBe(0);
  });

  it('asks before a reload drops the key, and makes no second exchange after it', async () => {
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByRole('button', { name: 'Show key' }).click();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await page.getByRole('button', { name: 'Authorize' }).waitFor();
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(await standin.exchanges()).toHaveLength(1);
  });

  it('keeps code and verifier through a dropped connection, and Retry succeeds', async () => {
    await standin.fault({ route: 'exchange', drop: true });
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('unreachable');
    await retry.click();
    await page.getByTestId('api-key').waitFor();
    const exchanges = await standin.exchanges();
    expect(exchanges).toHaveLength(2);
    expect(exchanges[1]!.body).toBe(exchanges[0]!.body);
  });

  it('reports an expired code with what to do, and mints nothing', async () => {
    await standin.fault({ route: 'exchange', advanceClockMs: 11 * 60 * 1000 });
    const { page } = await open();
    await authorize(page);
    await decide(page, 'Approve');
    const alert = page.getByRole('alert').filter({ hasText: 'expired' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Start again');
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(Object.keys(await standin.keys())).toHaveLength(0);
  });

  it('does not start a sign-in while a field is invalid', async () => {
    const { page } = await open();
    await fillForm(page, { limit: '0.001' });
    await page.getByRole('button', { name: 'Authorize' }).click();
    const limit = page.locator('[name="limit"]');
    expect(await limit.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Use whole cents').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('limit');
    expect((await standin.log()).filter((r) => r.path === '/auth')).toHaveLength(0);
  });
});
