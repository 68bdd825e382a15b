// The whole redirect flow with the keyboard alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { appUrl, newPage, standin, standinUrl } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await standin.reset();
});
afterAll(() => browser?.close());

/** What to Tab to: a control by its name attribute, or a button by its text. */
type Target = { name: string } | { button: string };

/** Presses Tab until the target has focus, or fails after a bounded number of presses. */
async function tabTo(page: Page, target: Target): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate((t) => {
      const el = document.activeElement;
      if (!el) return false;
      return 'name' in t ? el.getAttribute('name') === t.name : el.tagName === 'BUTTON' && el.textContent?.trim() === t.button;
    }, target);
    if (reached) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}

it('mints, reveals and forgets a key without a pointer', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(appUrl);
  // No wait for the app: the first Tab starts it, and what is typed before it is there carries over.
  await tabTo(page, { name: 'key_label' });
  await page.keyboard.type('Typed with keys');
  await tabTo(page, { button: '30 days' });
  await page.keyboard.press('Enter');
  await tabTo(page, { button: 'Authorize' });
  await Promise.all([page.waitForURL(`${standinUrl}/auth?**`), page.keyboard.press('Enter')]);

  await tabTo(page, { button: 'Approve' });
  await Promise.all([page.waitForURL(appUrl), page.keyboard.press('Enter')]);

  await page.getByTestId('api-key').waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your new API key');
  await tabTo(page, { button: 'Show key' });
  await page.keyboard.press('Enter');
  const [key] = Object.keys(await standin.keys());
  expect(await page.getByTestId('api-key').textContent()).toBe(key);
  const auth = (await standin.log()).find((r) => r.path === '/auth')!;
  expect(auth.query.key_label).toBe('Typed with keys');
  expect(auth.query.expires_at).toMatch(/Z$/);

  await tabTo(page, { button: 'Forget' });
  // Never copied: the first press asks, the second (focus stays on Forget) forgets it.
  await page.keyboard.press('Space');
  await page.getByRole('alert').filter({ hasText: 'press Forget again' }).waitFor();
  expect(await page.getByTestId('api-key').count()).toBe(1);
  await page.keyboard.press('Space');
  expect(await page.getByTestId('api-key').count()).toBe(0);
  await context.close();
});
