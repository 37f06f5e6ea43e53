// A collector full of made-up shoppers for the owner's app: three stores (euro, rial, shekel),
// three weeks of carts, phones, orders, recovery SMS with clicks and recovered orders, survey
// answers and upsells, one SMS the provider refused (to show "retry"), and for the Retention
// screen 18 months of past orders of the euro and the rial store. Used by
// `npm run screenshots` and the app's browser tests. Runs collector/dist: build first.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../collector/dist/server.js';
import { linksFeature } from '../collector/dist/links/feature.js';
import { offersFeature } from '../collector/dist/offers/feature.js';
import { surveysFeature } from '../collector/dist/surveys/feature.js';
import { campaignsFeature } from '../collector/dist/campaigns/feature.js';
import { settingsFeature } from '../collector/dist/settings/feature.js';
import { retentionFeature } from '../collector/dist/retention/feature.js';
import { SmsSendError } from '../collector/dist/sms/provider.js';
import { generateOrderHistory, insertOrderHistory } from '../collector/dist/retention/history.js';

export const DEMO_TOKEN = 'demo-admin-token';
const DAY = 86_400_000;

const STORES = {
  wk_plain: { name: 'Tea House', country: 'DE', currency: 'EUR', locale: 'de-DE', tz: 'Europe/Berlin', phone: (i) => `+4915112345${String(i).padStart(3, '0')}`,
    products: [{ product_id: 'tea-01', name: 'Green Tea', price: 12.1 }, { product_id: 'cup-02', name: 'Glass cup', price: 6.5 }, { product_id: 'pot-03', name: 'Teapot', price: 39 }] },
  wk_fa: { name: 'چای‌خانه', country: 'IR', currency: 'IRR', locale: 'fa-IR', tz: 'Asia/Tehran', phone: (i) => `+98912345${String(i).padStart(4, '0')}`,
    products: [{ product_id: 'tea-01', name: 'چای سبز', price: 2_500_000 }, { product_id: 'cup-02', name: 'استکان کمرباریک', price: 1_200_000 }, { product_id: 'pot-03', name: 'قوری چینی', price: 9_800_000 }] },
  wk_he: { name: 'בית התה', country: 'IL', currency: 'ILS', locale: 'he-IL', tz: 'Asia/Jerusalem', phone: (i) => `+97250123${String(i).padStart(4, '0')}`,
    products: [{ product_id: 'tea-01', name: 'תה ירוק', price: 45 }, { product_id: 'cup-02', name: 'כוס זכוכית', price: 25 }] },
};

/** Deterministic pseudo-random numbers: the same demo every run. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

/**
 * Starts the collector on 127.0.0.1 (a free port) and fills it. `now` is the app's today.
 * Returns { app, url, token, failedMessageId, close }.
 */
