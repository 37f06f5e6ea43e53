// One bad event is one rejected event: whatever odd value a browser puts into one event of a
// batch (leap seconds, deep nesting, huge numbers, NUL, lone surrogates, overlong ids and strings,
// prototype keys), the collector answers 200, refuses that event with an error naming the field,
// and keeps the rest of the batch, in the events table and in the state built from them.
import { afterAll, describe, expect, it } from 'vitest';
import { surveyLink } from '../../src/surveys/link.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const at = '2026-11-23T10:00:00.000Z';
let counter = 0;
const id = (prefix: string) => `${prefix}-${++counter}`;

const track = (event: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'track', event, properties, messageId: id('m'), anonymousId: 'anon-1', timestamp: at, ...extra,
});
const identify = (traits: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'identify', traits, messageId: id('m'), anonymousId: 'anon-1', timestamp: at, ...extra });
const page = (extra: Record<string, unknown> = {}) => ({ type: 'page', properties: { path: '/' }, messageId: id('m'), anonymousId: 'anon-1', timestamp: at, ...extra });

/** JSON text of `value` with each `"@NAME@"` string replaced by raw JSON text (what JSON.stringify cannot write). */
function raw(value: unknown, parts: Record<string, string> = {}): string {
  let text = JSON.stringify(value);
  for (const [name, part] of Object.entries(parts)) text = text.replace(`"@${name}@"`, () => part);
  return text;
}
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const long = (n: number, char = 'x') => char.repeat(n);
/** n characters from `from` on that do not repeat (so PostgreSQL cannot compress them into an index row). */
const varied = (n: number, from: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(from + ((i * 7919) % 4000))).join('');
const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

interface Case {
  name: string;
  /** JSON text of the hostile event. */
  event: string;
  /** The error must name this field. */
  field: RegExp;
}

