// @ts-check
// Steps on the app's page that several measurements share.

/** Waits until the app is ready for input: Authorize is there, the preview filled, the network idle. */
export async function settle(/** @type {import('playwright-core').Page} */ page) {
  await page.getByRole('button', { name: 'Authorize' }).waitFor({ timeout: 15_000 });
  await page
    .getByLabel('Authorization URL')
    .filter({ hasText: '/auth?' })
    .first()
    .waitFor({ timeout: 3_000 })
    .catch(() => {});
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
