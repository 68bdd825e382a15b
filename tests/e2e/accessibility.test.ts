// axe-core in the real page, in each state a visitor can reach in the redirect flow.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { appUrl, authorize, decide, fillForm, newPage, standin } from './harness';

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

async function violations(page: Page): Promise<string[]> {
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
  await opened.page.getByLabel('Authorization URL').filter({ hasText: '/auth?' }).waitFor();
  return opened.page;
}

describe('accessibility (axe-core)', () => {
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
