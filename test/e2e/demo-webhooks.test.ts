// The demo's fake Shopify sends the store's app the checkout webhook a real Shopify sends: a shopper
// who types their phone at checkout, ticks the SMS box and never pays gets the abandoned-cart SMS,
// named with the checkout's first name, and its link brings them back to that checkout with the
// code. On a real store Shopify's checkout runs no theme script, so the storefront script is kept
// off the checkout page here: the phone, the consent and the name reach the collector only by webhook.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.js';
import { consentAt, startDemo, type Demo } from './demo-server.js';
import { dropTestSchemas, testStores } from '../../collector/test/stores.js';
import { openDatabase, type ClosableSql } from '../../collector/src/db/open.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dropTestSchemas();
});

describe.each(testStores)('the demo Shopify store’s checkout webhook ($name)', (store) => {
  let demo: Demo;
  let db: ClosableSql;
  let context: BrowserContext;
  beforeAll(async () => {
    const databaseUrl = store.fresh();
    demo = await startDemo({ HOMING_DATABASE_URL: databaseUrl, HOMING_CAMPAIGNS_INTERVAL: '0' });
    db = await openDatabase(databaseUrl);
  });
  afterAll(async () => {
    await context?.close();
    await db?.close();
    await demo?.close();
  });

  it('a shopper who leaves the checkout unpaid gets the SMS with their checkout’s first name and a link back to that checkout', async () => {
    context = await browser.newContext();
    let page = await context.newPage();
    await page.goto(`${demo.base}/products/classic-mug`);
    await page.click('#add-to-cart');
    await page.locator('cart-drawer.active').waitFor();
    await page.goto(`${demo.base}/cart`);
    // Shopify's own checkout: no storefront script there.
    await page.route('**/dist/homing*.js', (route) => route.abort());
    await page.click('#checkout');
    await page.waitForURL(/\/checkouts\/cn\/[^/]+$/);
    const checkoutPath = new URL(page.url()).pathname;
    await page.fill('#checkout_name', 'Robin');
    await page.fill('#checkout_phone', '(416) 555-0199');
    await page.check('#checkout_sms_consent');
    await consentAt(db, '+14165550199');
    await page.close();

    const run = await demo.admin(new URL(demo.runUrl).pathname + new URL(demo.runUrl).search, { method: 'POST' });
    expect(run.sent).toBe(1);
    const { messages } = await demo.admin<{ messages: { phone: string; body: string }[] }>('/v1/campaigns/outbox?state=sent');
    expect(messages.map((m) => m.phone)).toEqual(['+14165550199']);
    const body = messages[0]!.body;
    expect(body).toContain('Robin');
    expect(body).toContain('off5');
    const link = /https?:\/\/\S+\/r\/[A-Za-z0-9]+/.exec(body)![0];

    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === checkoutPath && url.searchParams.get('discount') === 'off5');
    expect(await page.textContent('.order-summary .line')).toContain('Classic Mug - Red × 1');
    expect(await page.textContent('.discount-code')).toBe('OFF5');
  });
});
