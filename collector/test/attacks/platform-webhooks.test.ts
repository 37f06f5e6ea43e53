// Orders from the platform: signed Shopify and WooCommerce webhooks against a real collector process.
// A shopper who leaves a checkout with their phone gets the abandoned-cart steps naming them, an order
// from the platform stops them, an order whose thank-you page never loaded stops the browser's cart,
// the browser's Order Completed and the platform's count once, and forged or replayed calls change nothing.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { orderMessageId } from 'homing/protocol';
import { openDatabase } from '../../src/db/open.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const SHOPIFY_SECRET = 'shpss_test_signing_secret_1234';
const WOO_SECRET = 'woo-webhook-secret-5678';
const PHONE = '+989121234567';
const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const fixture = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures', name), 'utf8'));

const campaigns = {
  stores: {
    [ATTACK_KEY]: {
      url: ATTACK_ORIGIN,
      country: 'IR',
      shopify: { webhookSecret: SHOPIFY_SECRET, shopDomain: 'shop-example.myshopify.com' },
      woocommerce: { webhookSecret: WOO_SECRET },
    },
  },
};

const start = (store: (typeof testStores)[number]) =>
  startCollectorProcess(store, { env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(campaigns) } });

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

let deliveries = 0;
async function shopify(c: CollectorProcess, topic: string, payload: unknown, options: { secret?: string; id?: string } = {}) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${c.url}/v1/webhooks/shopify/${ATTACK_KEY}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': sign(options.secret ?? SHOPIFY_SECRET, body),
      'x-shopify-shop-domain': 'shop-example.myshopify.com',
      'x-shopify-webhook-id': options.id ?? `b54557e4-${++deliveries}`,
    },
    body,
  });
  return { status: response.status, body: await response.json() };
}

async function woo(c: CollectorProcess, order: unknown, options: { secret?: string; id?: string; topic?: string } = {}) {
  const body = JSON.stringify(order);
  const response = await fetch(`${c.url}/v1/webhooks/woocommerce/${ATTACK_KEY}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': `${ATTACK_ORIGIN}/`,
      'x-wc-webhook-topic': options.topic ?? 'order.updated',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-signature': sign(options.secret ?? WOO_SECRET, body),
      'x-wc-webhook-id': '3',
      'x-wc-webhook-delivery-id': options.id ?? `36e520ebabc2fa72${++deliveries}`,
    },
    body,
  });
  return { status: response.status, body: await response.json() };
}

async function admin(c: CollectorProcess, path: string, method = 'GET') {
  const response = await fetch(`${c.url}${path}`, { method, headers: { authorization: `Bearer ${ATTACK_ADMIN}` } });
  expect(response.status).toBe(200);
  return response.json() as Promise<any>;
}

const run = (c: CollectorProcess, hours: number) => admin(c, `/v1/campaigns/run?asOf=${at(hours)}`, 'POST');
const sent = async (c: CollectorProcess) => (await admin(c, '/v1/campaigns/outbox?state=sent')).messages as { campaign: string; step: number; body: string; phone: string }[];

async function browser(c: CollectorProcess, batch: Record<string, unknown>[]) {
  const response = await fetch(`${c.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ATTACK_ORIGIN },
    // No sentAt: the events keep their own (test) times instead of being moved to the collector's clock.
    body: JSON.stringify({ writeKey: ATTACK_KEY, batch }),
  });
  expect(response.status).toBe(200);
  return response.json() as Promise<{ accepted: number; duplicates: number }>;
}