const cases: Case[] = [
  { name: 'a leap second', event: raw(page({ timestamp: '2026-12-31T23:59:60Z' })), field: /^timestamp .*leap second/ },
  { name: 'a leap second with an offset', event: raw(page({ timestamp: '2026-12-31T23:59:60+03:30' })), field: /^timestamp / },
  { name: 'a leap second at 23:59 UTC written with an offset', event: raw(page({ timestamp: '2027-01-01T03:29:60+03:30' })), field: /^timestamp .*leap second/ },
  { name: 'nesting 5000 levels deep in properties', event: raw(track('Custom', { deep: '@X@' }), { X: nested(5000) }), field: /^properties\.deep(\.a)+ is nested more than 32 levels/ },
  { name: 'nested arrays in properties', event: raw(track('Custom', { deep: '@X@' }), { X: nestedArrays(5000) }), field: /^properties\.deep(\[0\])+ is nested/ },
  { name: 'nesting in traits', event: raw(identify({ deep: '@X@' }), { X: nested(3000) }), field: /^traits\.deep.* is nested/ },
  { name: 'nesting in context', event: raw(page({ context: { page: { url: 'https://shop.example/' }, deep: '@X@' } }), { X: nested(3000) }), field: /^context\.deep.* is nested/ },
  { name: 'nesting in products[]', event: raw(track('Cart Updated', { cart_id: 'c-nest', products: [{ product_id: 'p1', options: '@X@' }] }), { X: nested(3000) }), field: /^properties\.products\[0\]\.options.* is nested/ },
  { name: 'value 1e308', event: raw(track('Order Completed', { order_id: 'o-big', value: '@X@' }), { X: '1e308' }), field: /^properties\.value / },
  { name: 'value -1e308', event: raw(track('Cart Updated', { cart_id: 'c-neg', value: '@X@' }), { X: '-1e308' }), field: /^properties\.value / },
  { name: 'a value beyond what a double holds (1e400)', event: raw(track('Order Completed', { order_id: 'o-inf', value: '@X@' }), { X: '1e400' }), field: /^properties\.value / },
  { name: 'a quantity beyond MAX_SAFE_INTEGER', event: raw(track('Cart Updated', { cart_id: 'c-q', products: [{ product_id: 'p', quantity: '@X@' }] }), { X: '9007199254740993' }), field: /^properties\.products\[0\]\.quantity / },
  { name: 'a quantity overflowing bigint', event: raw(track('Product Added', { cart_id: 'c-q2', product_id: 'p', quantity: '@X@' }), { X: '99999999999999999999999' }), field: /^properties\.quantity / },
  { name: 'a price beyond MAX_SAFE_INTEGER', event: raw(track('Product Added', { cart_id: 'c-p', product_id: 'p', price: '@X@' }), { X: '12345678901234567890' }), field: /^properties\.price / },
  { name: 'a custom property of 1e400', event: raw(track('Custom', { big: '@X@' }), { X: '-1e400' }), field: /^properties\.big is a number too large/ },
  { name: 'a NaN string as value', event: raw(track('Checkout Started', { cart_id: 'c-nan', value: 'NaN' })), field: /^properties\.value must be number/ },
  { name: 'an Infinity string as price', event: raw(track('Product Added', { cart_id: 'c-infs', product_id: 'p', price: 'Infinity' })), field: /^properties\.price must be number/ },
  { name: 'a lone surrogate in a property', event: raw(track('Custom', { note: 'a\ud800b' })), field: /^properties\.note must be well-formed Unicode/ },
  { name: 'a lone surrogate in traits', event: raw(identify({ first_name: '\udc00' })), field: /^traits\.first_name must be well-formed/ },
  { name: 'a lone surrogate in context.page.url', event: raw(page({ context: { page: { url: 'https://shop.example/\ud83d' } } })), field: /^context\.page\.url must be well-formed/ },
  { name: 'a lone surrogate in a product name', event: raw(track('Cart Updated', { cart_id: 'c-ls', products: [{ product_id: 'p', name: 'Tea \udbff' }] })), field: /^properties\.products\[0\]\.name must be well-formed/ },
  { name: 'a lone surrogate in a key', event: raw(track('Custom', { ['k\ud800']: 1 })), field: /^properties has a key that must be well-formed/ },
  { name: 'a lone surrogate in the anonymousId', event: raw(page({ anonymousId: 'a\udc00' })), field: /^anonymousId must be well-formed/ },
  { name: 'NUL in a property', event: raw(track('Custom', { note: 'a\u0000b' })), field: /^properties\.note must not contain NUL/ },
  { name: 'NUL in traits', event: raw(identify({ email: 'a@b.c\u0000' })), field: /^traits\.email must not contain NUL/ },
  { name: 'NUL in context.page.url', event: raw(page({ context: { page: { url: 'https://shop.example/\u0000' } } })), field: /^context\.page\.url must not contain NUL/ },
  { name: 'NUL in a product name', event: raw(track('Order Completed', { order_id: 'o-nul', products: [{ product_id: 'p', name: '\u0000' }] })), field: /^properties\.products\[0\]\.name must not contain NUL/ },
  { name: 'NUL in a key', event: raw(page({ context: { ['x\u0000']: 1 } })), field: /^context has a key that must not contain NUL/ },
  { name: 'NUL in the event name', event: raw(track('Cus\u0000tom', {})), field: /^event must not contain NUL/ },
  { name: 'a messageId of 300 characters', event: raw(page({ messageId: long(300) })), field: /^messageId must NOT have more than 100 characters/ },
  { name: 'an anonymousId of 300 characters', event: raw(page({ anonymousId: long(300) })), field: /^anonymousId must NOT have more than 100 characters/ },
  { name: 'an order_id of 300 characters', event: raw(track('Order Completed', { order_id: long(300) })), field: /^properties\.order_id must NOT have more than 200 characters/ },
  { name: 'a cart_id of 300 characters', event: raw(track('Cart Updated', { cart_id: long(300) })), field: /^properties\.cart_id must NOT have more than 200 characters/ },
  { name: 'a string of 100,000 characters', event: raw(track('Custom', { description: long(100_000) })), field: /^event is larger than 64 KB as JSON \(at properties\.description\)/ },
  { name: '20,000 keys', event: raw(track('Custom', { many: '@X@' }), { X: manyKeys(20_000) }), field: /^event is larger than 64 KB as JSON \(at properties\.many\)/ },
  { name: 'a __proto__ key', event: raw(track('Custom', { x: 1 })).replace('"x":1', '"__proto__":{"polluted":true}'), field: /^properties\.__proto__ is not an allowed key/ },
  ...['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty'].map((type) => ({
    name: `type "${type}" (a name every object has)`, event: raw(page({ type })), field: /^type must be "track", "identify" or "page"/,
  })),
  { name: 'a constructor.prototype key', event: raw(page({ context: { constructor: { prototype: { polluted: true } } } })), field: /^context\.constructor\.prototype is not an allowed key/ },
];

async function post(collector: CollectorProcess, body: string) {
  const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ATTACK_ORIGIN }, body });
  return { status: response.status, body: (await response.json()) as { accepted: number; duplicates: number; rejected: { index: number; messageId?: string; error: string }[] } };
}

