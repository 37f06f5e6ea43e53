// The e-mail address a shopper types at checkout (examples/woocommerce/shop/checkout.html), recorded
// by the script tag in Chromium as an identify with `traits.email`: trimmed and lower-cased, once per
// address, also when typed before the lazy chunk that reads it has arrived.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateChunk, launchBrowser, startTestServer, type ChunkGate, type TestServer } from './harness.js';
import wooBackend from '../../examples/woocommerce/shop/backend.mjs';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const errors: string[] = [];
const shop = '/examples/woocommerce/shop';

let chunkGate: ChunkGate;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  chunkGate = gateChunk(server, 'phone');
  server.use(wooBackend);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await context?.close();
  server.collector.reset();
  errors.length = 0;
});

async function openCheckout(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}${shop}/checkout.html`);
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function' && '__homingNet' in window);
  return page;
}

const identifies = () => server.collector.list((e) => e.type === 'identify');

describe('e-mail capture at checkout', () => {
  it('records the address typed, once, and a new one when it changes; never an address that is not one', async () => {
    context = await browser.newContext();
    const page = await openCheckout();
    await page.fill('#billing_email', '  Sara.R@Mail.Example ');
    await page.click('#billing_first_name');
    const [first] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(first.traits).toEqual({ email: 'sara.r@mail.example' });

    // Left again as it was: nothing new. Not an address: nothing.
    await page.click('#billing_email');
    await page.click('#billing_first_name');
    await page.fill('#billing_email', 'sara at mail');
    await page.click('#billing_first_name');
    await page.fill('#billing_email', 'sara@work.example');
    await page.click('#billing_first_name');
    await server.collector.waitForEvents((e) => e.type === 'identify' && e.traits?.email === 'sara@work.example');
    expect(identifies().map((e) => e.traits)).toEqual([{ email: 'sara.r@mail.example' }, { email: 'sara@work.example' }]);
    expect(errors).toEqual([]);
  });

  it('an address typed before the chunk arrived is recorded when it does', async () => {
    const release = chunkGate.hold();
    context = await browser.newContext();
    try {
      const page = await openCheckout();
      await page.fill('#billing_email', 'early@mail.example');
      await page.click('#billing_first_name');
      expect(identifies()).toHaveLength(0);
    } finally {
      release();
    }
    const [identify] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(identify.traits).toEqual({ email: 'early@mail.example' });
    expect(chunkGate.requested).toBe(true);
  });
});
