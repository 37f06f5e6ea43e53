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

// Odd values, placed anywhere in otherwise valid events: what a hostile browser can send inside a
// batch that parses. `@INF@` and `@DEEP@` become raw JSON text JSON.stringify cannot write.
const nested = (levels: number) => '{"a":'.repeat(levels) + '[]' + '}'.repeat(levels);
const oddLeaf = fc.oneof(
  fc.constantFrom('\ud800', 'a\udc00b', '\udbff\udbff', '\u0000', 'x\u0000y', '2026-12-31T23:59:60Z', '2027-01-01T03:29:60+03:30', '2026-12-31T23:59:60+03:30', 'NaN', 'Infinity', '-Infinity', '1e400', '@INF@', '@DEEP@'),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e21, 2 ** 63, 2 ** 31, -0, 5e-324),
  fc.integer({ min: 1, max: 70_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 28, max: 40 }).map((levels) => JSON.parse(nested(levels)) as unknown),
  fc.jsonValue({ maxDepth: 2 }),
);
const oddKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'k\ud800', 'k\u0000', 'products', 'cart_id', 'order_id', 'value', 'quantity', 'price'), fc.string({ maxLength: 8 }));
// Objects from entries, so `__proto__` is an own key (as JSON.parse makes it), not a prototype.
const { oddTree } = fc.letrec<{ oddTree: unknown }>((tie) => ({
  oddTree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddLeaf,
    fc.array(tie('oddTree'), { maxLength: 3 }),
    fc.array(fc.tuple(oddKey, tie('oddTree')), { maxLength: 3 }).map((entries) => Object.fromEntries(entries)),
  ),
}));

let sequence = 0;
const cleanEvent = fc.constantFrom('page', 'custom', 'added', 'cart', 'order', 'identify').map((kind) => {
  const base = { messageId: `fz-${process.pid}-${++sequence}`, anonymousId: 'anon-fuzz', timestamp: '2026-11-23T10:00:00.000Z', context: { page: { url: 'https://shop.example/p' } } };
  const cart = `cart-${sequence % 7}`;
  switch (kind) {
    case 'page': return { ...base, type: 'page', properties: { path: '/p' } };
    case 'custom': return { ...base, type: 'track', event: 'Wishlist Viewed', properties: { list: 'x' } };
    case 'added': return { ...base, type: 'track', event: 'Product Added', properties: { cart_id: cart, product_id: 'p1', price: 10, quantity: 1 } };
    case 'cart': return { ...base, type: 'track', event: 'Cart Updated', properties: { cart_id: cart, products: [{ product_id: 'p1', quantity: 2, price: 10 }], value: 20 } };
    case 'order': return { ...base, type: 'track', event: 'Order Completed', properties: { order_id: `order-${sequence}`, cart_id: cart, value: 20, products: [{ product_id: 'p1', name: 'Tea' }] } };
    default: return { ...base, type: 'identify', traits: { email: 'a@b.example', first_name: 'Ana' } };
  }
}) as fc.Arbitrary<Record<string, any>>;

/** Where an odd value may land: an envelope field, or a key inside properties, traits, context, a product. */
const place = fc.oneof(
  fc.constantFrom(['messageId'], ['anonymousId'], ['userId'], ['timestamp'], ['event'], ['type'], ['properties'], ['traits'], ['context'], ['context', 'page', 'url'], ['properties', 'products'], ['properties', 'value'], ['properties', 'cart_id'], ['properties', 'order_id']),
  fc.tuple(fc.constantFrom('properties', 'traits', 'context'), oddKey).map((path) => [...path]),
  oddKey.map((key) => ['properties', 'products', '0', key]),
);

function setAt(event: Record<string, any>, path: string[], value: unknown): void {
  let holder = event;
  for (const key of path.slice(0, -1)) {
    if (!holder[key] || typeof holder[key] !== 'object' || !Object.prototype.hasOwnProperty.call(holder, key)) Object.defineProperty(holder, key, { value: {}, enumerable: true, writable: true, configurable: true });
    holder = holder[key];
  }
  Object.defineProperty(holder, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

const mixedBatch = fc.array(fc.tuple(cleanEvent, fc.option(fc.tuple(place, oddTree), { freq: 2 })), { minLength: 1, maxLength: 8 }).map((entries) => ({
  clean: entries.map(([, odd]) => odd === null),
  text: JSON.stringify({
    writeKey: WRITE_KEY,
    sentAt: '2026-11-23T10:00:00.000Z',
    batch: entries.map(([generated, odd]) => {
      // A copy: fast-check reuses generated values while shrinking.
      const event = structuredClone(generated);
      if (odd) setAt(event, odd[0], odd[1]);
      return event;
    }),
  })
    .replaceAll('"@INF@"', '1e400')
    .replaceAll('"@DEEP@"', nested(3000)),
}));

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

  it('answers a batch with odd values anywhere: each event accepted or rejected with an error, the clean ones kept, a retry all duplicates', async () => {
    t = await startCollector(store);
    const post = async (payload: string) => {
      const response = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain' }, payload });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      return response.json() as { accepted: number; duplicates: number; rejected: { index: number; error: string }[] };
    };
    await fc.assert(
      fc.asyncProperty(mixedBatch, async ({ clean, text }) => {
        const first = await post(text);
        expect(first.accepted + first.duplicates + first.rejected.length).toBe(clean.length);
        const refused = new Set(first.rejected.map((r) => r.index));
        expect(refused.size).toBe(first.rejected.length);
        for (const r of first.rejected) {
          expect(r.index).toBeGreaterThanOrEqual(0);
          expect(r.index).toBeLessThan(clean.length);
          expect(clean[r.index], `a clean event was refused: ${r.error}`).toBe(false);
          expect(r.error).toMatch(/\S/);
        }
        const again = await post(text);
        expect(again).toEqual({ accepted: 0, duplicates: first.accepted + first.duplicates, rejected: first.rejected });
      }),
      { numRuns: store.name === 'sqlite' ? 150 : 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
