// The thank-you page in real Chromium against the real collector (createCollector on SQLite)
// through the script tag, on WooCommerce's order-received page (examples/woocommerce/order-received):
// one order however often the page is reloaded or reopened, the collector's offers rendered safely
// without layout shift, accepted exactly once, tampered and expired tokens refused, the survey.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startTestServer, waitFor, type TestServer } from './harness.js';
import { createCollector } from 'homing-collector';
import { createOrderReceivedBackend, restoredCarts } from '../../examples/woocommerce/order-received/backend.mjs';

const hostile = '<img src=x onerror="window.__pwned=1">Fast charger</b>';
const rule = {
  write_key: 'wk_e2e',
  name: 'Complete your setup',
  when: { collections: ['phones'] },
  currency: 'USD',
  offer: [
    { product_id: '410', name: hostile, price: 40, image_url: 'https://cdn.invalid/charger.png' },
    { product_id: '411', name: 'Earbuds', price: 100, variants: [{ variant: '4111', name: 'White' }, { variant: '4112', name: 'Black', price: 110 }] },
  ],
  discount: { percent: 20 },
  expires_in_minutes: 15,
  max_quantity: 2,
};

let browser: Browser;
let server: TestServer;
let collector: FastifyInstance;
let collectorUrl: string;
let context: BrowserContext;
// Moved forward only: the collector's clock, like a real one, does not go back.
let clockOffset = 0;
const dir = mkdtempSync(join(tmpdir(), 'homing-thank-you-'));
const errors: string[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  collector = await createCollector({
    config: {
      databaseUrl: `sqlite:${join(dir, 'collector.db')}`,
      adminToken: 'admin-token',
      writeKeys: { wk_e2e: { allowedOrigins: [server.origin] } },
      env: { HOMING_SECRET: 'offer-secret', HOMING_OFFERS_WOOCOMMERCE_URL: `${server.origin}/`, HOMING_OFFERS_WOOCOMMERCE_SECRET: 'restore-secret' },
    },
    now: () => new Date(Date.now() + clockOffset),
  });
  collectorUrl = await collector.listen({ port: 0, host: '127.0.0.1' });
  server.use(createOrderReceivedBackend({ collector: collectorUrl, writeKey: 'wk_e2e', restoreSecret: 'restore-secret' }));
  const put = await collector.inject({ method: 'PUT', url: '/v1/admin/offers/rules/phones', headers: { authorization: 'Bearer admin-token' }, payload: rule });
  expect(put.statusCode).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close();
  errors.length = 0;
  for (const table of ['events', 'orders', 'offers_events', 'offers_accepted', 'offers_order_keys', 'surveys_answers']) await collector.homing.db.run(`DELETE FROM ${table}`);
});

const orderUrl = (query = '') => `${server.origin}/checkout/order-received/1042/?key=wc_order_6Yx1demo${query}`;
const rows = (sql: string, params: unknown[] = []) => collector.homing.db.query<Record<string, any>>(sql, params);
const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await rows(sql, params))[0])[0]);

async function open(url: string, init?: () => void): Promise<Page> {
  context ??= await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
  return page;
}

/** Everything this page stored has reached the collector. */
const drained = (page: Page) => waitFor(() => page.evaluate(async () => (await (window as any).homing.stats()).queued === 0), { message: 'the page queue to drain' });

describe('orders on the thank-you page', () => {
  it('counts an order page reloaded three times and reopened in another browser once', async () => {
    context = await browser.newContext();
    const page = await open(orderUrl());
    await waitFor(async () => (await count('SELECT count(*) FROM orders')) === 1, { message: 'the order at the collector' });
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
      await drained(page);
    }
    // Reopened elsewhere (a new browser profile: no memory of having sent it).
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(orderUrl());
    await again.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
    // The widget shows only after the order is stored; then wait for the queue to empty.
    await again.locator('[data-homing-widget=upsell] article').first().waitFor();
    await drained(again);
    await other.close();

    expect(await rows('SELECT order_id, value, currency, products FROM orders')).toEqual([
      {
        order_id: '1042',
        value: 524,
        currency: 'USD',
        products: JSON.stringify([
          { product_id: '201', sku: 'PHONE-X', name: 'Phone X 128 GB', price: 499, quantity: 1, collections: ['phones'] },
          { product_id: '305', sku: 'CASE-BLK', name: 'Slim case – Black', price: 12.5, quantity: 2, variant: '3051', collections: ['accessories'] },
        ]),
      },
    ]);
    expect(await count("SELECT count(*) FROM events WHERE event = 'Order Completed'")).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reads the standard order-overview markup when the plugin printed no JSON block (Persian, IRR)', async () => {
    context = await browser.newContext();
    await open(`${server.origin}/checkout/order-received/1043/?key=wc_order_9Qa2demo&json=0&lang=fa`);
    await waitFor(async () => (await count('SELECT count(*) FROM orders')) === 1, { message: 'the order at the collector' });
    const [order] = await rows('SELECT order_id, value, products FROM orders');
    expect(order.order_id).toBe('1043');
    expect(order.value).toBe(250000000);
    expect(JSON.parse(order.products)).toEqual([{ name: 'گوشی Y', quantity: 1, price: 250000000, url: `${server.origin}/product/phone-y/` }]);
  });
});

