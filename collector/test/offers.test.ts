// The offers feature through the collector's HTTP API, on SQLite and (when HOMING_TEST_PG_URL is
// set) PostgreSQL: rules managed by an admin, offers signed for a recorded order, accepted exactly
// once, tampered and expired tokens refused with a clear error, and the report's numbers.
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCollector } from '../src/server.js';
import { offersFeature } from '../src/offers/feature.js';
import { webhookHandler, wooCommerceRestoreHandler, type AcceptedUpsell } from '../src/offers/actions.js';
import type { OfferRule } from '../src/offers/types.js';
import type { StoredEvent } from '../src/feature.js';
import { orderKeyDigest } from '../src/ingest/order-key.js';

/** The order key WooCommerce shows the buyer (order-received URL); the thank-you page sends it. */
const ORDER_KEY = 'wc_order_Ab3dE6gH9jK1m';

const pg = process.env.HOMING_TEST_PG_URL;
const databases: [string, () => string][] = [
  ['sqlite', () => 'sqlite::memory:'],
  ...(pg ? [['postgres', () => `${pg}${pg.includes('?') ? '&' : '?'}schema=offers_${Date.now()}_${Math.floor(Math.random() * 1e6)}`] as [string, () => string]] : []),
];

const rule: OfferRule = {
  id: 'phone-accessories',
  write_key: 'wk_test',
  name: 'Complete your setup',
  when: { product_ids: ['phone-1'] },
  currency: 'USD',
  offer: [
    { product_id: 'charger', name: 'Fast charger', price: 40, image_url: 'https://cdn.example/charger.jpg' },
    { product_id: 'earbuds', name: 'Earbuds', price: 100 },
  ],
  discount: { percent: 25 },
  expires_in_minutes: 10,
  max_quantity: 2,
};

