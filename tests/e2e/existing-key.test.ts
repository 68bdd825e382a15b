// Minting with a key the person already has (POST /api/v1/auth/keys/code, then the exchange), and
// the "What OpenRouter applied" check and key links that follow any mint.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  appUrl,
  authorize,
  decide,
  fillForm,
  KEY_FIELDS,
  pressMintWithKey,
  randomApiKey,
  secretPlaces,
  sha256Hex,
  standin,
  standinUrl,
  useKeyMode,
  type LoggedRequest,
  useChromium,
} from './harness';

const openPage = useChromium();

async function open(query = '') {
  const opened = await openPage();
  await opened.page.goto(appUrl + query);
  return opened;
}

const b64u = (buf: Buffer) => buf.toString('base64url');
const mintedKeys = async () => Object.keys(await standin.keys());
const json = (request: LoggedRequest) => JSON.parse(request.body) as Record<string, unknown>;

/** Every setting the form can ask for, and the three attribution fields. */
const SETTINGS = {
  key_label: 'Docs key #7 & co',
  limit: '7.25',
  usage_limit_type: 'monthly',
  expires_at: '2099-06-30T12:34:56', // Berlin summer time: 10:34:56 UTC
  workspace_id: '3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F',
};
const ATTRIBUTION = {
  httpReferer: 'https://docs.example.com/keymint',
  appTitle: 'Keymint Docs',
  appCategories: 'cli-agent, cloud-agent',
};

/** The verification table's rows once GET /api/v1/key has answered: setting → class, cells. */
async function appliedRows(page: Page) {
  await page.locator('tbody tr').first().waitFor();
  return page.locator('tbody tr').evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const cells = [...row.children].map((cell) => cell.textContent ?? '');
        return [cells[0], { className: row.className, cells }];
      }),
    ),
  );
}

/** Mints with `existing` and every setting; waits for the key and its check. */
async function mintWithExistingKey(page: Page, existing: string, keep = false) {
  await useKeyMode(page, { existingKey: existing, ...ATTRIBUTION });
  await fillForm(page, SETTINGS);
  if (keep) await page.getByLabel('Keep my key here to mint another').check();
  await pressMintWithKey(page);
  await page.getByTestId('api-key').waitFor();
  await page.locator('tbody tr').first().waitFor();
}

