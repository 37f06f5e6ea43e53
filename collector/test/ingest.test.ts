import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CollectorFeature } from '../src/feature.js';
import { dropTestSchemas, testStores } from './stores.js';
import { ADMIN, OTHER_KEY, SHOP_ORIGIN, WRITE_KEY, identify, page, send, startCollector, track, type TestCollectorApp } from './helpers.js';

afterAll(dropTestSchemas);

describe.each(testStores)('ingest on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  it('stores a batch sent as text/plain and answers with what it accepted', async () => {
    t = await startCollector(store);
    const events = [page(), track('Product Added', { product_id: 'p1', price: 10, quantity: 1, cart_id: 'c1', currency: 'USD' })];
    const answer = await send(t.app, events);
    expect(answer).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0, rejected: [] } });
    const rows = await t.app.homing.db.query<{ message_id: string; type: string; received_at: string }>('SELECT message_id, type, received_at FROM events ORDER BY id');
    expect(rows.map((r) => r.message_id)).toEqual(events.map((e) => e.messageId));
    expect(rows[0].received_at).toBe('2026-11-23T10:00:00.000Z');
  });

  it("never stores WooCommerce's order key from a thank-you page URL", async () => {
    t = await startCollector(store);
    const url = 'https://shop.example/checkout/order-received/77/?key=wc_order_Sx9kQ2&utm_source=sms';
    await send(t.app, [page({ properties: { url, path: '/checkout/order-received/77/' }, context: { page: { url, referrer: url } } })]);
    const [row] = await t.app.homing.db.query<{ properties: string; context: string }>('SELECT properties, context FROM events');
    expect(row.properties + row.context).not.toContain('wc_order_Sx9kQ2');
    expect(JSON.parse(row.context).page.url).toBe('https://shop.example/checkout/order-received/77/?key=redacted&utm_source=sms');
  });

  it('rejects ids with a lone surrogate (they could not be stored as sent) and keeps the other events', async () => {
    t = await startCollector(store);
    const good = page();
    const broken = page({ messageId: 'id-\uD800-x' });
    const answer = await send(t.app, [broken, good]);
    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 0, error: 'messageId must be well-formed Unicode (it has a lone surrogate)' }] });
    expect((await send(t.app, [good])).body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('accepts application/json too', async () => {
    t = await startCollector(store);
    const response = await t.app.inject({ method: 'POST', url: '/v1/batch', payload: { batch: [page()], writeKey: WRITE_KEY } });
    expect(response.statusCode).toBe(200);
    expect(response.json().accepted).toBe(1);
  });

  it('rejects each invalid event with an error naming its field and keeps the valid ones', async () => {
    t = await startCollector(store);
    const good = page();
    const noOrderId = track('Order Completed', { value: 10, currency: 'USD' });
    const badPrice = track('Product Added', { product_id: 'p', price: -1 });
    const badTime = page({ timestamp: 'yesterday' });
    const badType = { ...page(), type: 'alias' };
    const answer = await send(t.app, [good, noOrderId, badPrice, badTime, badType, 'nope']);
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.rejected).toEqual([
      { index: 1, messageId: noOrderId.messageId, error: 'properties.order_id is required' },
      { index: 2, messageId: badPrice.messageId, error: 'properties.price must be >= 0' },
      { index: 3, messageId: badTime.messageId, error: expect.stringMatching(/^timestamp must be an ISO 8601 date-time/) },
      { index: 4, messageId: badType.messageId, error: 'type must be "track", "identify" or "page"' },
      { index: 5, error: 'event must be an object' },
    ]);
  });

  it('dedupes on messageId, across batches and within one, per write key', async () => {
    t = await startCollector(store, { writeKeys: { [WRITE_KEY]: { allowedOrigins: ['*'] }, [OTHER_KEY]: { allowedOrigins: ['*'] } } });
    const event = track('Custom Thing');
    expect((await send(t.app, [event, event])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await send(t.app, [event])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    // Another store may use the same id: write keys do not collide.
    expect((await send(t.app, [event], { writeKey: OTHER_KEY })).body).toMatchObject({ accepted: 1, duplicates: 0 });
    const [{ n }] = await t.app.homing.db.query<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(n).toBe(2);
  });

  it('corrects the device clock with sentAt and receivedAt', async () => {
    t = await startCollector(store);
    // The device clock is 2 hours fast: it says it sent at 12:00:05 what happened at 12:00:00.
    const event = page({ timestamp: '2026-11-23T12:00:00.000Z' });
    await send(t.app, [event], { sentAt: '2026-11-23T12:00:05.000Z' });
    const [row] = await t.app.homing.db.query<{ timestamp: string; original_timestamp: string }>('SELECT timestamp, original_timestamp FROM events');
    expect(row).toEqual({ timestamp: '2026-11-23T09:59:55.000Z', original_timestamp: '2026-11-23T12:00:00.000Z' });
  });

  it('validates phone numbers server-side, stores them in E.164 and rejects invalid ones', async () => {
    t = await startCollector(store, { defaultCountry: 'IR' });
    const international = identify({ phone: '+98 912 123 4567', phone_consent: true });
    const national = identify({ phone: '09121234568' }, { anonymousId: 'anon-2' });
    const invalid = identify({ phone: '+98 912' }, { anonymousId: 'anon-3' });
    const answer = await send(t.app, [international, national, invalid]);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.rejected).toEqual([{ index: 2, messageId: invalid.messageId, error: expect.stringContaining('traits.phone is not a valid phone number') }]);
    const rows = await t.app.homing.db.query<{ anonymous_id: string; phone: string; phone_consent: number | null }>(
      'SELECT anonymous_id, phone, phone_consent FROM identities ORDER BY anonymous_id',
    );
    expect(rows).toEqual([
      { anonymous_id: 'anon-1', phone: '+989121234567', phone_consent: 1 },
      { anonymous_id: 'anon-2', phone: '+989121234568', phone_consent: null },
    ]);
    const [event] = await t.app.homing.db.query<{ traits: string }>("SELECT traits FROM events WHERE type = 'identify' ORDER BY id LIMIT 1");
    expect(JSON.parse(event.traits).phone).toBe('+989121234567');
  });

  it('answers 400 for a body that is not a batch', async () => {
    t = await startCollector(store);
    for (const payload of ['not json', '[]', '{"batch": 3}', 'null', '{"__proto__": {"x": 1}, "batch": []}']) {
      const response = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain' }, payload });
      expect(response.statusCode, payload).toBe(400);
    }
  });

  it('answers 401 for an unknown or missing write key and stores nothing', async () => {
    t = await startCollector(store);
    expect((await send(t.app, [page()], { writeKey: 'wk_unknown' })).status).toBe(401);
    expect((await send(t.app, [page()], { writeKey: '' })).status).toBe(401);
    const [{ n }] = await t.app.homing.db.query<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(n).toBe(0);
  });

  it('answers 413 for a body over 512 KB', async () => {
    t = await startCollector(store);
    const big = page({ properties: { blob: 'x'.repeat(600 * 1024) } });
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN },
      payload: JSON.stringify({ batch: [big], writeKey: WRITE_KEY }),
    });
    expect(response.statusCode).toBe(413);
    // The SDK must be able to read the 413 to split its batch.
    expect(response.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
  });

  it('answers 429 with Retry-After when a write key exceeds its rate, without slowing other keys', async () => {
    t = await startCollector(store, { rateLimitPerSecond: 2, writeKeys: { [WRITE_KEY]: { allowedOrigins: ['*'] }, [OTHER_KEY]: { allowedOrigins: ['*'] } } });
    const burst = Array.from({ length: 20 }, () => page()); // 10 s of budget at 2 events/s
    expect((await send(t.app, burst)).status).toBe(200);
    const limited = await send(t.app, [page(), page()]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await send(t.app, [page()], { writeKey: OTHER_KEY })).status).toBe(200);
    t.clock.advance(1000);
    expect((await send(t.app, [page(), page()])).status).toBe(200);
  });

  it('lets only the write key’s allowed origins read answers, and refuses other origins', async () => {
    t = await startCollector(store);
    const allowed = await send(t.app, [page()], { headers: { origin: SHOP_ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    // An origin allowed for another key only: refused, and unreadable.
    const foreign = await send(t.app, [page()], { headers: { origin: 'https://other.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/t',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    expect(String(preflight.headers['access-control-allow-headers'])).toBe('Authorization, Content-Type, AnonymousId, SentAt');
    const evil = await t.app.inject({ method: 'OPTIONS', url: '/v1/batch', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('requires the admin token for admin endpoints, from a header, or the session cookie a ?token= link is exchanged for', async () => {
    t = await startCollector(store);
    expect((await t.app.inject({ url: '/v1/reports/summary' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/reports/summary', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/reports/summary', headers: { authorization: `Bearer ${ADMIN}` } })).statusCode).toBe(200);
    const viaQuery = await t.app.inject({ url: `/app?token=${ADMIN}` });
    expect(viaQuery.statusCode).toBe(303);
    expect(viaQuery.headers.location).toBe('/app');
    const cookie = String(viaQuery.headers['set-cookie']).split(';')[0];
    expect(cookie).not.toContain(ADMIN);
    expect((await t.app.inject({ url: '/app', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/carts/abandoned' })).statusCode).toBe(401);
  });

  it('lets a feature that fails on one event still hear the rest of the batch', async () => {
    const heard: string[] = [];
    const picky: CollectorFeature = {
      name: 'picky',
      migrations: { sqlite: [], postgres: [] },
      async onEvents(events) {
        for (const e of events) {
          if (e.properties?.poison) throw new Error('cannot handle this one');
          heard.push(e.messageId);
        }
      },
    };
    t = await startCollector(store, {}, [picky]);
    const events = [page({ timestamp: '2026-11-23T09:00:00.000Z' }), track('Custom', { poison: true }), page({ timestamp: '2026-11-23T09:30:00.000Z' })];
    const answer = await send(t.app, events);
    expect(answer).toMatchObject({ status: 200, body: { accepted: 3, rejected: [] } });
    expect(heard).toContain(events[2].messageId);
    expect(heard.filter((id) => id === events[2].messageId)).toHaveLength(1);
  });
});
