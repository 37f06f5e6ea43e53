// Texts that read right: the SMS speaks the language of the store page the shopper used (then the
// checkout's from the platform's signed webhooks, then the browser's, then the store's), the survey
// page opens in the SMS's language, an order rated on the thank-you page gets no survey SMS, and the
// cross-sell never offers what the shopper just bought or took as an upsell.
import { createHmac } from 'node:crypto';
import { nanoid } from 'nanoid';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CampaignsConfig } from '../src/campaigns/config.js';
import { campaignsFeature } from '../src/campaigns/feature.js';
import { linksFeature } from '../src/links/feature.js';
import { offersFeature } from '../src/offers/feature.js';
import { surveysFeature } from '../src/surveys/feature.js';
import { webhooksFeature } from '../src/webhooks/feature.js';
import { admin, send, startCollector, type TestCollectorApp } from './helpers.js';
import { dropTestSchemas, testStores, type TestStore } from './stores.js';
import { DAY, HOUR, PUBLIC_URL, T0, WRITE_KEY, iso, order, outbox, runAt, sentBodies, shirt, testCampaigns } from './campaigns-helpers.js';

afterAll(dropTestSchemas);

const SHOPIFY_SECRET = 'shpss_languages_test_secret';
const PHONE = '+989121234567';
// Each shopper of a test has their own phone: languages known for a phone would otherwise carry over.
const PHONES: Record<string, string> = { prefixed: '+989121230002', 'german-browser': '+989121230003' };

async function start(store: TestStore, change: (c: CampaignsConfig) => void = () => {}): Promise<TestCollectorApp> {
  const config = testCampaigns((c) => {
    c.stores[WRITE_KEY]!.shopify = { webhookSecret: SHOPIFY_SECRET };
    change(c);
  });
  const features = [linksFeature(), offersFeature(), surveysFeature(), campaignsFeature({ config }), webhooksFeature({ stores: config.stores })];
  const t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0' } }, features);
  t.clock.now = new Date(T0);
  return t;
}

/** A shopper with a consenting phone adds a shirt, from a browser in `locale`, on `page`. */
async function shopperOnPage(t: TestCollectorApp, anonymousId: string, locale: string, page: Record<string, string>, traits: Record<string, unknown> = {}) {
  t.clock.now = new Date(T0);
  const context = { locale, timezone: 'Europe/London', page };
  const base = { anonymousId, timestamp: iso(T0), context };
  const answer = await send(
    t.app,
    [
      { type: 'identify', traits: { phone: PHONES[anonymousId] ?? PHONE, phone_consent: true, ...traits }, messageId: nanoid(), ...base },
      { type: 'track', event: 'Product Added', properties: { ...shirt, cart_id: `cart-${anonymousId}`, currency: 'USD' }, messageId: nanoid(), ...base },
    ],
    { sentAt: iso(T0) },
  );
  expect(answer.body.accepted).toBe(2);
}

async function track(t: TestCollectorApp, anonymousId: string, event: string, properties: Record<string, unknown>, at: number) {
  t.clock.now = new Date(at);
  const answer = await send(t.app, [{ type: 'track', event, properties, messageId: nanoid(), anonymousId, timestamp: iso(at) }], { sentAt: iso(at) });
  expect(answer.body.accepted).toBe(1);
}

async function shopify(t: TestCollectorApp, topic: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const response = await t.app.inject({
    method: 'POST',
    url: `/v1/webhooks/shopify/${WRITE_KEY}`,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-webhook-id': nanoid(),
      'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SECRET).update(body).digest('base64'),
    },
    payload: body,
  });
  expect(response.statusCode).toBe(200);
}

/** Where the SMS's short link leads. */
async function follow(t: TestCollectorApp, body: string): Promise<string> {
  const click = await t.app.inject({ url: `/r/${body.split('/r/')[1]}` });
  expect(click.statusCode).toBe(302);
  return click.headers.location as string;
}

const DAY_1 = T0 + DAY + HOUR;