describe('minting with an existing API key', () => {
  it('sends the create-code request with the key as Bearer and the attribution, exchanges with a matching verifier, and shows the key', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await mintWithExistingKey(page, existing);

    const codeRequests = await standin.codeRequests();
    expect(codeRequests).toHaveLength(1);
    const create = codeRequests[0]!;
    expect(create.headers.authorization).toBe(`Bearer ${existing}`);
    expect(create.headers['http-referer']).toBe('https://docs.example.com/keymint');
    expect(create.headers['x-openrouter-title']).toBe('Keymint Docs');
    expect(create.headers['x-openrouter-categories']).toBe('cli-agent,cloud-agent');
    expect(create.headers['content-type']).toMatch(/^application\/json/);
    expect(create.headers.cookie).toBeUndefined();
    // The fetch's own Referer is off: only the HTTP-Referer header names the app.
    expect(create.headers.referer).toBeUndefined();

    const body = json(create);
    // snake_case, in the TypeScript SDK's order, expires_at as Date.toISOString() writes it.
    expect(Object.keys(body)).toEqual([
      'callback_url',
      'code_challenge',
      'code_challenge_method',
      'expires_at',
      'key_label',
      'limit',
      'usage_limit_type',
      'workspace_id',
    ]);
    expect(body).toMatchObject({
      callback_url: appUrl,
      code_challenge_method: 'S256',
      expires_at: '2099-06-30T10:34:56.000Z',
      key_label: 'Docs key #7 & co',
      limit: 7.25,
      usage_limit_type: 'monthly',
      workspace_id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    });
    expect(body.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Then exactly one exchange, whose verifier hashes to the challenge, and without the existing key.
    const exchanges = await standin.exchanges();
    expect(exchanges).toHaveLength(1);
    const exchange = exchanges[0]!;
    const sent = json(exchange) as Record<string, string>;
    expect(Object.keys(sent).sort()).toEqual(['code', 'code_challenge_method', 'code_verifier']);
    expect(sent.code_challenge_method).toBe('S256');
    expect(b64u(createHash('sha256').update(sent.code_verifier!).digest())).toBe(body.code_challenge);
    expect(exchange.headers.authorization).toBeUndefined();
    expect(exchange.body).not.toContain(existing);

    // In that order: create the code, exchange it, ask what the new key has (with the new key).
    const [key] = await mintedKeys();
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    const log = (await standin.log()).filter((r) => r.method !== 'OPTIONS');
    expect(log.map((r) => r.path)).toEqual(['/api/v1/auth/keys/code', '/api/v1/auth/keys', '/api/v1/key']);
    expect(log[2]!.headers.authorization).toBe(`Bearer ${key}`);

    // Focus moved to the new key, as after a sign-in.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('key-title');
    await page.getByRole('button', { name: 'Show key' }).click();
    expect(await page.getByTestId('api-key').textContent()).toBe(key);
  });

  it('finds every requested setting on the key', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await mintWithExistingKey(page, existing);

    const rows = await appliedRows(page);
    expect(Object.keys(rows)).toEqual(['Label', 'Credit limit', 'Limit remaining', 'Limit resets', 'Expires', 'BYOK in limit', 'Workspace']);
    const same = {
      Label: 'Docs key #7 & co',
      'Credit limit': '$7.25',
      'Limit resets': 'Monthly',
      Expires: '2099-06-30 10:34:56 UTC',
      Workspace: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    };
    for (const [setting, text] of Object.entries(same)) {
      expect(rows[setting]!.className, setting).toBe('same');
      // Setting | Requested | On the key | Check
      expect(rows[setting]!.cells.slice(1), setting).toEqual([text, text, 'Same']);
    }
    // Not part of the request: shown for information, never as a difference.
    expect(rows['Limit remaining']!.className).toBe('info');
    expect(rows['Limit remaining']!.cells[2]).toBe('$7.25');
    expect(rows['BYOK in limit']!.className).toBe('info');
    expect(await page.locator('tr.differs').count()).toBe(0);
    expect(await page.getByText('Every setting was applied as requested.', { exact: true }).count()).toBe(1);
  });

  it('empties the existing key field after the mint', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await mintWithExistingKey(page, existing);
    expect(await page.getByLabel(KEY_FIELDS.existingKey).inputValue()).toBe('');
    expect(await page.getByLabel('Keep my key here to mint another').isChecked()).toBe(false);
    // The attribution stays: it is not secret.
    expect(await page.getByLabel(KEY_FIELDS.appTitle).inputValue()).toBe('Keymint Docs');
    // The preview no longer names any key.
    expect(await page.getByLabel('Create-code request').textContent()).not.toContain(existing.slice(-4));
  });

  it('keeps the existing key when asked, and mints another with it', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await mintWithExistingKey(page, existing, true);
    expect(await page.getByLabel(KEY_FIELDS.existingKey).inputValue()).toBe(existing);

    // A second key never replaces the first unseen: it must be forgotten first.
    const mint = page.getByRole('button', { name: 'Mint with my API key' });
    expect(await mint.isDisabled()).toBe(true);
    expect(await page.locator(`#${await mint.getAttribute('aria-describedby')}`).textContent()).toBe('Forget this key to mint another.');
    const first = (await mintedKeys())[0]!;
    // Never copied: Forget asks first, and a second press forgets it.
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.getByRole('alert').filter({ hasText: 'press Forget again' }).waitFor();
    expect(await page.getByTestId('api-key').count()).toBe(1);
    await page.getByRole('button', { name: 'Forget' }).click();
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(await mint.isEnabled()).toBe(true);
    expect(await page.getByLabel(KEY_FIELDS.existingKey).inputValue()).toBe(existing);

    await pressMintWithKey(page);
    await expect.poll(mintedKeys).toHaveLength(2);
    await expect.poll(async () => (await standin.keyLookups()).length).toBe(2);
    const codeRequests = await standin.codeRequests();
    expect(codeRequests.map((r) => r.headers.authorization)).toEqual([`Bearer ${existing}`, `Bearer ${existing}`]);
    // A fresh challenge and verifier for the second mint.
    expect(json(codeRequests[1]!).code_challenge).not.toBe(json(codeRequests[0]!).code_challenge);
    const second = (await mintedKeys()).find((key) => key !== first)!;
    await expect.poll(() => page.getByTestId('api-key').textContent()).toContain(second.slice(-4));
    expect(await page.getByLabel(KEY_FIELDS.existingKey).inputValue()).toBe(existing);
  });

  it('reports a key OpenRouter does not accept (401) with what to do, and exchanges nothing', async () => {
    await standin.addApiKey(randomApiKey()); // some other key is valid; this one is not
    const wrong = randomApiKey();
    const { page } = await open();
    await useKeyMode(page, { existingKey: wrong });
    await pressMintWithKey(page);

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('did not accept this key');
    const text = (await alert.textContent())!;
    expect(text).toContain('Paste a valid key');
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(wrong.slice(9, 25));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('alert-title');
    // Nothing to retry: the same key would fail the same way.
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    expect(await standin.codeRequests()).toHaveLength(1);
    expect((await standin.codeRequests())[0]!.headers.authorization).toBe(`Bearer ${wrong}`);
    expect(await standin.exchanges()).toHaveLength(0);
    expect(await standin.keyLookups()).toHaveLength(0);
    expect(await mintedKeys()).toHaveLength(0);
    expect(await page.getByTestId('api-key').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(wrong);
  });

  it('refuses to send without a key, naming the field', async () => {
    const { page } = await open();
    await useKeyMode(page);
    await pressMintWithKey(page);
    const field = page.getByLabel(KEY_FIELDS.existingKey);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Paste an OpenRouter API key.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('k-existingKey');
    expect(await standin.codeRequests()).toHaveLength(0);
  });
});

