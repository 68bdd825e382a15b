// The code the built page shows, in Chromium: each program fetched from the page's own site (served
// under a sub-path) when it is chosen, with the form's settings in it; the bash program, copied from
// the page as shown, mints a key against the stand-in; the app sign-in code below the preview in the
// modes that open OpenRouter's /auth; and a clear note when a program cannot be fetched.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appUrl, fillForm, randomApiKey, standin, standinUrl, useChromium, useKeyMode } from './harness';

const openPage = useChromium();

async function open() {
  const opened = await openPage();
  await opened.page.goto(appUrl);
  return opened;
}

/** The label every test puts in the form: quotes, a backslash, `$` and an emoji, each a value only. */
const LABEL = `Docs "key" \\ $HOME 🔑`;

describe('the programs on the page', () => {
  it('key mode: shows the Python program with the form’s settings, fetched from the page’s own site when chosen', async () => {
    const { page, recorder } = await open();
    await useKeyMode(page, { existingKey: randomApiKey(), appTitle: 'Docs' });
    await fillForm(page, { key_label: LABEL, limit: '5' });
    const code = page.getByLabel('Code snippet');
    // TypeScript first, fetched as key mode opened.
    await code.filter({ hasText: 'process.env.OPENROUTER_API_KEY' }).waitFor();
    await page.getByLabel('As code').selectOption({ label: 'Python' });
    await code.filter({ hasText: 'SETTINGS = Settings(' }).waitFor();
    const text = (await code.textContent())!;
    expect(text).toContain(
      `\nSETTINGS = Settings(**{\n  "server_url": "${standinUrl}/api/v1",\n  "app_title": "Docs",\n  "callback_url": "${appUrl}",\n  "code_challenge_method": "S256",\n  "key_label": "Docs \\"key\\" \\\\ $HOME 🔑",\n  "limit": 5\n})\n`,
    );
    expect(text).toContain('    api_key=os.environ["OPENROUTER_API_KEY"],');
    expect(text).not.toContain('@keymint-settings');
    // From the page's own sub-path, relative to the page.
    expect(recorder.requests.filter((url) => url.includes('/programs/'))).toEqual([`${appUrl}programs/mint.ts`, `${appUrl}programs/mint.py`]);
  });

  it('key mode: the bash program, copied from the page as shown, mints a key with the form’s settings', async () => {
    const existing = randomApiKey();
    await standin.addApiKey(existing);
    const { page } = await open();
    await useKeyMode(page, { existingKey: existing, appTitle: 'Docs', appCategories: 'cli-agent' });
    await fillForm(page, { key_label: LABEL, limit: '7.25', usage_limit_type: 'daily' });
    await page.getByLabel('As code').selectOption({ label: 'bash (curl)' });
    const code = page.getByLabel('Code snippet');
    await code.filter({ hasText: '#!/usr/bin/env bash' }).waitFor();
    const dir = await mkdtemp(join(tmpdir(), 'keymint-shown-'));
    try {
      await writeFile(join(dir, 'mint.sh'), (await code.textContent())!);
      const { stdout } = await promisify(execFile)('bash', [join(dir, 'mint.sh')], { env: { ...process.env, OPENROUTER_API_KEY: existing }, timeout: 30_000 });
      const key = stdout.trim();
      expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
      expect((await standin.keys())[key]).toMatchObject({ key_label: LABEL, limit: 7.25, usage_limit_type: 'daily' });
      const [request] = await standin.codeRequests();
      expect(request!.headers).toMatchObject({ 'x-openrouter-title': 'Docs', 'x-openrouter-categories': 'cli-agent' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('redirect mode: below the form and preview, the sign-in for your own app, the TypeScript module first', async () => {
    const { page, recorder } = await open();
    await fillForm(page, { key_label: LABEL, usage_limit_type: 'weekly' });
    expect(recorder.requests.filter((url) => url.includes('/programs/'))).toEqual([]);
    await page.getByText('Use this sign-in in your app').click();
    const code = page.getByLabel('App sign-in code');
    await code.filter({ hasText: 'export async function startSignIn()' }).waitFor();
    const text = (await code.textContent())!;
    expect(text).toContain(
      `\nconst settings: Settings = {\n  "serverUrl": "${standinUrl}/api/v1",\n  "callbackUrl": "${appUrl}",\n  "codeChallengeMethod": "S256",\n  "keyLabel": "Docs \\"key\\" \\\\ $HOME 🔑",\n  "usageLimitType": "weekly"\n};\n`,
    );
    expect(text).not.toMatch(/OPENROUTER_API_KEY|@keymint-settings/);
    // It follows the form.
    await fillForm(page, { usage_limit_type: 'monthly' });
    await code.filter({ hasText: '"usageLimitType": "monthly"' }).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Go' });
    await code.filter({ hasText: 'func StartSignIn() (string, string) {' }).waitFor();
    expect(recorder.requests.filter((url) => url.includes('/programs/'))).toEqual([`${appUrl}programs/app.ts`, `${appUrl}programs/app.go`]);
    // Not in key mode, which opens no /auth.
    await useKeyMode(page);
    expect(await page.getByText('Use this sign-in in your app').count()).toBe(0);
  });

  it('says so when a program cannot be fetched', async () => {
    const { page } = await open();
    await page.route('**/programs/mint.ts', (route) => route.abort());
    await useKeyMode(page);
    await page.getByLabel('Code snippet').filter({ hasText: 'Could not load this program. Pick another language and back to try again.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Copy code' }).isDisabled()).toBe(true);
  });
});