describe.each(testStores)('texts that read right on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  it('a Persian store page gets a Persian SMS even from an English browser: <html lang> or a /fa/ path', async () => {
    t = await start(store);
    await shopperOnPage(t, 'declared', 'en-US', { url: 'https://shop.example/products/shirt', lang: 'fa-IR' }, { first_name: 'Sara', name_source: 'prompt' });
    await runAt(t, DAY_1);
    await shopperOnPage(t, 'prefixed', 'en-US', { url: 'https://shop.example/fa/products/shirt' });
    await runAt(t, DAY_1);
    const [declared, prefixed] = await sentBodies(t);
    expect(declared).toMatch(/^Sara عزیز، سبد خریدتان منتظر شماست\. با کد off5 خریدتان را تمام کنید: https:\/\/collect\.example\/r\/\w{8}$/);
    // Without a trusted name the greeting goes as a whole.
    expect(prefixed).toMatch(/^سبد خریدتان منتظر شماست\./);
  });

  it('with no page language the browser decides, then the store\'s own locale (not English)', async () => {
    t = await start(store, (c) => (c.stores[WRITE_KEY]!.locale = 'he'));
    await shopperOnPage(t, 'arabic-browser', 'ar-AE', { url: 'https://shop.example/products/shirt' });
    await runAt(t, DAY_1);
    await shopperOnPage(t, 'german-browser', 'de-DE', { url: 'https://shop.example/products/shirt' });
    await runAt(t, DAY_1);
    const [arabic, hebrew] = await sentBodies(t);
    expect(arabic).toMatch(/^ما زالت منتجاتك في سلة التسوق\. أكمل طلبك بالرمز off5: https:\/\/collect\.example\/r\/\w{8}$/);
    expect(hebrew).toMatch(/^המוצרים שבחרת עדיין מחכים בעגלה\. אפשר להשלים את ההזמנה עם הקוד off5: https:\/\/collect\.example\/r\/\w{8}$/);
  });

  it('a Shopify checkout in Hebrew (customer_locale he, signed) gets a Hebrew SMS though the browser said English', async () => {
    t = await start(store);
    const cartToken = 'c1-hebrew-checkout';
    // The browser captured the same cart, from an English browser on a page that names no language.
    const browser = { anonymousId: 'browser', timestamp: iso(T0), context: { locale: 'en-US', page: { url: 'https://shop.example/cart' } } };
    await send(
      t.app,
      [
        { type: 'identify', traits: { phone: PHONE, phone_consent: true }, messageId: nanoid(), ...browser },
        { type: 'track', event: 'Product Added', properties: { ...shirt, cart_id: cartToken, currency: 'USD' }, messageId: nanoid(), ...browser },
      ],
      { sentAt: iso(T0) },
    );
    const checkout = {
      token: 'tok-hebrew',
      cart_token: cartToken,
      customer_locale: 'he',
      sms_marketing_phone: PHONE,
      buyer_accepts_sms_marketing: true,
      billing_address: { first_name: 'Dana', country_code: 'IR' },
      created_at: iso(T0),
      updated_at: iso(T0),
      currency: 'USD',
      total_price: '40.00',
      line_items: [{ product_id: 'p-shirt', variant_id: '4001', title: 'Shirt', price: '20.00', quantity: 2 }],
    };
    await shopify(t, 'checkouts/create', checkout);
    await runAt(t, DAY_1);
    const [sms] = await sentBodies(t);
    expect(sms).toMatch(/^Dana, המוצרים שבחרת עדיין מחכים בעגלה\. אפשר להשלים את ההזמנה עם הקוד off5: https:\/\/collect\.example\/r\/\w{8}$/);
  });

  it('the survey link opens the rating page in the SMS\'s language, right to left', async () => {
    t = await start(store, (c) => (c.campaigns.abandoned_cart.enabled = false));
    await shopperOnPage(t, 'a1', 'en-GB', { url: 'https://shop.example/products/shirt', lang: 'fa' });
    await order(t, 'a1', 'o-1', T0 + HOUR);
    await runAt(t, T0 + 3 * DAY + 2 * HOUR);
    const [sms] = await sentBodies(t);
    // A browser-only order: no id in the text (attacks/sms-text.test.ts), and the text still reads right.
    expect(sms).toMatch(/^از سفارش راضی بودید؟ امتیاز دهید: https:\/\/collect\.example\/r\/\w{8}$/);
    const target = new URL(await follow(t, sms!));
    expect(target.searchParams.get('lang')).toBe('fa');
    // An English browser asking for the page still gets the SMS's language.
    const page = await t.app.inject({ url: `${target.pathname}${target.search}`, headers: { 'accept-language': 'en-US,en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fa" dir="rtl">');
    expect(page.body).toContain('سفارش شما چطور بود؟');
  });

  it('an order Shopify confirms in Hebrew gets its survey in Hebrew, and the page opens in Hebrew', async () => {
    t = await start(store, (c) => (c.campaigns.abandoned_cart.enabled = false));
    await shopperOnPage(t, 'a1', 'en-US', { url: 'https://shop.example/' });
    await order(t, 'a1', '4501', T0 + HOUR);
    // The same order from Shopify: another id for the same shopper, known by the phone.
    await shopify(t, 'orders/create', { id: 4501, customer_locale: 'he-IL', phone: PHONE, billing_address: { country_code: 'IR' }, currency: 'USD', total_price: '40.00', created_at: iso(T0 + HOUR) });
    await runAt(t, T0 + 3 * DAY + 2 * HOUR);
    const [sms, ...others] = await sentBodies(t);
    expect(others).toEqual([]);
    expect(sms).toMatch(/^איך הייתה ההזמנה 4501\? אפשר לדרג בנגיעה אחת: https:\/\/collect\.example\/r\/\w{8}$/);
    const target = new URL(await follow(t, sms!));
    expect(target.searchParams.get('lang')).toBe('he');
    expect((await t.app.inject({ url: `${target.pathname}${target.search}` })).body).toContain('<html lang="he" dir="rtl">');
  });

  it('an order rated on the thank-you page before the survey is due gets no survey SMS', async () => {
    t = await start(store, (c) => (c.campaigns.abandoned_cart.enabled = false));
    await shopperOnPage(t, 'a1', 'en-GB', { url: 'https://shop.example/' });
    // The thank-you page knows the order key; its widget sends it with the answer.
    await order(t, 'a1', 'o-rated', T0 + HOUR, { order_key: 'wc_order_rated' });
    await track(t, 'a1', 'Survey Submitted', { order_id: 'o-rated', rating: 5, order_key: 'wc_order_rated' }, T0 + HOUR + 60_000);
    const run = await runAt(t, T0 + 3 * DAY + 2 * HOUR);
    expect(run.scheduled).toEqual({});
    expect(await outbox(t)).toEqual([]);
  });

  it('an answer that arrives between scheduling and sending cancels the survey SMS', async () => {
    t = await start(store, (c) => {
      c.campaigns.abandoned_cart.enabled = false;
      c.quietHours = { start: '21:00', end: '09:00' };
    });
    await shopperOnPage(t, 'a1', 'en-GB', { url: 'https://shop.example/' });
    await order(t, 'a1', 'o-late', T0 + HOUR, { order_key: 'wc_order_late' });
    // Due at 22:00 London: scheduled, then held back by quiet hours until 09:00.
    expect(await runAt(t, T0 + 3 * DAY + 12 * HOUR)).toMatchObject({ scheduled: { 'survey:0': 1 }, deferred: 1 });
    await track(t, 'a1', 'Survey Submitted', { order_id: 'o-late', rating: 4, order_key: 'wc_order_late' }, T0 + 3 * DAY + 13 * HOUR);
    expect(await runAt(t, T0 + 4 * DAY + HOUR)).toMatchObject({ sent: 0, cancelled: 1 });
    const [message] = await outbox(t);
    expect(message).toMatchObject({ campaign: 'survey', state: 'cancelled', error: 'already rated', body: null });
  });

  it('the cross-sell skips what was bought and the upsell taken on the thank-you page', async () => {
    t = await start(store, (c) => {
      c.campaigns.abandoned_cart.enabled = false;
      c.campaigns.survey.enabled = false;
    });
    const product = (id: string, name: string) => ({ product_id: id, name, price: 15, url: `https://shop.example/products/${id}` });
    const rule = { write_key: WRITE_KEY, currency: 'USD', offer: [product('p-shirt', 'Shirt'), product('p-tie', 'Silk tie'), product('p-belt', 'Leather belt')] };
    expect((await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/more', headers: admin, payload: rule })).statusCode).toBeLessThan(300);
    await shopperOnPage(t, 'a1', 'en-GB', { url: 'https://shop.example/' }, { first_name: 'Sara', name_source: 'prompt' });
    await order(t, 'a1', 'o-7', T0 + HOUR);
    await track(t, 'a1', 'Upsell Accepted', { promotion_id: 'more~p-tie', order_id: 'o-7', value: 15, currency: 'USD' }, T0 + HOUR + 60_000);
    // Another shopper who took no upsell is offered the tie.
    await send(t.app, [{ type: 'identify', traits: { phone: '+989125550000', phone_consent: true }, messageId: nanoid(), anonymousId: 'a2', timestamp: iso(T0 + HOUR) }], { sentAt: iso(T0 + HOUR) });
    await order(t, 'a2', 'o-8', T0 + HOUR);
    expect(await runAt(t, T0 + 7 * DAY + 2 * HOUR)).toMatchObject({ sent: 2 });
    const bodies = await sentBodies(t);
    expect(bodies[0]).toMatch(/^Sara, Leather belt goes well with your last order\./);
    expect(bodies[1]).toMatch(/^Silk tie goes well with your last order\./);
  });
});
