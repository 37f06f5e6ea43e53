// The built Custom Pixel (dist/shopify-pixel.iife.js) in Chromium, in a stand-in for Shopify's
// pixel sandbox (examples/shopify/pixel/sandbox.html), delivering to the real collector: the
// checkout phone with its SMS consent, one order linked to the storefront cart, add-to-cart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { launchBrowser, startTestServer, waitFor, type TestServer } from './harness.js';
import { createCollector } from 'homing-collector';

let browser: Browser;
let server: TestServer;
let collector: FastifyInstance;
let collectorUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'homing-pixel-'));

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  collector = await createCollector({
    // `null`: the origin of Shopify's sandboxed pixel iframe.
    config: { databaseUrl: `sqlite:${join(dir, 'c.db')}`, writeKeys: { wk_pixel: { allowedOrigins: [server.origin, 'null'] } } },
  });
  collectorUrl = await collector.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (sql: string) => collector.homing.db.query<Record<string, any>>(sql);

describe('Shopify Custom Pixel', () => {
  it('delivers the checkout phone with SMS consent, one order linked to the cart, and add-to-cart', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = `${server.origin}/examples/shopify/pixel/sandbox.html?writeKey=wk_pixel&collector=${encodeURIComponent(collectorUrl)}&cart=${encodeURIComponent('c1-7f3a?key=9b2')}`;
    await page.goto(url);
    await page.click('#add');
    await page.click('#contact');
    await page.click('#complete');
    // Thank-you page reloaded: Shopify publishes checkout_completed again.
    await page.reload();
    await page.click('#complete');
    await waitFor(async () => (await rows('SELECT order_id FROM orders')).length === 1 && (await rows("SELECT 1 FROM events WHERE event = 'Product Added'")).length === 1, { message: 'order and add-to-cart at the collector' });
    await waitFor(() => page.evaluate(() => localStorage.getItem('homing_pixel_outbox') === '[]'), { message: 'the outbox to empty' });

    const [order] = await rows('SELECT order_id, cart_id, value, currency, products FROM orders');
    expect(order).toMatchObject({ order_id: '5550001', cart_id: 'c1-7f3a', value: 41.98, currency: 'CAD' });
    expect(JSON.parse(order.products)).toEqual([
      { quantity: 2, product_id: '7001', variant: '41002', sku: 'MUG-BLUE', name: 'Classic Mug', price: 20.99, url: '/products/classic-mug', image_url: 'https://cdn.shopify.com/s/files/mug.png' },
    ]);
    expect(await rows("SELECT count(*) AS n FROM events WHERE event = 'Order Completed'")).toEqual([{ n: 1 }]);
    const [identity] = await rows('SELECT anonymous_id, phone, phone_consent, email FROM identities');
    expect(identity).toEqual({ anonymous_id: 'shopify-demo-client', phone: '+16135550123', phone_consent: 1, email: 'sam@example.com' });
    await context.close();
  });

  it('is accepted from the sandbox iframe origin `null` when the key allows it', async () => {
    const answer = await collector.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { origin: 'null', 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ writeKey: 'wk_pixel', batch: [{ type: 'track', event: 'Product Added', messageId: 'null-origin-1', anonymousId: 'a', timestamp: new Date().toISOString(), properties: {} }] }),
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('null');
  });
});
