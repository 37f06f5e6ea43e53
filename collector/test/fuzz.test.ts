// Malformed, oversized and hostile bodies get an answer, never a crash or a 500, and the
// collector keeps serving afterwards.
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { WRITE_KEY, startCollector, type TestCollectorApp } from './helpers.js';

afterAll(dropTestSchemas);

const expected = new Set([200, 400, 401, 403, 413, 415]);
const paths = ['/v1/batch', '/v1/b', '/v1/t', '/v1/identify', '/beacon/v1/batch?writeKey=wk_test'];

// Events that look almost right: the envelope's fields with arbitrary values.
const eventish = fc.record(
  {
    type: fc.oneof(fc.constantFrom('track', 'identify', 'page'), fc.jsonValue()),
    event: fc.oneof(fc.constantFrom('Product Added', 'Order Completed', 'Cart Updated', 'Checkout Started', 'Web Vitals'), fc.string()),
    messageId: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue()),
    anonymousId: fc.oneof(fc.string(), fc.jsonValue()),
    timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.jsonValue()),
    properties: fc.oneof(fc.dictionary(fc.constantFrom('cart_id', 'order_id', 'products', 'price', 'quantity', 'value', 'currency', 'product_id', '__proto__', 'constructor'), fc.jsonValue()), fc.jsonValue()),
    traits: fc.oneof(fc.record({ phone: fc.oneof(fc.string(), fc.constantFrom('+989121234567', '+1 415 555 2671')), phone_consent: fc.jsonValue() }), fc.jsonValue()),
    context: fc.oneof(fc.record({ traits: fc.jsonValue(), consent: fc.jsonValue(), library: fc.jsonValue() }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const bodies = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.oneof(eventish, fc.jsonValue()), { maxLength: 30 }).map((batch) => JSON.stringify({ batch, writeKey: WRITE_KEY, sentAt: new Date().toISOString() })),
  eventish.map((e) => JSON.stringify({ ...e, writeKey: WRITE_KEY })),
  fc.constantFrom('{"batch":[', '{"batch":' + '['.repeat(5000), '\u0000\uffff', '{"__proto__":{"polluted":1},"batch":[]}',
    '{"writeKey":"wk_test","batch":[{"type":"track","event":"Product Added","messageId":"m","timestamp":"2026-01-01T00:00:00Z","properties":{"cart_id":"c\\u0000","name":"\\u0000"}},{"type":"identify","messageId":"i","anonymousId":"a","timestamp":"2026-01-01T00:00:00Z","context":{"traits":{"email":"\\u0000"}}}]}',
    '{"writeKey":"wk_test","batch":[{"type":"page","messageId":"a\\u0000b","anonymousId":"\\ud800","timestamp":"2026-01-01T00:00:00Z","properties":{"k":"\\u0000"}}]}'),
);

describe.each(testStores)('ingest fuzzing on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  it('answers every generated body with a 2xx/4xx and keeps working', async () => {
    t = await startCollector(store);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom('text/plain', 'application/json', 'text/plain;charset=UTF-8'), bodies, async (url, type, payload) => {
        const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
        expect(expected.has(response.statusCode), `${response.statusCode} ${response.body}`).toBe(true);
        if (response.statusCode === 200) {
          const answer = response.json();
          expect(answer.accepted + answer.duplicates + answer.rejected.length).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: store.name === 'sqlite' ? 300 : 100 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