describe('orders on any store', () => {
  const generic = (query: string) => `${server.origin}/test/e2e/pages/thank-you/generic.html?writeKey=wk_e2e&collector=${encodeURIComponent(collectorUrl)}&${query}`;

  it('records an order from the stub queue and the JSON block of the same page once, and shows its offers', async () => {
    context = await browser.newContext();
    const page = await open(generic('order=G-77'));
    await page.locator('[data-homing-widget=upsell] article').first().waitFor();
    await page.reload();
    await page.locator('[data-homing-widget=upsell] article').first().waitFor();
    await drained(page);
    expect(await rows('SELECT order_id, value, currency FROM orders')).toEqual([{ order_id: 'G-77', value: 120, currency: 'USD' }]);
    expect(await count("SELECT count(*) FROM events WHERE event = 'Order Completed'")).toBe(1);
  });

  it('records an order given only to orderCompleted() before the script loaded', async () => {
    context = await browser.newContext();
    const page = await open(generic('order=G-78&block=0'));
    await waitFor(async () => (await count('SELECT count(*) FROM orders')) === 1, { message: 'the order at the collector' });
    await drained(page);
    expect(await rows('SELECT order_id FROM orders')).toEqual([{ order_id: 'G-78' }]);
    expect(await page.locator('[data-homing-widget]').count()).toBe(0);
  });
});

