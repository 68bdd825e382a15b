// A first visit: the prerendered page and one small script, until the visitor does something.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { appUrl, decide, standinUrl, useChromium, wake } from './harness';

const openPage = useChromium();

/** Every script the page requested so far, by file name. */
function scriptsOf(page: Page): () => string[] {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname.split('/').pop()!));
  return () => scripts;
}

/** Opens the app with its chunk held back until the returned function is called. */
async function openWithAppHeld(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(appUrl);
  return release;
}

describe('a first visit', () => {
  it('shows the whole form from HTML and runs only the entry script until the first interaction', async () => {
    const { page } = await openPage();
    const scripts = scriptsOf(page);
    await page.goto(appUrl, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    expect(scripts()).toHaveLength(1);
    expect(scripts()[0]).toMatch(/^index-.*\.js$/);
    // Prerendered: every control is there, labelled, before the app is.
    for (const label of ['Callback URL', 'Key label', 'Credit limit (USD)', 'Limit resets', 'Expires', 'Code challenge method', 'Workspace ID']) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    expect(await page.getByRole('button', { name: 'Authorize' }).count()).toBe(1);
    // No challenge exists yet, and the preview says why rather than blaming the fields.
    expect(await page.getByLabel('Authorization URL').textContent()).toContain('Made when you start using the form');

    await wake(page);
    expect(scripts().some((s) => s.startsWith('start-'))).toBe(true);
    // The app took over with this page's own address as the callback.
    expect(await page.getByLabel('Callback URL').inputValue()).toBe(appUrl);
  });

  it('keeps what was typed and chosen before the app was there', async () => {
    const { page } = await openPage();
    // The typing certainly happens before the app renders.
    const release = await openWithAppHeld(page);
    await page.getByLabel('Key label').fill('Typed early');
    await page.getByLabel('Limit resets').selectOption('weekly');
    await page.getByLabel('Popup').check();
    release();
    await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
    expect(await page.getByLabel('Key label').inputValue()).toBe('Typed early');
    const body = JSON.parse((await page.getByLabel('Request body JSON').textContent())!) as Record<string, unknown>;
    expect(body).toMatchObject({ key_label: 'Typed early', usage_limit_type: 'weekly' });
    expect(await page.getByLabel('Popup').isChecked()).toBe(true);
  });

  it('does not lose a press that comes before the app: a preset and then Authorize', async () => {
    const { page } = await openPage();
    const release = await openWithAppHeld(page);
    await page.getByRole('button', { name: '7 days' }).click();
    release();
    await expect.poll(() => page.getByLabel('Expires').inputValue(), { timeout: 10_000 }).not.toBe('');

    await Promise.all([page.waitForURL(`${standinUrl}/auth?**`), page.getByRole('button', { name: 'Authorize' }).click()]);
    expect(new URL(page.url()).searchParams.get('expires_at')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await decide(page, 'Approve');
    await page.getByTestId('api-key').waitFor();
  });

  it('applies the theme a link asks for', async () => {
    const { page } = await openPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${appUrl}?theme=dark`);
    await page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(200);
  });
});