describe('what OpenRouter applied', () => {
  it('marks a requested limit that OpenRouter dropped (redirect mint) and nothing else', async () => {
    await standin.config({ ignoreAuthParams: ['limit'] });
    const { page } = await open();
    await fillForm(page, { key_label: 'Limited', limit: '5', usage_limit_type: 'daily' });
    await authorize(page);
    await decide(page, 'Approve');
    const rows = await appliedRows(page);

    expect(rows['Credit limit']!.className).toBe('differs');
    expect(rows['Credit limit']!.cells).toEqual([
      'Credit limit',
      '$5.00',
      'No limit',
      'DIFFERS: change it in the key’s settings if you can, or revoke the key',
    ]);
    expect(rows.Label!.className).toBe('same');
    expect(rows.Label!.cells.slice(1)).toEqual(['Limited', 'Limited', 'Same']);
    expect(rows['Limit resets']!.className).toBe('same');
    expect(rows['Limit resets']!.cells.slice(1)).toEqual(['Daily', 'Daily', 'Same']);
    expect(rows.Expires!.className).toBe('same');
    expect(rows.Expires!.cells.slice(1)).toEqual(['Never', 'Never', 'Same']);
    expect(rows['Limit remaining']!.className).toBe('info');
    expect(rows['BYOK in limit']!.className).toBe('info');
    expect(rows.Workspace!.className).toBe('info');
    expect(await page.locator('tr.differs').count()).toBe(1);
    expect(await page.getByText('Not every setting was applied as requested.').count()).toBe(1);
    // The key itself is fine and shown.
    const [key] = await mintedKeys();
    expect(await page.getByTestId('api-key').textContent()).toContain(key!.slice(-4));
  });

  it('says in each DIFFERS row what to do, linking the key’s own settings page, and keeps words whole at 320 px', async () => {
    await standin.config({ ignoreAuthParams: ['limit', 'expires_at'] });
    const { page } = await open();
    await page.setViewportSize({ width: 320, height: 800 });
    await fillForm(page, { key_label: 'Checked at 320', limit: '5', expires_at: '2099-06-30T12:34:56', workspace_id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f' });
    await authorize(page);
    await decide(page, 'Approve');
    const rows = await appliedRows(page);
    const [key] = await mintedKeys();
    for (const setting of ['Credit limit', 'Expires']) {
      expect(rows[setting]!.cells[3]).toBe('DIFFERS: change it in the key’s settings if you can, or revoke the key');
      const link = page.getByRole('row', { name: new RegExp(`^${setting}`) }).getByRole('link');
      expect(await link.getAttribute('href')).toBe(`${standinUrl}/keys/${sha256Hex(key!)}`);
    }
    expect(await page.locator('tbody a').count()).toBe(2);
    // Every word of the table on one line: a cell breaks only between words (a UUID's parts may split).
    const broken = await page.locator('table').evaluate((table) => {
      const split: string[] = [];
      const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent!.matchAll(/[^\s-]+-?/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (range.getClientRects().length > 1 && !/^[0-9a-f]{9,}$/.test(match[0])) split.push(match[0]);
        }
      }
      return split;
    });
    expect(broken).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // Still a table for assistive technology, though each row is laid out on two lines.
    expect(await page.getByRole('row').count()).toBe(8);
    expect(await page.getByRole('rowheader', { name: 'Credit limit' }).count()).toBe(1);
    // The key's three buttons on one line.
    const tops = await Promise.all(
      ['Show key', 'Copy', 'Forget'].map(async (name) => (await page.getByRole('button', { name, exact: true }).boundingBox())!.y),
    );
    expect(new Set(tops).size).toBe(1);
  });

  it('checks the key’s settings again on Check again after GET /api/v1/key failed', async () => {
    await standin.fault({ route: 'key', status: 503, times: 1 });
    const { page } = await open();
    await fillForm(page, { key_label: 'Checked again', limit: '5' });
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByText('Keymint could not check the key’s settings').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(0);
    await page.getByRole('button', { name: 'Check again' }).click();
    const rows = await appliedRows(page);
    expect(rows['Credit limit']!.cells.slice(1)).toEqual(['$5.00', '$5.00', 'Same']);
    expect(await page.getByText('Every setting was applied as requested.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Check again' }).count()).toBe(0);
    expect(await standin.keyLookups()).toHaveLength(2);
    expect(await standin.exchanges()).toHaveLength(1);
  });

  it('still shows the key, with a note, when GET /api/v1/key fails', async () => {
    await standin.fault({ route: 'key', status: 500 });
    const { page } = await open();
    await fillForm(page, { limit: '5' });
    await authorize(page);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor();
    const note = page.getByText('Keymint could not check the key’s settings');
    await note.waitFor();
    expect(await note.textContent()).toContain('HTTP 500');
    expect(await note.textContent()).toContain('The key itself is fine.');
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(await standin.keyLookups()).toHaveLength(1);
    // The key is there, whole, and no alert replaced it.
    const [key] = await mintedKeys();
    await page.getByRole('button', { name: 'Show key' }).click();
    expect(await page.getByTestId('api-key').textContent()).toBe(key);
    expect((await page.getByRole('alert').textContent())!.trim()).toBe('');
  });
});

