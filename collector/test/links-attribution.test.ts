// Short links and attribution: /r/{code} counts clicks (not link previews) and redirects to the
// restored cart; a recovered order is credited to the last message clicked within the window
// (default 5 days); the report shows sent, clicked, recovered orders and revenue, and a funnel.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cartRestoreUrl, productUrl } from '../src/links/restore-url.js';
import { admin, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { dropTestSchemas, testStores } from './stores.js';
import { DAY, HOUR, MIN, T0, order, outbox, runAt, sentBodies, shopperAddsToCart, startCampaigns, testCampaigns } from './campaigns-helpers.js';

afterAll(dropTestSchemas);

const now = new Date(T0);
const lines = [{ product_id: '11', variant: '4001', quantity: 2 }, { product_id: '12', variant: '4002' }];

describe('cart restore URLs', () => {
  it('Shopify: the cart permalink with every line and the discount', () => {
    expect(cartRestoreUrl({ url: 'https://shop.example/', platform: 'shopify' }, lines, 'off5', now)).toBe('https://shop.example/cart/4001:2,4002:1?discount=off5');
  });
  it('WooCommerce with the plugin secret: a signed restore link the plugin can verify', () => {
    const url = new URL(cartRestoreUrl({ url: 'https://woo.example', platform: 'woocommerce', secret: 's3' }, lines, 'off5', now));
    const payload = url.searchParams.get('homing_cart')!;
    expect(url.searchParams.get('homing_sig')).toBe(createHmac('sha256', 's3').update(payload).digest('hex'));
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({ i: [['11', '4001', 2], ['12', '4002', 1]], c: 'off5', e: T0 / 1000 + 30 * 86_400 });
  });
  it("WooCommerce without it: the store's own add-to-cart URL for the first line", () => {
    expect(cartRestoreUrl({ url: 'https://woo.example', platform: 'woocommerce' }, lines, 'off5', now)).toBe('https://woo.example/?add-to-cart=4001&quantity=2');
  });
  it('WooCommerce with a discount: the signed link carries it, for a coupon made for that link only', () => {
    const url = new URL(cartRestoreUrl({ url: 'https://woo.example', platform: 'woocommerce', secret: 's3' }, lines, undefined, now, { type: 'percent', amount: 10 }));
    expect(JSON.parse(Buffer.from(url.searchParams.get('homing_cart')!, 'base64url').toString())).toMatchObject({ c: '', d: { type: 'percent', amount: 10 } });
  });
  it('a product page with the discount (Shopify applies it through /discount/CODE)', () => {
    expect(productUrl({ url: 'https://shop.example', platform: 'shopify' }, { product_id: '9', url: '/products/tie?variant=9' }, 'more10', now)).toBe('https://shop.example/discount/more10?redirect=%2Fproducts%2Ftie%3Fvariant%3D9');
    expect(productUrl({ url: 'https://shop.example', platform: 'generic' }, { product_id: '9', url: 'https://shop.example/tie' }, 'more10', now)).toBe('https://shop.example/tie?discount=more10');
  });
  it('WooCommerce cross-sell with the plugin secret: the product restored into the cart by a signed link, code applied', () => {
    const url = new URL(productUrl({ url: 'https://woo.example', platform: 'woocommerce', secret: 's3' }, { product_id: '77', url: 'https://woo.example/product/tie/' }, 'more10', now));
    const payload = url.searchParams.get('homing_cart')!;
    expect(url.searchParams.get('homing_sig')).toBe(createHmac('sha256', 's3').update(payload).digest('hex'));
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({ i: [['77', '', 1]], c: 'more10', e: T0 / 1000 + 30 * 86_400 });
  });
});

describe.each(testStores)('short links, attribution and report on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  async function sendDay1(anonymousId = 'a1', phone?: string) {
    await shopperAddsToCart(t, { anonymousId, phone });
    await runAt(t, T0 + DAY + MIN);
    const body = (await sentBodies(t)).at(-1)!;
    return body.split('/r/')[1]!;
  }

  async function click(code: string, at: number, userAgent = 'Mozilla/5.0 (Linux; Android 14)') {
    t.clock.now = new Date(at);
    return t.app.inject({ url: `/r/${code}`, headers: { 'user-agent': userAgent } });
  }

  it('counts clicks but not link previews, and answers 404 for an unknown code', async () => {
    t = await startCampaigns(store);
    const code = await sendDay1();
    expect((await click(code, T0 + DAY + HOUR, 'WhatsApp/2.23.20.0')).statusCode).toBe(302);
    expect((await click(code, T0 + DAY + HOUR)).statusCode).toBe(302);
    expect((await click(code, T0 + DAY + 2 * HOUR)).statusCode).toBe(302);
    expect((await t.app.inject({ url: '/r/NoSuchCode' })).statusCode).toBe(404);
    const summary = (await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json();
    expect(summary.campaigns.steps[0]).toMatchObject({ campaign: 'abandoned_cart', step: 0, sent: 1, clicked: 1, clicks: 2 });
  });

  it('credits an order to the last message clicked within 5 days, with its revenue', async () => {
    t = await startCampaigns(store);
    const code = await sendDay1();
    await click(code, T0 + DAY + HOUR);
    await order(t, 'a1', 'o-1', T0 + 3 * DAY, { value: 40, currency: 'USD' });
    const summary = (await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json();
    expect(summary.campaigns.steps[0]).toMatchObject({ sent: 1, clicked: 1, recovered_orders: 1, revenue: { USD: 40 } });
    expect(summary.campaigns.totals).toMatchObject({ sent: 1, clicked: 1, recovered_orders: 1, revenue: { USD: 40 } });
  });

  it('credits an order whose time the platform gives in whole seconds to a click earlier in that second', async () => {
    t = await startCampaigns(store);
    const code = await sendDay1();
    const second = T0 + 3 * DAY;
    await click(code, second + 600); // 0.6 s into the second the order is stamped with
    await order(t, 'a1', 'o-1', second, { value: 40, currency: 'USD' });
    expect(await t.app.homing.db.query<any>('SELECT order_id, value FROM campaigns_attributions')).toEqual([{ order_id: 'o-1', value: 40 }]);
  });

  it('the last click wins: day 10 message clicked after day 1 gets the order', async () => {
    t = await startCampaigns(store);
    const first = await sendDay1();
    await click(first, T0 + DAY + HOUR);
    await runAt(t, T0 + 10 * DAY + 2 * MIN);
    const second = (await sentBodies(t))[1]!.split('/r/')[1]!;
    await click(second, T0 + 10 * DAY + HOUR);
    await order(t, 'a1', 'o-1', T0 + 11 * DAY, { value: 25, currency: 'USD' });
    const rows = await t.app.homing.db.query<any>('SELECT campaign, step, value FROM campaigns_attributions');
    expect(rows).toEqual([{ campaign: 'abandoned_cart', step: 1, value: 25 }]);
  });

  it('does not credit an order placed after the window, nor one without a click', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.campaigns.survey.enabled = false)) });
    const code = await sendDay1('late');
    await click(code, T0 + DAY + HOUR);
    await order(t, 'late', 'o-late', T0 + 6 * DAY + 2 * HOUR);
    await sendDay1('never-clicked', '+989125550000');
    await order(t, 'never-clicked', 'o-2', T0 + 7 * DAY);
    expect(await t.app.homing.db.query('SELECT * FROM campaigns_attributions')).toEqual([]);
    expect((await outbox(t)).filter((m) => m.state === 'sent')).toHaveLength(2);
  });

  it('the attribution window is configurable', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.attributionDays = 10)) });
    const code = await sendDay1();
    await click(code, T0 + DAY + HOUR);
    await order(t, 'a1', 'o-1', T0 + 8 * DAY);
    expect(await t.app.homing.db.query('SELECT order_id FROM campaigns_attributions')).toEqual([{ order_id: 'o-1' }]);
  });

  it('the app shows the recovered order and its revenue, the message in the outbox; markup sent as a name reaches neither the text nor the page', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1', name: '<img src=x onerror=alert(1)>' });
    await runAt(t, T0 + DAY + MIN);
    const code = (await sentBodies(t))[0]!.split('/r/')[1]!;
    await click(code, T0 + DAY + HOUR);
    await order(t, 'a1', 'o-1', T0 + 2 * DAY, { value: 40, currency: 'USD' });
    const overview = (await t.app.inject({ url: `/app?store=${WRITE_KEY}`, headers: admin })).body;
    expect(overview).toMatch(/data-card="recoveredOrders"><div class="value">1</);
    expect(overview).toMatch(/data-card="recoveredRevenue"><div class="value">US\$40\.00</);
    expect(overview).toMatch(/data-card="smsClicked"><div class="value">1</);
    const outboxPage = (await t.app.inject({ url: `/app/outbox?store=${WRITE_KEY}`, headers: admin })).body;
    expect(outboxPage).toContain('data-state="sent"');
    expect(outboxPage).not.toContain('img src=x');
    expect(overview).not.toContain('img src=x');
    expect(await sentBodies(t)).toEqual([expect.stringMatching(/^You left something in your cart\./)]);
  });
});