const batchOf = (events: string[]) => `{"writeKey":"${ATTACK_KEY}","sentAt":"${at}","batch":[${events.join(',')}]}`;

async function summary(collector: CollectorProcess) {
  const response = await fetch(`${collector.url}/v1/reports/summary`, { headers: { authorization: `Bearer ${ATTACK_ADMIN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { events: { total: number }; funnel: { carts: number }; orders: { count: number }; topProducts: { product: string; name: string | null; adds: number }[] };
}

describe.each(testStores)('hostile events on $name', (store) => {
  it('refuses each hostile event alone, naming the field, and keeps the rest of its batch', async () => {
    const collector = await startCollectorProcess(store, { args: ['--rate-limit', '0', '--client-rate-limit', '0'] });
    const batches: string[] = [];
    for (const c of cases) {
      // Good events around the bad one, and state to update: a cart and an order per batch.
      const cart = id('cart');
      const body = batchOf([raw(track('Cart Updated', { cart_id: cart, products: [{ product_id: 'p1', quantity: 1, price: 5 }] })), c.event, raw(track('Order Completed', { order_id: id('order'), cart_id: cart, value: 5 }))]);
      batches.push(body);
      const answer = await post(collector, body);
      expect(answer.status, `${c.name}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(200);
      expect(answer.body.accepted, c.name).toBe(2);
      expect(answer.body.rejected, c.name).toHaveLength(1);
      const [refusal] = answer.body.rejected;
      expect(refusal!.index, c.name).toBe(1);
      expect(refusal!.error, c.name).toMatch(c.field);
      const sent = JSON.parse(c.event).messageId as string;
      if (sent.length <= 100) expect(refusal!.messageId, c.name).toBe(sent);
    }
    const after = await summary(collector);
    expect(after.events.total).toBe(2 * cases.length);
    expect(after.funnel.carts).toBe(cases.length);
    expect(after.orders.count).toBe(cases.length);

    // Sent again (a retry): the good events are duplicates, the bad one is refused again.
    for (const body of batches.slice(0, 5)) {
      const again = await post(collector, body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(again.body.rejected).toHaveLength(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(collector.output()).not.toMatch(/"level":50/);
  });

  it('stores odd but valid events: long product names in any script, carts added to without end, 200-character order ids', async () => {
    const secret = 'offers-secret-for-hostile-events';
    const collector = await startCollectorProcess(store, { args: ['--rate-limit', '0', '--client-rate-limit', '0'], env: { HOMING_SECRET: secret } });

    // A name is the product's key when it has no id or sku; PostgreSQL caps index rows near 2.7 KB.
    const names = [varied(2000, 0x4e00), varied(2000, 0x1f000)];
    const added = await post(collector, batchOf(names.map((name) => raw(track('Product Added', { cart_id: 'c-names', name, price: 1 })))));
    expect(added).toMatchObject({ status: 200, body: { accepted: 2, rejected: [] } });
    const top = (await summary(collector)).topProducts;
    expect(top.map((t) => t.name).sort()).toEqual([...names].sort());

    // carts.item_count is a 32-bit integer on PostgreSQL: 2,400 adds of a million each exceed it.
    for (let round = 0; round < 3; round++) {
      const events = Array.from({ length: 800 }, () => raw(track('Product Added', { cart_id: 'c-endless', product_id: 'p', quantity: 1_000_000, price: 1 })));
      const answer = await post(collector, batchOf(events));
      expect(answer, `round ${round}`).toMatchObject({ status: 200, body: { accepted: 800, rejected: [] } });
    }

    // Custom event names that every JavaScript object has are just names, also with offer ids.
    const prototypeNames = ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty'];
    const named = await post(collector, batchOf(prototypeNames.map((event) => raw(track(event, { promotion_id: 'offer-1', order_id: 'o-proto' })))));
    expect(named).toMatchObject({ status: 200, body: { accepted: prototypeNames.length, rejected: [] } });

    // The longest order id the protocol allows still fits the survey link (/s/{order}) and the tables.
    const orderId = long(200, 'ß');
    const order = await post(collector, batchOf([raw(track('Order Completed', { order_id: orderId, cart_id: long(200, '€'), value: 1 })), raw(track('Survey Submitted', { order_id: orderId, rating: 5 }))]));
    expect(order).toMatchObject({ status: 200, body: { accepted: 2, rejected: [] } });
    const link = surveyLink({ config: { secret, env: {}, publicUrl: collector.url } } as never, ATTACK_KEY, orderId);
    expect((await fetch(link)).status).toBe(200);
    expect(collector.output()).not.toMatch(/"level":50/);
  });
});