type Via = 'redirect' | 'popup' | 'paste' | 'key';

/** Signs in through the window the mode opens (the popup, or the paste-code tab) and approves there. */
async function approveInNewWindow(page: Page, context: BrowserContext, mode: 'Popup' | 'Paste code'): Promise<Page> {
  await page.getByLabel(mode).check();
  await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
  const [opened] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Authorize' }).click()]);
  await opened.waitForURL(`${standinUrl}/auth?**`);
  await opened.getByRole('button', { name: 'Approve' }).click();
  return opened;
}

/** Mints a key by one of the four ways, with a label and a limit; returns the page. */
async function mintVia(via: Via): Promise<Page> {
  const existing = randomApiKey();
  if (via === 'key') await standin.addApiKey(existing);
  const { context, page } = await open();
  await fillForm(page, { key_label: `Via ${via}`, limit: '3' });
  if (via === 'redirect') {
    await authorize(page);
    await decide(page, 'Approve');
  } else if (via === 'popup') {
    await approveInNewWindow(page, context, 'Popup');
  } else if (via === 'paste') {
    const tab = await approveInNewWindow(page, context, 'Paste code');
    await page.getByLabel('Code from OpenRouter').fill((await tab.locator('#code').textContent())!);
    await page.getByRole('button', { name: 'Exchange code' }).click();
  } else {
    await useKeyMode(page, { existingKey: existing });
    await pressMintWithKey(page);
  }
  await page.getByTestId('api-key').waitFor();
  return page;
}