async function follow(c: CollectorProcess, body: string): Promise<string> {
  const link = /https?:\/\/\S+\/r\/[A-Za-z0-9]+/.exec(body)![0].replace(/^https?:\/\/[^/]+/, c.url);
  const response = await fetch(link, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0' } });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

function wooOrder(overrides: Record<string, unknown>) {
  const order = fixture('woocommerce-order.json');
  return {
    ...order,
    billing: { ...order.billing, first_name: 'Sara', phone: '0912 123 4567', country: 'IR' },
    meta_data: [{ id: 1001, key: '_homing_sms_consent', value: 'yes' }],
    date_created_gmt: at(0).slice(0, 19),
    date_modified_gmt: at(0).slice(0, 19),
    payment_url: `${ATTACK_ORIGIN}/checkout/order-pay/727/?pay_for_order=true&key=wc_order_58d2d042d1d`,
    ...overrides,
  };
}

describe.each(testStores)('platform webhooks ($name)', (store) => {
  it('Shopify: a checkout with phone and SMS consent gets day 1 naming the shopper, with Shopify\'s recovery link; the order stops day 10', async () => {
    const c = await start(store);
    const checkout = {
      ...fixture('shopify-checkouts-create.json'),
      token: 'a9de14647f2c1e7b58cafeac93c4712c',
      cart_token: 'c1-68be3bdc331cfec1e79d05d8c4caa7d7',
      sms_marketing_phone: PHONE,
      buyer_accepts_sms_marketing: true,
      created_at: at(0),
      updated_at: at(0),
      billing_address: { ...fixture('shopify-checkouts-create.json').billing_address, first_name: 'Sara' },
      abandoned_checkout_url: `${ATTACK_ORIGIN}/548380009/checkouts/a9de14647f2c1e7b58cafeac93c4712c/recover?key=example-secret-token`,
    };
    // The browser had captured the same cart under another name: the platform's name wins.
    await browser(c, [
      { type: 'identify', messageId: 'b-1', anonymousId: 'anon-browser', timestamp: at(-1), traits: { first_name: 'Mallory' } },
      { type: 'track', event: 'Product Added', messageId: 'b-2', anonymousId: 'anon-browser', timestamp: at(-1), properties: { cart_id: checkout.cart_token, product_id: '788032119674292922', variant: '642667041472713922', quantity: 1, price: 199 } },
    ]);
    expect((await shopify(c, 'checkouts/create', checkout)).status).toBe(200);
    expect((await shopify(c, 'checkouts/update', { ...checkout, updated_at: at(0.1) })).status).toBe(200);

    await run(c, 26);
    const [day1, ...others] = await sent(c);
    expect(others).toEqual([]);
    expect(day1).toMatchObject({ campaign: 'abandoned_cart', step: 0, phone: PHONE });
    expect(day1!.body).toMatch(/^Sara, you left something in your cart/);
    const target = new URL(await follow(c, day1!.body));
    expect(`${target.origin}${target.pathname}`).toBe(`${ATTACK_ORIGIN}/548380009/checkouts/a9de14647f2c1e7b58cafeac93c4712c/recover`);
    expect(target.searchParams.get('key')).toBe('example-secret-token');
    expect(target.searchParams.get('discount')).toBe('off5');

    // A cart token written the way /cart.js gives it (with the key to the buyer's cart) names the same cart.
    const order = { ...fixture('shopify-orders-create.json'), checkout_token: checkout.token, cart_token: `${checkout.cart_token}?key=824bdj25mhg1242bdb385`, created_at: at(30), processed_at: at(30), financial_status: 'paid' };
    expect((await shopify(c, 'orders/create', order)).body).toMatchObject({ accepted: 2 });
    expect((await shopify(c, 'orders/paid', order)).body).toMatchObject({ duplicates: 1 });
    // The order names the browser's cart, and the key to the buyer's cart is kept nowhere.
    const db = await openDatabase(c.databaseUrl);
    try {
      expect(await db.query('SELECT cart_id FROM orders')).toEqual([{ cart_id: checkout.cart_token }]);
    } finally {
      await db.close();
    }
    await run(c, 26 + 9 * 24 + 2);
    expect((await sent(c)).map((m) => `${m.campaign}:${m.step}`)).not.toContain('abandoned_cart:1');
    const summary = await admin(c, '/v1/reports/summary');
    expect(summary.orders).toEqual({ count: 1, revenue: [{ currency: 'USD', value: 403 }] });
    await c.stop();
  });

  it('the text is in the language the shopper checked out in: Shopify\'s customer_locale, the WooCommerce order\'s _homing_locale, over the browser\'s', async () => {
    const c = await start(store);
    const checkout = {
      ...fixture('shopify-checkouts-create.json'),
      token: 'b7e1c0de5f2a4d8e9a1b2c3d4e5f6a7b',
      cart_token: 'c1-hebrew',
      customer_locale: 'he',
      sms_marketing_phone: PHONE,
      buyer_accepts_sms_marketing: true,
      created_at: at(0),
      updated_at: at(0),
      billing_address: { ...fixture('shopify-checkouts-create.json').billing_address, first_name: 'Dana' },
    };
    // The browser that filled the cart said English, on a page that names no language.
    await browser(c, [
      { type: 'identify', messageId: 'l-1', anonymousId: 'anon-en', timestamp: at(-1), traits: { phone: PHONE, phone_consent: true }, context: { locale: 'en-US', page: { url: `${ATTACK_ORIGIN}/cart` } } },
    ]);
    expect((await shopify(c, 'checkouts/create', checkout)).status).toBe(200);
    const wooPhone = '0912 765 4321';
    const order = wooOrder({ id: 731, status: 'pending', meta_data: [{ id: 1001, key: '_homing_sms_consent', value: 'yes' }, { id: 1002, key: '_homing_locale', value: 'ar' }] });
    expect((await woo(c, { ...order, billing: { ...order.billing, first_name: '', phone: wooPhone } }, { topic: 'order.created' })).status).toBe(200);

    await run(c, 26);
    const texts = Object.fromEntries((await sent(c)).map((m) => [m.phone, m.body]));
    expect(texts[PHONE]).toMatch(/^Dana, המוצרים שבחרת עדיין מחכים בעגלה\. /);
    expect(texts['+989127654321']).toMatch(/^ما زالت منتجاتك في سلة التسوق\. /);
    await c.stop();
  });

  it('Shopify: a checkout whose recovery URL is on another host keeps the store\'s own cart link', async () => {
    const c = await start(store);
    const checkout = {
      ...fixture('shopify-checkouts-create.json'),
      sms_marketing_phone: PHONE,
      buyer_accepts_sms_marketing: true,
      created_at: at(0),
      updated_at: at(0),
      abandoned_checkout_url: 'https://evil.example/phish?key=1',
    };
    await shopify(c, 'checkouts/create', checkout);
    await run(c, 26);
    const [day1] = await sent(c);
    expect(new URL(await follow(c, day1!.body)).origin).toBe(ATTACK_ORIGIN);
    await c.stop();
  });

  it('WooCommerce: an order awaiting payment gets day 1 with its pay-for-order page; paying stops day 10; a cancellation and a refund leave the revenue', async () => {
    const c = await start(store);
    // A browser trait cannot rename the shopper the platform named.
    await browser(c, [{ type: 'identify', messageId: 'w-1', anonymousId: 'anon-woo', timestamp: at(0.5), traits: { phone: PHONE, phone_consent: true, first_name: 'Mallory' } }]);
    expect((await woo(c, wooOrder({ status: 'pending' }), { topic: 'order.created' })).status).toBe(200);
    await run(c, 26);
    const [day1, ...others] = await sent(c);
    expect(others).toEqual([]);
    expect(day1!.body).toMatch(/^Sara, you left something/);
    expect(day1!.phone).toBe(PHONE);
    expect(await follow(c, day1!.body)).toBe(`${ATTACK_ORIGIN}/checkout/order-pay/727/?pay_for_order=true&key=wc_order_58d2d042d1d`);

    const paid = wooOrder({ status: 'processing', date_modified_gmt: at(30).slice(0, 19), date_paid_gmt: at(30).slice(0, 19) });
    expect((await woo(c, paid)).body).toMatchObject({ accepted: 2, rejected: [] });
    await run(c, 26 + 9 * 24 + 2);
    expect((await sent(c)).map((m) => `${m.campaign}:${m.step}`)).not.toContain('abandoned_cart:1');
    expect((await admin(c, '/v1/reports/summary')).orders.revenue).toEqual([{ currency: 'USD', value: 29.35 }]);

    await woo(c, wooOrder({ status: 'refunded', date_modified_gmt: at(40).slice(0, 19) }));
    expect((await admin(c, '/v1/reports/summary')).orders.revenue).toEqual([]);
    await c.stop();
  });

  it('WooCommerce: a pending checkout of the cart the browser captured (same phone) gets one day-1 SMS, not one per cart', async () => {
    const c = await start(store);
    await browser(c, [
      { type: 'identify', messageId: 'd-1', anonymousId: 'anon-both', timestamp: at(0), traits: { phone: PHONE, phone_consent: true } },
      { type: 'track', event: 'Product Added', messageId: 'd-2', anonymousId: 'anon-both', timestamp: at(0), properties: { cart_id: 'cart-both', product_id: '93', quantity: 2, price: 3 } },
    ]);
    await woo(c, wooOrder({ status: 'pending', date_created_gmt: at(0.5).slice(0, 19), date_modified_gmt: at(0.5).slice(0, 19) }), { topic: 'order.created' });
    await run(c, 26);
    await run(c, 27);
    const texts = await sent(c);
    expect(texts.map((m) => `${m.campaign}:${m.step} ${m.phone}`)).toEqual([`abandoned_cart:0 ${PHONE}`]);
    // The newer of the two, the checkout: its own pay-for-order page.
    expect(await follow(c, texts[0]!.body)).toBe(`${ATTACK_ORIGIN}/checkout/order-pay/727/?pay_for_order=true&key=wc_order_58d2d042d1d`);
    await c.stop();
  });

  it('a paid order whose thank-you page never loaded stops the cart the browser captured (same phone), and counts once with the browser\'s Order Completed', async () => {
    const c = await start(store);
    await browser(c, [
      { type: 'identify', messageId: 'p-1', anonymousId: 'anon-paid', timestamp: at(0), traits: { phone: PHONE, phone_consent: true } },
      { type: 'track', event: 'Product Added', messageId: 'p-2', anonymousId: 'anon-paid', timestamp: at(0), properties: { cart_id: 'cart-paid', product_id: '93', quantity: 2, price: 3 } },
    ]);
    await woo(c, wooOrder({ status: 'processing', date_created_gmt: at(1).slice(0, 19), date_paid_gmt: at(1).slice(0, 19) }), { topic: 'order.created' });
    await run(c, 26);
    expect(await sent(c)).toEqual([]);

    // The thank-you page loads late: the same order, counted once.
    const late = await browser(c, [
      { type: 'track', event: 'Order Completed', messageId: orderMessageId(ATTACK_KEY, '727'), anonymousId: 'anon-paid', timestamp: at(1), properties: { order_id: '727', value: 1, currency: 'USD' } },
    ]);
    expect(late).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await admin(c, '/v1/reports/summary')).orders).toEqual({ count: 1, revenue: [{ currency: 'USD', value: 29.35 }] });
    await c.stop();
  });

  it('the browser\'s Order Completed first, the platform\'s second: one order, with the platform\'s amount', async () => {
    const c = await start(store);
    await browser(c, [
      { type: 'track', event: 'Order Completed', messageId: orderMessageId(ATTACK_KEY, '727'), anonymousId: 'anon-first', timestamp: at(1), properties: { order_id: '727', value: 1, currency: 'USD' } },
    ]);
    expect((await woo(c, wooOrder({ status: 'completed' }))).body).toMatchObject({ duplicates: 1 });
    expect((await admin(c, '/v1/reports/summary')).orders).toEqual({ count: 1, revenue: [{ currency: 'USD', value: 29.35 }] });
    await c.stop();
  });

  it("the platform's order key replaces a key a stranger recorded first: only the buyer's key opens the order's offers", async () => {
    const c = await start(store);
    const rule = { id: 'more', write_key: ATTACK_KEY, currency: 'USD', offer: [{ product_id: 'p-9', name: 'Case', price: 5 }], expires_in_minutes: 60 };
    const put = await fetch(`${c.url}/v1/admin/offers/rules/more`, { method: 'PUT', headers: { authorization: `Bearer ${ATTACK_ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(rule) });
    expect(put.status).toBe(200);
    // Order ids are guessable: a stranger records order 727 first, with a key of their own.
    await browser(c, [
      { type: 'track', event: 'Order Completed', messageId: orderMessageId(ATTACK_KEY, '727'), anonymousId: 'stranger', timestamp: at(1), properties: { order_id: '727', order_key: 'wc_order_forged', value: 1, currency: 'USD' } },
    ]);
    const offers = (key: string) => fetch(`${c.url}/v1/offers?order_id=727&order_key=${key}&write_key=${ATTACK_KEY}`, { headers: { origin: ATTACK_ORIGIN } });
    expect((await offers('wc_order_forged')).status).toBe(200);
    // WooCommerce's signed webhook says whose order it is.
    expect((await woo(c, wooOrder({ status: 'processing' }))).status).toBe(200);
    expect((await offers('wc_order_forged')).status).toBe(404);
    const buyer = await offers('wc_order_58d2d042d1d');
    expect(buyer.status).toBe(200);
    expect((await buyer.json()).offers).toHaveLength(1);
    await c.stop();
  });

  it('refuses unsigned, wrongly signed and unknown-key calls with 401, answers a replayed delivery as a duplicate, and WooCommerce\'s ping with 200', async () => {
    const c = await start(store);
    const order = wooOrder({ status: 'processing' });
    expect((await woo(c, order, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await shopify(c, 'orders/create', fixture('shopify-orders-create.json'), { secret: WOO_SECRET })).status).toBe(401);
    const unsigned = await fetch(`${c.url}/v1/webhooks/woocommerce/${ATTACK_KEY}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': 'x1' }, body: JSON.stringify(order) });
    expect(unsigned.status).toBe(401);
    const unknownKey = await fetch(`${c.url}/v1/webhooks/shopify/wk_nobody`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknownKey.status).toBe(401);
    expect((await admin(c, '/v1/reports/summary')).orders.count).toBe(0);

    const ping = await fetch(`${c.url}/v1/webhooks/woocommerce/${ATTACK_KEY}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'webhook_id=3' });
    expect(ping.status).toBe(200);

    const first = await woo(c, order, { id: 'delivery-1' });
    expect(first.body).toMatchObject({ accepted: 2 });
    // Replayed, even with the order refunded in the body: the same delivery id is not applied again.
    const replay = await woo(c, { ...order, status: 'refunded' }, { id: 'delivery-1' });
    expect(replay).toEqual({ status: 200, body: { duplicate: true } });
    expect((await admin(c, '/v1/reports/summary')).orders.revenue).toEqual([{ currency: 'USD', value: 29.35 }]);

    // Server to server: no CORS, not even a preflight; secrets never in answers or logs.
    const preflight = await fetch(`${c.url}/v1/webhooks/shopify/${ATTACK_KEY}`, { method: 'OPTIONS', headers: { origin: ATTACK_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const cors = await fetch(`${c.url}/v1/webhooks/shopify/${ATTACK_KEY}`, { method: 'POST', headers: { origin: ATTACK_ORIGIN, 'content-type': 'application/json' }, body: '{}' });
    expect(cors.headers.get('access-control-allow-origin')).toBeNull();
    const config = JSON.stringify(await admin(c, '/v1/campaigns'));
    expect(config).toContain('shop-example.myshopify.com');
    for (const secret of [SHOPIFY_SECRET, WOO_SECRET]) {
      expect(config).not.toContain(secret);
      expect(c.output()).not.toContain(secret);
    }
    await c.stop();
  });
});
