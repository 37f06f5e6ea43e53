// Capture on a Shopify Dawn-style theme (examples/shopify) through the script tag, in Chromium:
// the collector gets the right cart events, and the theme's own code still gets its responses.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateChunk, launchBrowser, startTestServer, waitFor, type RecordedEvent, type ChunkGate, type TestServer } from './harness.js';
import shopifyBackend from '../../examples/shopify/backend.mjs';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const errors: string[] = [];

let adapterGate: ChunkGate;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  adapterGate = gateChunk(server, 'shopify');
  server.use(shopifyBackend);
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

async function open(path: string): Promise<Page> {
  context ??= await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function' && '__homingNet' in window);
  return page;
}

const track = (name: string, extra: (e: RecordedEvent) => boolean = () => true) => (e: RecordedEvent) => e.event === name && extra(e);
/** The cart as Homing names it: the `cart` cookie's token without its `?key=` (the key to the buyer's details). */
const cartToken = async (): Promise<string> => {
  const cookie = decodeURIComponent((await context.cookies()).find((c) => c.name === 'cart')!.value);
  return cookie.split('?')[0]!;
};

describe('capture on a Shopify theme', () => {
  it('records an AJAX add from <product-form> with the cart read back from /cart.js, and the theme still renders it', async () => {
    context = await browser.newContext();
    const page = await open('/products/classic-mug');
    await page.selectOption('select[name=id]', '41002');
    await page.fill('#Quantity-main', '2');
    await page.click('#add-to-cart');

    const [added] = await server.collector.waitForEvents(track('Product Added'));
    const token = await cartToken();
    expect(added.properties).toEqual({
      product_id: '7001', variant: '41002', sku: 'MUG-BLUE', name: 'Classic Mug', price: 20.99, quantity: 2,
      url: `${server.origin}/products/classic-mug?variant=41002`, image_url: `${server.origin}/examples/shopify/mug.svg`,
      cart_id: token, currency: 'CAD',
    });
    const [updated] = await server.collector.waitForEvents(track('Cart Updated'));
    expect(updated.properties).toMatchObject({ cart_id: token, currency: 'CAD', value: 41.98, products: [{ variant: '41002', quantity: 2 }] });
    // The drawer opening is a cart view.
    await server.collector.waitForEvents(track('Cart Viewed'));
    // The theme got its own response: the bubble and the drawer were rendered from it.
    expect(await page.textContent('#cart-icon-bubble .cart-count-bubble')).toBe('2');
    expect(await page.getAttribute('cart-drawer', 'class')).toContain('active');
    expect(await page.textContent('cart-drawer .drawer__items')).toContain('Classic Mug - Blue × 2');
    expect(errors).toEqual([]);
  });

  it('records removals from the cart page (JSON to /cart/change) and a cart view, and the page re-renders', async () => {
    context = await browser.newContext();
    const page = await open('/collections/all');
    await page.click('#quick-add-mug');
    await server.collector.waitForEvents(track('Product Added', (e) => e.properties?.variant === '41001'));
    await page.click('#quick-add-mug');
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.products?.[0]?.quantity === 2));

    await page.goto(`${server.origin}/cart`);
    const [viewed] = await server.collector.waitForEvents(track('Cart Viewed', (e) => e.context?.page?.path === '/cart'));
    expect(viewed.properties).toMatchObject({ cart_id: await cartToken(), products: [{ variant: '41001', quantity: 2, price: 19.99 }] });
    await page.waitForSelector('[data-cart-rendered="2"]');
    await page.fill('input[name="updates[]"]', '1');
    await page.dispatchEvent('input[name="updates[]"]', 'change');
    const [removed] = await server.collector.waitForEvents(track('Product Removed'));
    expect(removed.properties).toMatchObject({ variant: '41001', quantity: 1, price: 19.99, currency: 'CAD' });
    await page.waitForSelector('[data-cart-rendered="1"]');
    expect(await page.textContent('#cart-icon-bubble .cart-count-bubble')).toBe('1');

    await page.click('cart-remove-button button');
    await server.collector.waitForEvents(track('Product Removed'), 2);
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.products?.length === 0 && e.properties?.value === 0));
    // Exactly one Product Added per add, whatever else happened.
    expect(server.collector.tracks('Product Added')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('stores a plain form post to /cart/add before the page navigates and delivers it from the next page', async () => {
    context = await browser.newContext();
    const page = await open('/collections/all');
    // Nothing gets through from this page: what arrives later was stored before it left.
    server.collector.setMode('refuse');
    await Promise.all([page.waitForURL(`${server.origin}/cart`), page.click('#plain-add-tote')]);
    const refusedBefore = server.collector.requests.length;
    server.collector.setMode('ok');
    // The new page may have met the refusing collector too and be backing off: ask it to send now.
    await page.waitForFunction(() => typeof (window as any).homing?.flush === 'function');
    await page.evaluate(() => (window as any).homing.flush());
    const [added] = await server.collector.waitForEvents(track('Product Added'));
    expect(added.properties).toEqual({ variant: '41003', quantity: 2, cart_id: await cartToken(), currency: 'CAD' });
    // Recorded on the product page, or replayed by the cart page when the unload cut the write short.
    expect(['/collections/all', '/cart']).toContain(added.context?.page?.path);
    expect(server.collector.requests.slice(0, refusedBefore).every((r) => r.answered === 'refused')).toBe(true);
    // The cart page reads the full cart quietly: Cart Updated with prices, no second Product Added.
    const [updated] = await server.collector.waitForEvents(track('Cart Updated'));
    expect(updated.properties).toMatchObject({ value: 49, currency: 'CAD', products: [{ variant: '41003', name: 'Canvas Tote', quantity: 2, price: 24.5 }] });
    await page.waitForSelector('[data-cart-rendered="2"]');
    expect(server.collector.tracks('Product Added')).toHaveLength(1);
  });

  it('matches cart requests under a locale prefix and records Checkout Started from the cart form', async () => {
    context = await browser.newContext();
    const page = await open('/fr/products/classic-mug');
    await page.click('#add-to-cart');
    const [added] = await server.collector.waitForEvents(track('Product Added'));
    expect(added.properties).toMatchObject({ variant: '41001', quantity: 1, price: 19.99 });
    expect(await page.textContent('#cart-icon-bubble .cart-count-bubble')).toBe('1');

    await page.goto(`${server.origin}/cart`);
    await page.waitForSelector('[data-cart-rendered="1"]');
    await Promise.all([page.waitForURL(/\/checkouts\//), page.click('#checkout')]);
    const [checkout] = await server.collector.waitForEvents(track('Checkout Started'));
    expect(checkout.properties).toMatchObject({ cart_id: await cartToken(), value: 19.99, currency: 'CAD', products: [{ variant: '41001', quantity: 1 }] });
  });

  it('records an add made before the adapter chunk has arrived, once it does', async () => {
    context = await browser.newContext();
    const release = adapterGate.hold();
    const page = await open('/products/classic-mug');
    await waitFor(() => adapterGate.requested, { message: 'the Shopify chunk to be asked for' });
    await page.click('#add-to-cart');
    // The theme got its answer while the chunk is still held: the wrapper saw the request and keeps it.
    await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble')?.textContent === '1');
    expect(server.collector.tracks('Product Added')).toHaveLength(0);
    release();
    const [added] = await server.collector.waitForEvents(track('Product Added'));
    expect(added.properties).toMatchObject({ product_id: '7001', variant: '41001', price: 19.99, quantity: 1, cart_id: await cartToken(), currency: 'CAD' });
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 19.99));
    expect(errors).toEqual([]);
  });

  it('wraps fetch and XHR once and keeps their behaviour for the page', async () => {
    context = await browser.newContext();
    const page = await open('/products/classic-mug');
    const result = await page.evaluate(async () => {
      const wrapped = window.fetch;
      // A second copy of the script: no second wrapper, no double events.
      await new Promise<void>((resolve) => {
        const script = document.createElement('script');
        script.src = '/dist/homing.iife.js';
        script.onload = () => resolve();
        document.head.append(script);
      });
      const response = await fetch('/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 41003, quantity: 1 }) });
      const body = await response.json(); // the page can still read its own body
      const failed = await fetch('/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' });
      const xhr = await new Promise<string>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', '/cart/change.js');
        request.setRequestHeader('Content-Type', 'application/json');
        request.onload = () => resolve(`${request.status} ${JSON.parse(request.responseText).item_count}`);
        request.send(JSON.stringify({ id: 41003, quantity: 3 }));
      });
      const rejected = await fetch('http://127.0.0.1:1/cart/add.js', { method: 'POST' }).then(() => 'resolved', (e) => e.name);
      return { same: window.fetch === wrapped, title: body.product_title, failed: failed.status, xhr, rejected };
    });
    expect(result).toEqual({ same: true, title: 'Canvas Tote', failed: 404, xhr: '200 3', rejected: 'TypeError' });
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.products?.[0]?.quantity === 3));
    const adds = server.collector.tracks('Product Added');
    expect(adds.map((e) => e.properties?.quantity).reduce((a, b) => a + b, 0)).toBe(3);
    expect(errors).toEqual([]);
  });
});