describe('after any mint', () => {
  it.each<Via>(['redirect', 'popup', 'paste', 'key'])('via %s: checks the key and links to its settings and activity by SHA-256', async (via) => {
    const page = await mintVia(via);
    const rows = await appliedRows(page);
    expect(rows.Label!.cells.slice(1)).toEqual([`Via ${via}`, `Via ${via}`, 'Same']);
    expect(rows['Credit limit']!.cells.slice(1)).toEqual(['$3.00', '$3.00', 'Same']);

    const [key] = await mintedKeys();
    const hash = sha256Hex(key!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const settings = page.getByRole('link', { name: 'OpenRouter’s key settings' });
    const activity = page.getByRole('link', { name: 'activity', exact: true });
    expect(await settings.getAttribute('href')).toBe(`${standinUrl}/keys/${hash}`);
    expect(await activity.getAttribute('href')).toBe(`${standinUrl}/logs?api_key_hash=${hash}`);
    for (const link of [settings, activity]) {
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.getAttribute('target')).toBe('_blank');
    }
    // The hash names the key; the key itself is in no link.
    expect(await page.locator('a[href]').evaluateAll((links, k) => links.filter((a) => a.getAttribute('href')!.includes(k)).length, key!)).toBe(0);
  });
});

describe('secrets when minting with an existing key', () => {
  it('leaves neither key in storage, cookies, URLs, console or the DOM, and previews the existing key only redacted', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page, recorder } = await open();
    await useKeyMode(page, { existingKey: existing, ...ATTRIBUTION });
    await fillForm(page, SETTINGS);

    // Before sending: the typed key is a property of the password field, never markup or preview text.
    const field = page.getByLabel(KEY_FIELDS.existingKey);
    expect(await field.getAttribute('type')).toBe('password');
    expect(await field.inputValue()).toBe(existing);
    expect(await field.getAttribute('value')).toBeNull();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(existing);
    const redacted = `Authorization: Bearer sk-or-v1-…${existing.slice(-4)}`;
    const preview = page.getByLabel('Create-code request');
    await preview.filter({ hasText: '"code_challenge"' }).waitFor();
    expect((await preview.textContent())!.split('\n')).toContain(redacted);
    const snippet = page.getByLabel('Code snippet');
    const languages = await page
      .getByLabel('As code')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(languages.length).toBeGreaterThan(0);
    for (const language of languages) {
      await page.getByLabel('As code').selectOption(language);
      // The program itself, fetched when chosen, with the settings in it.
      await snippet.filter({ hasText: 'OPENROUTER_API_KEY' }).filter({ hasText: ATTRIBUTION.appTitle }).waitFor();
      const code = (await snippet.textContent())!;
      expect(code, language).not.toContain(existing);
      expect(code, language).not.toContain(existing.slice(9, 25));
    }
    // The whole visible page: the existing key shows only as its prefix and last four.
    const visible = await page.evaluate(() => document.body.innerText);
    expect(visible).not.toContain(existing);
    expect(visible).not.toContain(existing.slice(9, 25));

    await pressMintWithKey(page);
    await page.getByTestId('api-key').waitFor();
    await page.locator('tbody tr').first().waitFor();
    const [key] = await mintedKeys();
    // Shown on request, then hidden again: only then must the DOM be free of it.
    await page.getByRole('button', { name: 'Show key' }).click();
    expect(await page.getByTestId('api-key').textContent()).toBe(key);
    await page.getByRole('button', { name: 'Hide key' }).click();

    const secrets = { existing, key: key! };
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value).join('\n'));
    const places = await secretPlaces(page);
    for (const [name, secret] of Object.entries(secrets)) {
      expect(
        recorder.sinks.filter((s) => s.value.includes(secret)),
        name,
      ).toEqual([]);
      expect(places, name).not.toContain(secret);
      expect(recorder.console.join('\n'), name).not.toContain(secret);
      expect(page.url(), name).not.toContain(secret);
      for (const url of recorder.requests) expect(url, name).not.toContain(secret);
      expect(html, name).not.toContain(secret);
      expect(values, name).not.toContain(secret);
    }
    // Minting with a key writes nothing at all to storage.
    expect(recorder.sinks.filter((s) => s.kind === 'storage')).toEqual([]);
    expect(page.url()).toBe(appUrl);
    // The requests did go out: the recorder saw them.
    expect(recorder.requests.some((u) => u.endsWith('/api/v1/auth/keys/code'))).toBe(true);
    expect(recorder.requests.some((u) => u.endsWith('/api/v1/key'))).toBe(true);
  });
});
