// The store owner's app in Chromium, with real clicks, on a collector full of made-up shoppers
// (tools/app-demo.mjs): sign in, switch to Persian (right to left, Persian digits and calendar),
// filter carts, open a shopper's timeline, retry a failed SMS; and on a 390 px phone no page
// scrolls sideways.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.js';
// @ts-expect-error: a plain ES module without types
import { startDemoCollector } from '../../tools/app-demo.mjs';

interface Demo {
  url: string;
  token: string;
  failedMessageId: number | undefined;
  close(): Promise<void>;
}

let browser: Browser;
let demo: Demo;

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemoCollector() as Promise<Demo>]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function signedIn(context: BrowserContext, path = '/app'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo.url}${path}`);
  // The app's script stores the browser's time zone and draws the page again once, in it.
  await page.waitForFunction((zone) => document.documentElement.dataset.tz === zone, await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('#token', demo.token);
  await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/app')), page.click('main button[type=submit]')]);
  return page;
}

describe('owner app', () => {
  it('signs in, speaks Persian right to left with Persian digits and calendar, filters carts and opens a timeline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tehran', locale: 'en-GB' });
    const page = await signedIn(context, '/app?store=wk_fa');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await Promise.all([page.waitForURL(/lang=fa/), page.click('a[hreflang="fa"]')]);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'data-tz')).toBe('Asia/Tehran');
    // The header sits on the right in right to left.
    const brand = await page.locator('.brand').boundingBox();
    expect(brand!.x).toBeGreaterThan(640);
    expect(await page.textContent('[data-card="carts"] .value')).toMatch(/^[۰-۹٬]+$/);
    // Persian calendar: the range reads in Persian months of the 1400s.
    expect(await page.textContent('[data-range]')).toMatch(/(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}/);
    expect(await page.textContent('[data-card="revenue"] .value')).toContain('تومان');

    await page.click('nav.main a[href^="/app/carts"]');
    await page.waitForURL(/\/app\/carts/);
    const before = Number(await page.getAttribute('[data-total]', 'data-total'));
    await page.fill('#q', 'قوری');
    await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
    const items = await page.$$eval('tr[data-cart] td:first-child', (cells) => cells.map((c) => c.textContent ?? ''));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((text) => text.includes('قوری'))).toBe(true);
    expect(Number(await page.getAttribute('[data-total]', 'data-total'))).toBeLessThan(before);

    // The state filter submits itself when changed (the app's script).
    await Promise.all([page.waitForURL(/state=ordered/), page.selectOption('#state', 'ordered')]);
    const states = await page.$$eval('[data-state]', (badges) => badges.map((b) => b.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['ordered']));
    expect(await page.inputValue('#q')).toBe('قوری');

    await page.click('tr[data-cart] a[href*="/app/shopper"]');
    await page.waitForURL(/\/app\/shopper/);
    await page.locator('.timeline li[data-kind="order"]').first().waitFor();
    expect(await page.locator('.timeline li[data-kind="event"]').count()).toBeGreaterThan(0);
    expect(await page.textContent('.timeline time')).toMatch(/[۰-۹]/);
    await context.close();
  });

  it('retries a failed SMS from the outbox', async () => {
    expect(demo.failedMessageId).toBeDefined();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signedIn(context, '/app/outbox?store=all');
    await Promise.all([page.waitForURL(/state=failed/), page.selectOption('#state', 'failed')]);
    const row = page.locator(`tr[data-message="${demo.failedMessageId}"]`);
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('failed');
    // Once the collector took it, the page reloads: the message is no longer among the failed ones.
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Retry' }).click()]);
    expect(await page.locator(`tr[data-message="${demo.failedMessageId}"]`).count()).toBe(0);
    await page.goto(`${demo.url}/app/outbox?store=all&state=pending`);
    expect(await page.locator(`tr[data-message="${demo.failedMessageId}"] [data-state]`).getAttribute('data-state')).toBe('pending');
    await context.close();
  });

  it('no page scrolls sideways on a 390 px phone, in any of the four languages; tables become stacked rows', async () => {
    // A store with a long name, as real ones have: the store picker is as wide as its longest name.
    const created = await fetch(`${demo.url}/v1/settings/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Homing Demo (WooCommerce blocks)', url: 'https://blocks.example/shop', country: 'US' }),
    });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await signedIn(context);
    for (const lang of ['en', 'fa', 'he', 'ar']) {
      await page.goto(`${demo.url}/app?store=wk_fa&lang=${lang}`);
      const paths = await page.$$eval('nav.main a', (links) => links.map((a) => (a as HTMLAnchorElement).href));
      await page.goto(`${demo.url}/app/carts?store=wk_fa`);
      const shopper = await page.getAttribute('tr[data-cart] a[href*="/app/shopper"]', 'href');
      for (const url of [...paths, `${demo.url}${shopper}`, `${demo.url}/login`]) {
        const response = await page.goto(url);
        if (response?.status() === 404 && !url.includes('/shopper')) continue; // a screen not built yet
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ url, lang, width }).toEqual({ url, lang, width: 390 });
      }
      await page.goto(`${demo.url}/app/carts?store=wk_fa`);
      expect(await page.locator('table.stack thead').evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    }
    await context.close();
  });
});
