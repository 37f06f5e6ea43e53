// Segment/RudderStack wire shapes (PROTOCOL.md section 5), request by request; the real SDKs
// are driven in Chromium by test/e2e/compat-sdks.test.ts.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { WRITE_KEY, startCollector, type TestCollectorApp } from './helpers.js';

afterAll(dropTestSchemas);
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testStores)('Segment and RudderStack endpoints on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  it('takes a single RudderStack event: Basic auth, originalTimestamp, traits in context.traits, SentAt header', async () => {
    t = await startCollector(store);
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json', sentat: '2026-11-23T10:00:10.000Z', anonymousid: 'rs-anon' },
      payload: { messageId: 'rs-1', anonymousId: 'rs-anon', userId: 'u1', originalTimestamp: '2026-11-23T10:00:00.000Z', context: { traits: { phone: '+14155552671', phone_consent: true } } },
    });
    expect(response.statusCode).toBe(200);
    const [row] = await t.app.homing.db.query<any>('SELECT type, timestamp FROM events');
    expect(row).toEqual({ type: 'identify', timestamp: '2026-11-23T09:59:50.000Z' }); // 10 s in flight per the SentAt header
    const [identity] = await t.app.homing.db.query<any>('SELECT phone, phone_consent FROM identities');
    expect(identity).toEqual({ phone: '+14155552671', phone_consent: 1 });
  });

  it('takes Segment’s /v1/t and /v1/b with the write key in the body, and the beacon endpoint with ?writeKey=', async () => {
    t = await startCollector(store);
    const single = await t.app.inject({
      method: 'POST',
      url: '/v1/t',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ type: 'track', event: 'Custom', messageId: 'ajs-next-1', anonymousId: 'a', timestamp: '2026-11-23T10:00:00.000Z', writeKey: WRITE_KEY, sentAt: '2026-11-23T10:00:00.000Z', integrations: {}, _metadata: {} }),
    });
    expect(single.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const batch = await t.app.inject({
      method: 'POST',
      url: '/v1/b',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ writeKey: WRITE_KEY, batch: [{ type: 'page', name: null, messageId: 'ajs-next-2', anonymousId: 'a', timestamp: '2026-11-23T10:00:00.000Z', properties: { path: '/' } }] }),
    });
    expect(batch.json()).toMatchObject({ accepted: 1 });
    const beacon = await t.app.inject({
      method: 'POST',
      url: `/beacon/v1/batch?writeKey=${WRITE_KEY}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ sentAt: '2026-11-23T10:00:00.000Z', batch: [{ type: 'track', event: 'Custom', messageId: 'rs-2', anonymousId: 'a', originalTimestamp: '2026-11-23T10:00:00.000Z' }] }),
    });
    expect(beacon.json()).toMatchObject({ accepted: 1 });
  });

  it('answers 400 with the reason when a single event is invalid, 401 when the Basic key is unknown', async () => {
    t = await startCollector(store);
    const invalid = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basic(WRITE_KEY) }, payload: { event: 'Custom', messageId: 'x', anonymousId: 'a' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().rejected).toEqual([{ index: 0, messageId: 'x', error: 'timestamp is required' }]);
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basic('wk_nope') }, payload: { messageId: 'x' } });
    expect(unknown.statusCode).toBe(401);
  });

  it('reads the Basic scheme name in any case, as HTTP clients may send it', async () => {
    t = await startCollector(store);
    const event = { event: 'Custom', messageId: 'lower-basic', anonymousId: 'a', timestamp: '2026-11-23T10:00:00.000Z' };
    const lower = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basic(WRITE_KEY).replace('Basic', 'basic') }, payload: event });
    expect(lower.statusCode).toBe(200);
    expect(lower.json()).toMatchObject({ accepted: 1 });
  });
});
