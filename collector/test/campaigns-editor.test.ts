// The template editor in real Chromium: typing Persian shows a live UCS-2 count, counted by the
// collector (its CSP allows only the page's own nonce-tagged script).
import { afterAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/harness.js';
import { ADMIN, type TestCollectorApp } from './helpers.js';
import { testStores } from './stores.js';
import { startCampaigns } from './campaigns-helpers.js';

let browser: Browser | undefined;
let t: TestCollectorApp | undefined;
afterAll(async () => {
  await browser?.close();
  await t?.app.close();
});

it('shows the encoding and the segment count while a template is typed', async () => {
  t = await startCampaigns(testStores[0]!);
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/campaigns/editor?token=${ADMIN}`);
  const output = page.locator('#count');
  await expect.poll(() => output.textContent()).toContain('GSM-7: 0 units');
  await page.locator('#text').fill('سبد خرید شما منتظر است');
  await expect.poll(() => output.textContent()).toBe('UCS-2: 22 units, 1 SMS, 48 left in this part (UCS-2 because of: س ب د خ ر ی ش م ا ن)');
  await page.locator('#text').fill('س'.repeat(71));
  await expect.poll(() => output.textContent()).toMatch(/^UCS-2: 71 units, 2 SMS, 63 left in this part/);
  await page.locator('#pick').selectOption({ label: 'abandoned_cart step 1 (en)' });
  await expect.poll(() => output.textContent()).toMatch(/^GSM-7: \d+ units, 1 SMS/);
  expect(errors).toEqual([]);
});