describe('the upsell widget', () => {
  const widget = '[data-homing-widget=upsell]';

  it('renders the collector offers with hostile text kept as text, viewed once per order and offer, without layout shift', async () => {
    context = await browser.newContext();
    const page = await open(orderUrl(), () => {
      (window as any).__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).__shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const cards = page.locator(`${widget} article`);
    await waitFor(async () => (await cards.count()) === 2, { message: 'two offer cards' });
    expect(await cards.nth(0).locator('h3').textContent()).toBe(hostile);
    expect(await page.locator(`${widget} h3 img`).count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await cards.nth(0).locator('.price').textContent()).toBe('$32.00');
    expect(await cards.nth(0).locator('.regular').textContent()).toBe('$40.00');
    // Variant choice changes the shown (signed) price.
    await cards.nth(1).locator('select').first().selectOption('1');
    expect(await cards.nth(1).locator('.price').textContent()).toBe('$88.00');
    expect(await cards.nth(0).locator('[aria-live=polite]').count()).toBe(1);

    await waitFor(async () => (await count("SELECT count(*) FROM offers_events WHERE kind = 'viewed'")) === 2, { message: 'two Promotion Viewed' });
    expect(await count("SELECT count(*) FROM offers_events WHERE kind = 'clicked'")).toBe(1);
    await page.reload();
    await waitFor(async () => (await page.locator(`${widget} article`).count()) === 2, { message: 'cards after reload' });
    await drained(page);
    expect(await count("SELECT count(*) FROM events WHERE event = 'Promotion Viewed'")).toBe(2);

    // The widget moved nothing; the observer does see a shift when one happens.
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await page.evaluate(() => (window as any).__shifts)).toEqual([]);
    await page.evaluate(() => document.querySelector('.woocommerce-order')!.prepend(Object.assign(document.createElement('div'), { style: 'height:120px' })));
    await waitFor(() => page.evaluate(() => (window as any).__shifts.length > 0), { message: 'a control layout shift to be observed' });
    expect(errors).toEqual([]);
  });

  it('counts an offer as viewed only once at least half of it is on screen (phone width)', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await open(orderUrl());
    const cards = page.locator(`${widget} article`);
    await waitFor(async () => (await cards.count()) === 2, { message: 'two offer cards' });
    await waitFor(async () => (await count("SELECT count(*) FROM offers_events WHERE kind = 'viewed'")) === 1, { message: 'the first card viewed' });
    await drained(page);
    expect(await rows("SELECT offer_id FROM offers_events WHERE kind = 'viewed'")).toEqual([{ offer_id: 'phones~410' }]);
    // The second card is beside the first one: scrolled into the box, it is seen.
    await cards.nth(1).scrollIntoViewIfNeeded();
    await waitFor(async () => (await count("SELECT count(*) FROM offers_events WHERE kind = 'viewed'")) === 2, { message: 'the second card viewed' });
  });

  it('accepts exactly once on a double click and takes the shopper to checkout with the signed price', async () => {
    restoredCarts.length = 0;
    context = await browser.newContext();
    const page = await open(orderUrl());
    const accepts: string[] = [];
    page.on('request', (request) => request.url().includes('/accept') && accepts.push(request.url()));
    const accept = page.locator(`${widget} article`).nth(0).locator('button.accept');
    await accept.waitFor();
    await page.locator(`${widget} article`).nth(0).locator('select').selectOption('2');
    await Promise.all([page.waitForURL(/\/checkout\/\?restored=/), accept.dblclick()]);
    expect(await page.textContent('#restored')).toBe('2 × 410 @ 32 USD');
    expect(accepts).toHaveLength(1);
    expect(restoredCarts).toEqual([{ order: '1042', product_id: '410', quantity: 2, price: 32, currency: 'USD' }]);
    expect(await rows('SELECT order_id, offer_id, quantity, unit_price, value FROM offers_accepted')).toEqual([
      { order_id: '1042', offer_id: 'phones~410', quantity: 2, unit_price: 32, value: 64 },
    ]);
    // Stored before the navigation, delivered when the page went away.
    await waitFor(async () => (await count("SELECT count(*) FROM events WHERE event = 'Upsell Accepted'")) === 1, { message: 'Upsell Accepted' });
    const [event] = await rows("SELECT properties FROM events WHERE event = 'Upsell Accepted'");
    expect(JSON.parse(event.properties)).toMatchObject({ promotion_id: 'phones~410', order_id: '1042', value: 64, currency: 'USD', product: { product_id: '410', quantity: 2, price: 32 } });
  });

  it('gets a clear refusal for a tampered token, and shows an expired offer as expired', async () => {
    context = await browser.newContext();
    const page = await open(orderUrl());
    await page.locator(`${widget} article`).first().waitFor();
    const tampered = await page.evaluate(async ({ collectorUrl }) => {
      const { offers } = await (await fetch(`${collectorUrl}/v1/offers?order_id=1042&order_key=wc_order_6Yx1demo&write_key=wk_e2e`)).json();
      const [payload, signature] = offers[0].choices[0].token.split('.');
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
      const cheaper = btoa(JSON.stringify({ ...claims, a: 0.01 })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const response = await fetch(`${collectorUrl}/v1/offers/${encodeURIComponent(offers[0].id)}/accept`, {
        method: 'POST',
        body: JSON.stringify({ write_key: 'wk_e2e', order_key: 'wc_order_6Yx1demo', token: `${cheaper}.${signature}`, quantity: 1 }),
      });
      return { status: response.status, body: await response.json() };
    }, { collectorUrl });
    expect(tampered).toEqual({ status: 403, body: { error: 'bad_signature', message: 'the offer token does not match its signature: it was changed or signed with another key' } });

    clockOffset += 16 * 60_000;
    const card = page.locator(`${widget} article`).nth(1);
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().includes('/accept')), card.locator('button.accept').click()]);
    expect(answer.status()).toBe(410);
    expect((await answer.json()).error).toBe('offer_expired');
    await waitFor(async () => (await card.locator('.status').textContent()) === 'This offer has expired', { message: 'the expired message' });
    expect(await card.locator('button.accept').isDisabled()).toBe(true);
    expect(await count('SELECT count(*) FROM offers_accepted')).toBe(0);
  });

  it('gives way to the survey in the same box once every offer is declined; the answer reaches the collector', async () => {
    context = await browser.newContext();
    const page = await open(orderUrl());
    const cards = page.locator(`${widget} article`);
    await cards.first().waitFor();
    await cards.nth(0).locator('button.decline').click();
    await cards.nth(1).locator('button.decline').click();
    const survey = page.locator('[data-homing-widget=survey]');
    await survey.locator('form').waitFor();
    expect(await page.locator(widget).count()).toBe(0);
    await survey.locator('label').nth(3).click();
    await survey.locator('textarea').fill('<b>quick</b> delivery');
    await survey.locator('button[type=submit]').click();
    await waitFor(async () => (await count('SELECT count(*) FROM surveys_answers')) === 1, { message: 'the survey answer' });
    expect(await rows('SELECT order_id, rating, comment, source FROM surveys_answers')).toEqual([{ order_id: '1042', rating: 4, comment: '<b>quick</b> delivery', source: 'widget' }]);
    expect(await survey.locator('h2').textContent()).toBe('Thank you for your answer!');
    expect(await count("SELECT count(*) FROM events WHERE event = 'Upsell Declined'")).toBe(2);
  });
});
