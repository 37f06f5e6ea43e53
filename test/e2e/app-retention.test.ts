// The Retention screen in Chromium on a 390 px phone, in Persian: right to left, Persian digits,
// toman; the cohort heat map scrolls inside its own box while the page never scrolls sideways.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.js';
// @ts-expect-error: a plain ES module without types
import { startDemoCollector } from '../../tools/app-demo.mjs';

let browser: Browser;
let demo: { url: string; token: string; close(): Promise<void> };

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemoCollector()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('owner app: retention', () => {
  it('opens Retention from the navigation in Persian at 390 px: numbers in Persian, amounts in toman, the cohorts scroll in their box, not the page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Tehran' });
    const page = await context.newPage();
    await page.goto(`${demo.url}/app?store=wk_fa&lang=fa`);
    await page.fill('#token', demo.token);
    await Promise.all([page.waitForURL((url) => url.pathname === '/app'), page.click('main button[type=submit]')]);
    await Promise.all([page.waitForURL(/\/app\/retention/), page.click('nav.main a[href^="/app/retention"]')]);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('h1')).toBe('وفاداری مشتری');
    expect(await page.textContent('[data-card="customers"] .value')).toMatch(/^[۰-۹٬]+$/);
    expect(await page.textContent('[data-card="revenue"] .value')).toMatch(/^[۰-۹٬]+ تومان$/);
    expect(await page.locator('table.cohorts tbody tr').count()).toBeGreaterThan(6);
    // Every heat cell carries its number, not only a colour.
    const cells = await page.$$eval('td.heat', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.every((text) => /^[۰-۹٫]+٪$/.test(text))).toBe(true);
    // The page is as wide as the phone; the heat map is wider and scrolls inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    const box = await page.locator('.scroll-box').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
    // The groups and the campaign results become stacked rows, the lifecycle campaigns among them.
    expect(await page.locator('table.segments thead').evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    expect(await page.locator('tr[data-campaign="vip"]').count()).toBe(1);
    // Nor sideways in the other languages.
    for (const lang of ['en', 'he', 'ar']) {
      await page.goto(`${demo.url}/app/retention?store=wk_fa&lang=${lang}`);
      expect({ lang, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ lang, width: 390 });
    }
    await context.close();
  });
});