describe.each(databases)('offers on %s', (_name, databaseUrl) => {
  let app: FastifyInstance;
  let clock: Date;
  let handled: AcceptedUpsell[];

  beforeEach(async () => {
    clock = new Date('2026-11-23T10:00:00Z');
    handled = [];
    app = await createCollector({
      config: { databaseUrl: databaseUrl(), adminToken: 'admin-secret', writeKeys: { wk_test: { allowedOrigins: ['https://shop.example'] } }, env: { HOMING_SECRET: 'sign-here' } },
      features: [offersFeature({ action: async (upsell) => (handled.push(upsell), { type: 'redirect', url: `https://shop.example/upsell/${upsell.offer_id}` }) })],
      now: () => clock,
    });
  });
  afterEach(() => app.close());

  const admin = { authorization: 'Bearer admin-secret' };
  const putRule = (body: unknown, headers: Record<string, string> = admin) => app.inject({ method: 'PUT', url: `/v1/admin/offers/rules/${rule.id}`, headers, payload: body as object });
  const recordOrder = async () => {
    await app.homing.db.run('INSERT INTO orders (write_key, order_id, value, currency, products, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      'wk_test', '1001', 500, 'USD', JSON.stringify([{ product_id: 'phone-1', name: 'Phone', price: 500, quantity: 1 }]), clock.toISOString(),
    ]);
    await app.homing.db.run('INSERT INTO offers_order_keys (write_key, order_id, key_digest, recorded_at) VALUES ($1, $2, $3, $4)', ['wk_test', '1001', orderKeyDigest(ORDER_KEY), clock.toISOString()]);
  };
  const getOffers = () => app.inject({ method: 'GET', url: `/v1/offers?order_id=1001&order_key=${ORDER_KEY}&write_key=wk_test`, headers: { origin: 'https://shop.example' } });
  const accept = (offerId: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/offers/${encodeURIComponent(offerId)}/accept`, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' }, payload: JSON.stringify({ order_key: ORDER_KEY, ...body }) });

  it('lets only an admin manage rules and names every bad field', async () => {
    expect((await putRule(rule, {})).statusCode).toBe(401);
    const bad = await putRule({ ...rule, currency: 'dollars', discount: { percent: 150 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.join(' ')).toMatch(/\/currency.*\/discount\/percent|\/discount\/percent.*\/currency/);
    expect((await putRule(rule)).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/v1/admin/offers/rules', headers: admin });
    expect(list.json().rules).toEqual([rule]);
    expect((await app.inject({ method: 'DELETE', url: `/v1/admin/offers/rules/${rule.id}`, headers: admin })).json()).toEqual({ deleted: true });
    expect((await app.inject({ method: 'GET', url: '/v1/admin/offers/rules', headers: admin })).json().rules).toEqual([]);
  });

  it('serves signed offers for a recorded order only, readable from the store origin', async () => {
    await putRule(rule);
    const early = await getOffers();
    expect(early.statusCode).toBe(404);
    expect(early.headers['retry-after']).toBe('1');
    await recordOrder();
    const response = await getOffers();
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
    const { offers } = response.json();
    expect(offers.map((o: any) => o.id)).toEqual(['phone-accessories~charger', 'phone-accessories~earbuds']);
    expect(offers[0]).toMatchObject({ currency: 'USD', max_quantity: 2, expires_at: '2026-11-23T10:10:00.000Z', choices: [{ price: 30, regular_price: 40 }] });
    expect(offers[0].choices[0].token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect((await app.inject({ method: 'GET', url: `/v1/offers?order_id=1001&order_key=${ORDER_KEY}&write_key=nope` })).statusCode).toBe(401);
  });

  it('holds an offers request until the order arrives through ingest, and answers 404 when it never does', async () => {
    await putRule(rule);
    const started = Date.now();
    const pending = app.inject({ method: 'GET', url: `/v1/offers?order_id=1001&order_key=${ORDER_KEY}&write_key=wk_test&wait=5` });
    const batch = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        writeKey: 'wk_test',
        batch: [{ type: 'track', event: 'Order Completed', messageId: 'order-1001', anonymousId: 'a1', timestamp: clock.toISOString(), properties: { order_id: '1001', order_key: ORDER_KEY, value: 500, currency: 'USD', products: [{ product_id: 'phone-1' }] } }],
      }),
    });
    expect(batch.json()).toMatchObject({ accepted: 1 });
    const answer = await pending;
    expect(answer.statusCode).toBe(200);
    expect(answer.json().offers).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(4000); // woken by the order, not by the time limit
    const never = await app.inject({ method: 'GET', url: `/v1/offers?order_id=404&order_key=${ORDER_KEY}&write_key=wk_test&wait=1` });
    expect(never.statusCode).toBe(404);
  });

  it('accepts once per order and offer at the signed price, whatever the browser claims', async () => {
    await putRule(rule);
    await recordOrder();
    const [charger] = (await getOffers()).json().offers;
    const token = charger.choices[0].token;
    const [first, second] = await Promise.all([
      accept(charger.id, { write_key: 'wk_test', token, quantity: 2, price: 0.01 }),
      accept(charger.id, { write_key: 'wk_test', token, quantity: 2 }),
    ]);
    const answers = [first.json(), second.json()].sort((a, b) => Number(a.duplicate) - Number(b.duplicate));
    expect(answers[0]).toMatchObject({ accepted: true, duplicate: false, upsell: { product_id: 'charger', quantity: 2, unit_price: 30, value: 60, currency: 'USD' }, action: { type: 'redirect' } });
    expect(answers[1]).toMatchObject({ accepted: true, duplicate: true, upsell: { value: 60 } });
    expect(handled).toHaveLength(1);
    const later = (await accept(charger.id, { write_key: 'wk_test', token, quantity: 1 })).json();
    expect(later).toMatchObject({ duplicate: true, upsell: { quantity: 2 }, action: { type: 'redirect', url: 'https://shop.example/upsell/phone-accessories~charger' } });
    const rows = await app.homing.db.query('SELECT COUNT(*) AS n FROM offers_accepted');
    expect(Number(rows[0].n)).toBe(1);
  });

  it('refuses tampered, misplaced, over-quantity and expired tokens with a clear 4xx', async () => {
    await putRule(rule);
    await recordOrder();
    const [charger, earbuds] = (await getOffers()).json().offers;
    const token: string = charger.choices[0].token;
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const cheap = `${Buffer.from(JSON.stringify({ ...claims, a: 0.01 })).toString('base64url')}.${sig}`;
    const tampered = await accept(charger.id, { write_key: 'wk_test', token: cheap });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.json()).toMatchObject({ error: 'bad_signature', message: expect.stringMatching(/changed/) });
    expect((await accept(earbuds.id, { write_key: 'wk_test', token })).json()).toMatchObject({ error: 'wrong_offer' });
    expect((await accept(charger.id, { write_key: 'wk_test', token, quantity: 3 })).json()).toMatchObject({ error: 'bad_quantity', message: 'quantity must be a whole number from 1 to 2' });
    expect((await accept(charger.id, { write_key: 'wk_test' })).statusCode).toBe(400);
    expect((await accept(charger.id, { write_key: 'other', token })).statusCode).toBe(401);
    (app.homing.ctx.config.writeKeys as Record<string, unknown>).wk_other = { allowedOrigins: ['*'] };
    expect((await accept(charger.id, { write_key: 'wk_other', token })).json()).toMatchObject({ error: 'wrong_write_key' });
    clock = new Date(clock.getTime() + 11 * 60_000);
    const expired = await accept(charger.id, { write_key: 'wk_test', token });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toEqual({ error: 'offer_expired', message: 'the offer expired at 2026-11-23T10:10:00.000Z' });
    expect(handled).toHaveLength(0);
  });

  it('reports impressions, click rate, take rate and revenue', async () => {
    await putRule(rule);
    await recordOrder();
    const [charger] = (await getOffers()).json().offers;
    const event = (messageId: string, name: string, orderId = '1001', promotion = charger.id): StoredEvent => ({
      writeKey: 'wk_test', messageId, type: 'track', event: name, timestamp: clock.toISOString(), receivedAt: clock.toISOString(), properties: { promotion_id: promotion, order_id: orderId },
    });
    const feature = app.homing.features.find((f) => f.name === 'offers')!;
    await feature.onEvents!([event('a', 'Promotion Viewed'), event('a', 'Promotion Viewed'), event('b', 'Promotion Viewed'), event('c', 'Promotion Viewed', '1002'), event('d', 'Promotion Viewed', '1003'), event('e', 'Promotion Viewed', '1004'), event('f', 'Promotion Clicked'), event('g', 'Upsell Declined', '1002')], app.homing.ctx);
    await accept(charger.id, { write_key: 'wk_test', token: charger.choices[0].token, quantity: 1 });
    const { summary } = await feature.report!(app.homing.ctx);
    expect(summary).toMatchObject({ impressions: 4, clicks: 1, accepted: 1, declined: 1, click_rate: 25, take_rate: 25, revenue: { USD: 30 } });
    const api = await app.inject({ method: 'GET', url: '/v1/reports/summary', headers: admin });
    expect(api.json().offers).toMatchObject({ impressions: 4, take_rate: 25, revenue: { USD: 30 } });
    const overview = await app.inject({ method: 'GET', url: '/app?store=wk_test', headers: admin });
    expect(overview.body).toMatch(/data-card="upsellRevenue"><div class="value">US\$30\.00</);
  });
});

describe('rules file', () => {
  it('reads rules from HOMING_OFFERS_RULES_FILE, skips a bad one with a warning, and lets the admin API override by id', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'homing-rules-'));
    const file = join(dir, 'rules.json');
    const { write_key: _store, ...storeless } = rule;
    writeFileSync(file, JSON.stringify([rule, { id: 'broken', currency: 'USD', offer: [] }, { ...storeless, id: 'storeless' }]));
    const warnings: string[] = [];
    const app = await createCollector({
      config: { databaseUrl: 'sqlite::memory:', adminToken: 'a', writeKeys: { wk_test: { allowedOrigins: ['*'] } }, env: { HOMING_OFFERS_RULES_FILE: file } },
      features: [offersFeature()],
    });
    try {
      const { loadOfferRules } = await import('../src/offers/rules.js');
      const ctx = { ...app.homing.ctx, log: { ...app.homing.ctx.log, warn: (m: string) => warnings.push(m) } as never };
      expect((await loadOfferRules(ctx)).map((r) => r.id)).toEqual(['phone-accessories']);
      expect(warnings.join('\n')).toMatch(/rule #1 in .* skipped: \/offer must NOT have fewer than 1 items/);
      // A file rule that names no store is not shown in every store.
      expect(warnings.join('\n')).toMatch(/rule #2 in .* skipped: write_key must name a write key/);
      await app.inject({ method: 'PUT', url: `/v1/admin/offers/rules/${rule.id}`, headers: { authorization: 'Bearer a' }, payload: { ...rule, discount: { percent: 50 } } });
      expect((await loadOfferRules(ctx)).map((r) => r.discount)).toEqual([{ percent: 50 }]);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('store actions', () => {
  const upsell: AcceptedUpsell = { write_key: 'wk', order_id: '1001', offer_id: 'r~charger', product_id: 'charger', variant: 'eu', quantity: 1, unit_price: 30, value: 30, currency: 'USD', expires_at: Date.parse('2026-11-23T10:10:00Z') };
  const ctx = { log: { warn: () => {} } } as never;

  it('WooCommerce: a restore URL whose signature the plugin can check', async () => {
    const action = await wooCommerceRestoreHandler('https://shop.example/', 'woo-secret')(upsell, ctx);
    expect(action.type).toBe('redirect');
    const url = new URL((action as { url: string }).url);
    const payload = url.searchParams.get('homing_upsell')!;
    expect(url.searchParams.get('homing_sig')).toBe(createHmac('sha256', 'woo-secret').update(payload).digest('hex'));
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ o: '1001', p: 'charger', v: 'eu', q: 1, a: 30, c: 'USD' });
  });

  it('webhook: a signed POST to the store', async () => {
    const received: { body: string; signature: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        received.push({ body, signature: String(req.headers['x-homing-signature']) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const action = await webhookHandler(`http://127.0.0.1:${port}/hook`, 'hook-secret')(upsell, ctx);
      expect(action).toEqual({ type: 'webhook', status: 202 });
      expect(JSON.parse(received[0].body)).toEqual({ type: 'upsell.accepted', upsell });
      expect(received[0].signature).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(received[0].body).digest('hex')}`);
    } finally {
      server.close();
    }
  });
});
