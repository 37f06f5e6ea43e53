// Capture on a WooCommerce shop (examples/woocommerce/shop) through the script tag, in Chromium:
// classic jQuery AJAX, the single-product form post, the cart page's jQuery-only update with two
// jQuery copies, Store API blocks in a zero-decimal currency, and the checkout's phone fields.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateChunk, launchBrowser, startTestServer, waitFor, type RecordedEvent, type ChunkGate, type TestServer } from './harness.js';
import wooBackend from '../../examples/woocommerce/shop/backend.mjs';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const errors: string[] = [];
const shop = '/examples/woocommerce/shop';

let adapterGate: ChunkGate;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  adapterGate = gateChunk(server, 'woocommerce');
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

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function' && '__homingNet' in window);
  return page;
}

const track = (name: string, extra: (e: RecordedEvent) => boolean = () => true) => (e: RecordedEvent) => e.event === name && extra(e);
const sessionCartId = async () => `wc_${(await context.cookies()).find((c) => c.name === 'wp_woocommerce_session_homing')!.value}`;

describe('capture on a WooCommerce shop', () => {
  it('records classic AJAX adds and removals (?wc-ajax=...) with the Store API cart, and the theme still swaps its fragments', async () => {
    context = await browser.newContext();
    const page = await open(`${shop}/`);
    await page.click('a[data-product_id="12"]');
    const [beanie] = await server.collector.waitForEvents(track('Product Added'));
    const cartId = await sessionCartId();
    expect(beanie.properties).toEqual({
      product_id: '12', sku: 'woo-beanie', name: 'Beanie', price: 18, quantity: 1, url: `${shop}/product.html?p=beanie`,
      image_url: `${shop}/beanie.svg`, cart_id: cartId, currency: 'USD',
    });
    await page.click('a[data-product_id="34"]');
    const [hoodie] = await server.collector.waitForEvents(track('Product Added', (e) => e.properties?.product_id === '34'));
    expect(hoodie.properties).toMatchObject({ price: 45, quantity: 2, cart_id: cartId });
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 108 && e.properties?.products?.length === 2));
    // The theme's own handlers ran on its own responses.
    await page.waitForSelector('a[data-product_id="34"].added + a.added_to_cart');
    expect(await page.textContent('.cart-contents-count')).toBe('3');

    await page.click('.widget_shopping_cart_content a.remove_from_cart_button[data-product_id="12"]');
    const [removed] = await server.collector.waitForEvents(track('Product Removed'));
    expect(removed.properties).toMatchObject({ product_id: '12', quantity: 1, price: 18, cart_id: cartId, currency: 'USD' });
    await page.waitForFunction(() => document.querySelector('.cart-contents-count')?.textContent === '2');
    expect(server.collector.tracks('Product Added')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('records an AJAX add made before the adapter chunk has arrived, once it does', async () => {
    context = await browser.newContext();
    const release = adapterGate.hold();
    const page = await open(`${shop}/`);
    await waitFor(() => adapterGate.requested, { message: 'the WooCommerce chunk to be asked for' });
    await page.click('a[data-product_id="12"]');
    // The theme swapped its fragments while the chunk is still held: the wrapper saw the request and keeps it.
    await page.waitForFunction(() => document.querySelector('.cart-contents-count')?.textContent === '1');
    expect(server.collector.tracks('Product Added')).toHaveLength(0);
    release();
    const [added] = await server.collector.waitForEvents(track('Product Added'));
    expect(added.properties).toMatchObject({ product_id: '12', name: 'Beanie', price: 18, quantity: 1, cart_id: await sessionCartId(), currency: 'USD' });
    expect(errors).toEqual([]);
  });

  it('records the single-product form.cart post (add-to-cart from the submit button) durably across the navigation', async () => {
    context = await browser.newContext();
    const page = await open(`${shop}/`);
    await page.click('a[data-product_id="12"]');
    await server.collector.waitForEvents(track('Product Added'));
    await page.goto(`${server.origin}${shop}/product.html`);
    await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
    server.collector.setMode('refuse');
    await page.fill('#quantity_34', '3');
    await Promise.all([page.waitForNavigation(), page.click('button[name="add-to-cart"]')]);
    server.collector.setMode('ok');
    await page.waitForFunction(() => typeof (window as any).homing?.flush === 'function');
    await page.evaluate(() => (window as any).homing.flush());
    const [added] = await server.collector.waitForEvents(track('Product Added', (e) => e.properties?.product_id === '34'));
    expect(added.properties).toEqual({ product_id: '34', quantity: 3, cart_id: await sessionCartId(), currency: 'USD' });
    // The next page brings the cart up to date without a second Product Added.
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 153));
    expect(server.collector.tracks('Product Added')).toHaveLength(2);
    expect(await page.textContent('.cart-contents-count')).toBe('4');
  });

  it('hears updated_cart_totals from the cart page through the first of two jQuery copies', async () => {
    context = await browser.newContext();
    const page = await open(`${shop}/`);
    await page.click('a[data-product_id="34"]');
    await server.collector.waitForEvents(track('Product Added'));
    await page.goto(`${server.origin}${shop}/cart.html`);
    await page.waitForSelector('[data-cart-rendered="2"]');
    expect(await page.evaluate(() => (window as any).jQuery !== (window as any).wcJQuery)).toBe(true);
    const [viewed] = await server.collector.waitForEvents(track('Cart Viewed'));
    expect(viewed.properties).toMatchObject({ cart_id: await sessionCartId(), products: [{ product_id: '34', quantity: 2 }] });

    await page.fill('input.qty', '1');
    await page.click('button[name="update_cart"]');
    const [removed] = await server.collector.waitForEvents(track('Product Removed'));
    expect(removed.properties).toMatchObject({ product_id: '34', quantity: 1, price: 45 });
    await page.waitForSelector('[data-cart-rendered="1"]');
  });

  it('records Store API block adds and a /batch removal in IRR (currency_minor_unit 0) with the blocks events', async () => {
    context = await browser.newContext();
    await context.addCookies([{ name: 'wc_currency', value: 'IRR', url: server.origin }]);
    const page = await open(`${shop}/blocks.html`);
    await page.click('button[data-product-id="12"]');
    const [beanie] = await server.collector.waitForEvents(track('Product Added'));
    expect(beanie.properties).toMatchObject({ product_id: '12', price: 18500000, quantity: 1, currency: 'IRR', cart_id: await sessionCartId() });
    await page.click('button[data-product-id="57"]');
    const [shirt] = await server.collector.waitForEvents(track('Product Added', (e) => e.properties?.product_id === '57'));
    expect(shirt.properties).toMatchObject({ variant: '57', name: 'T-Shirt - Blue', price: 20500000 });
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 39000000));
    await page.waitForFunction(() => document.querySelector('.wc-block-mini-cart__badge')?.textContent === '2');

    await page.click('.wc-block-mini-cart__products li:first-child .wc-block-cart-item__remove-link');
    const [removed] = await server.collector.waitForEvents(track('Product Removed'));
    expect(removed.properties).toMatchObject({ product_id: '12', price: 18500000, currency: 'IRR' });
    await page.waitForFunction(() => document.querySelector('.wc-block-mini-cart__badge')?.textContent === '1');
    expect(errors).toEqual([]);
  });

  it('records Checkout Started and the phone numbers typed at checkout in E.164, never card or password fields', async () => {
    context = await browser.newContext();
    const page = await open(`${shop}/`);
    await page.click('a[data-product_id="12"]');
    await server.collector.waitForEvents(track('Product Added'));
    await page.goto(`${server.origin}${shop}/checkout.html`);
    const [checkout] = await server.collector.waitForEvents(track('Checkout Started'));
    expect(checkout.properties).toMatchObject({ cart_id: await sessionCartId(), value: 18, currency: 'USD', products: [{ product_id: '12', quantity: 1 }] });

    await page.fill('#card_number', '4111 1111 1111 1111');
    await page.fill('#account_password', '09121234567');
    await page.fill('#billing_phone', '۰۹۱۲ ۱۲۳ ۴۵۶۷');
    await page.click('#billing_first_name');
    const [first] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(first.traits).toEqual({ phone: '+989121234567', phone_consent: false });
    await page.check('#sms_consent');
    await server.collector.waitForEvents((e) => e.type === 'identify' && e.traits?.phone_consent === true);

    // A field rendered after load (the shipping address) is watched too.
    await page.check('#ship-to-different-address-checkbox');
    await page.fill('#shipping-phone', '+98 935 111 2233');
    await page.click('#billing_first_name');
    await server.collector.waitForEvents((e) => e.type === 'identify' && e.traits?.phone === '+989351112233');
    // Refocusing the same number again sends nothing new.
    await page.click('#billing_phone');
    await page.click('#billing_first_name');
    await server.collector.waitForEvents(track('Product Added'));
    expect(server.collector.list((e) => e.type === 'identify')).toHaveLength(3);
    expect(JSON.stringify(server.collector.list())).not.toContain('4111');
  });
});