export async function startDemoCollector({ now = new Date(), databaseUrl } = {}) {
  const clock = { now: new Date(now.getTime() - 21 * DAY) };
  // Given as the configuration file would give it, so the settings feature keeps it live and the
  // editing screens can change it.
  const origin = 'http://127.0.0.1:9';
  const config = { quietHours: null, frequencyCap: null };
  config.stores = Object.fromEntries(Object.entries(STORES).map(([key, s]) => [key, { url: `${origin}/${key}`, name: s.name, country: s.country }]));
  // The provider refuses one Iranian message in six for good: those show as failed.
  let iranian = 0;
  const refused = (to) => to.startsWith('+98') && ++iranian % 6 === 3;
  const provider = {
    name: 'demo',
    idempotent: true,
    async send(message) {
      if (refused(message.to)) throw new SmsSendError('the operator refused this number', true, 400);
      return { providerMessageId: `demo-${message.outboxId}` };
    },
  };
  const app = await createCollector({
    config: {
      databaseUrl: databaseUrl ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'homing-app-demo-')), 'demo.db')}`,
      writeKeys: Object.fromEntries(Object.keys(STORES).map((k) => [k, { allowedOrigins: ['*'] }])),
      adminToken: DEMO_TOKEN,
      rateLimitPerSecond: 0,
      clientRateLimitPerSecond: 0,
      publicUrl: 'http://127.0.0.1',
      env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(config) },
    },
    features: [settingsFeature(), offersFeature(), surveysFeature(), linksFeature(), campaignsFeature({ provider }), retentionFeature()],
    now: () => clock.now,
  });
  const admin = { authorization: `Bearer ${DEMO_TOKEN}` };
  const send = async (writeKey, at, batch) => {
    clock.now = new Date(at);
    const timestamp = clock.now.toISOString();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ writeKey, sentAt: timestamp, batch: batch.map((e) => ({ messageId: randomUUID(), timestamp, ...e })) }),
    });
    if (response.statusCode !== 200) throw new Error(`demo batch refused: ${response.body}`);
  };

  const rand = random(42);
  const shoppers = [];
  let n = 0;
  for (let day = 0; day < 21; day++) {
    for (const [writeKey, store] of Object.entries(STORES)) {
      const perDay = 1 + Math.floor(rand() * (writeKey === 'wk_fa' ? 5 : 3));
      for (let k = 0; k < perDay; k++) {
        const i = ++n;
        const at = now.getTime() - (21 - day) * DAY + Math.floor(rand() * 10) * 3_600_000;
        const anonymousId = `demo-${writeKey}-${i}`;
        const cartId = `cart-${i}`;
        const lines = store.products.filter(() => rand() < 0.6);
        if (!lines.length) lines.push(store.products[0]);
        const products = lines.map((p) => ({ ...p, quantity: 1 + Math.floor(rand() * 2) }));
        const value = Math.round(products.reduce((t, p) => t + p.price * p.quantity, 0) * 100) / 100;
        const context = { locale: store.locale, timezone: store.tz, page: { url: `${origin}/${writeKey}/products` } };
        const withPhone = rand() < 0.7;
        const phone = store.phone(i);
        await send(writeKey, at, [
          { type: 'page', anonymousId, properties: { path: '/products', url: `${origin}/${writeKey}/products` }, context },
          ...products.map((p) => ({ type: 'track', event: 'Product Added', anonymousId, properties: { ...p, cart_id: cartId, currency: store.currency }, context })),
          { type: 'track', event: 'Cart Updated', anonymousId, properties: { cart_id: cartId, currency: store.currency, value, products }, context },
          ...(withPhone ? [{ type: 'identify', anonymousId, traits: { phone, phone_consent: rand() < 0.8, first_name: 'Sara' }, context }] : []),
        ]);
        const s = { writeKey, store, anonymousId, cartId, value, products, at };
        shoppers.push(s);
        if (rand() < 0.3) await placeOrder(s, at + 20 * 60_000);
      }
    }
    // The campaign clock runs at noon each day.
    const noon = now.getTime() - (20 - day) * DAY;
    clock.now = new Date(noon);
    const run = await app.inject({ method: 'POST', url: `/v1/campaigns/run?asOf=${encodeURIComponent(clock.now.toISOString())}`, headers: admin });
    if (run.statusCode !== 200) throw new Error(`demo campaign run failed: ${run.body}`);
    // About half of today's messages are clicked, and a third of those bring an order back.
    const sent = await app.homing.db.query(`SELECT m.id, m.anonymous_id, m.write_key, m.link_code FROM campaigns_outbox m WHERE m.state = 'sent' AND m.sent_at = $1`, [clock.now.toISOString()]);
    for (const m of sent) {
      if (!m.link_code || rand() >= 0.5) continue;
      clock.now = new Date(noon + 3_600_000);
      await app.inject({ url: `/r/${m.link_code}`, headers: { 'user-agent': 'demo' } });
      const s = shoppers.find((x) => x.anonymousId === m.anonymous_id);
      if (s && rand() < 0.6) await placeOrder(s, noon + 2 * 3_600_000);
    }
  }

  async function placeOrder(s, at) {
    const orderId = `${1000 + shoppers.indexOf(s)}`;
    await send(s.writeKey, at, [{ type: 'track', event: 'Order Completed', anonymousId: s.anonymousId, properties: { order_id: orderId, cart_id: s.cartId, value: s.value, currency: s.store.currency, products: s.products } }]);
    if (rand() < 0.5) {
      const comments = { wk_fa: ['خیلی خوب بود', '=HYPERLINK("http://x")', 'بسته‌بندی عالی'], wk_he: ['מעולה', 'משלוח מהיר'], wk_plain: ['Lovely tea', 'Slow delivery'] }[s.writeKey];
      await send(s.writeKey, at + 60_000, [{ type: 'track', event: 'Survey Submitted', anonymousId: s.anonymousId, properties: { order_id: orderId, rating: 3 + Math.floor(rand() * 3), comment: comments[Math.floor(rand() * comments.length)] } }]);
    }
    if (rand() < 0.25) {
      // An accepted post-purchase offer, as the offers feature records it after verifying the price.
      const p = s.store.products[s.store.products.length - 1];
      await app.homing.db.run(
        `INSERT INTO offers_accepted (write_key, order_id, offer_id, product_id, variant, quantity, unit_price, value, currency, accepted_at) VALUES ($1, $2, 'add-on', $3, NULL, 1, $4, $4, $5, $6)`,
        [s.writeKey, orderId, p.product_id, p.price, s.store.currency, new Date(at + 120_000).toISOString()],
      );
    }
  }

  // Past orders for the Retention screen: the history's baskets are 10-100 in the currency's unit, so rials are scaled to a Tehran tea shop's.
  for (const [writeKey, seed, currencies, scale] of [['wk_plain', 2026, ['EUR', 'USD'], 1], ['wk_fa', 1405, ['IRR'], 50_000]]) {
    const end = new Date(now.getTime() - 22 * DAY);
    const start = new Date(end.getTime() - 540 * DAY);
    const history = generateOrderHistory({ seed, customers: 300, start, end, currencies, prefix: `history-${writeKey}` });
    for (const o of history.orders) o.value = Math.round(o.value * scale * 100) / 100;
    await insertOrderHistory(app.homing.db, writeKey, history);
  }

  const [failed] = await app.homing.db.query(`SELECT id FROM campaigns_outbox WHERE state = 'failed' ORDER BY id LIMIT 1`);
  clock.now = now;
  // From here on the collector's clock is the real one (the app shows "3 hours ago" against it).
  const offset = Date.now() - now.getTime();
  Object.defineProperty(clock, 'now', { get: () => new Date(Date.now() - offset) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, token: DEMO_TOKEN, failedMessageId: failed ? Number(failed.id) : undefined, close: () => app.close() };
}
