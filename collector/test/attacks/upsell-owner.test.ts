// Attack: taking another buyer's post-purchase offers. The write key is public and WooCommerce
// numbers orders, so anybody can ask for the offers of order 1001, 1002, ... An order's offers are
// listed and accepted only with the order key the platform showed its buyer (recorded with the
// order, first writer wins), and a store sees only its own offer rules. Against the real process.
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { ATTACK_ADMIN, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { dropTestSchemas, testStores } from '../stores.js';

afterAll(dropTestSchemas);

const BUYER_KEY = 'wc_order_Ab3dE6gH9jK1m';
const admin = { authorization: `Bearer ${ATTACK_ADMIN}`, 'content-type': 'application/json' };
const rule = (writeKey: string, id: string, name: string) => ({
  write_key: writeKey,
  currency: 'USD',
  offer: [{ product_id: `p-${id}`, name, price: 40 }],
  discount: { percent: 25 },
});

async function setup(store: (typeof testStores)[number]): Promise<CollectorProcess> {
  const collector = await startCollectorProcess(store, { writeKeys: `wk_a=${ATTACK_ORIGIN};wk_b=${ATTACK_ORIGIN}` });
  for (const [writeKey, id, name] of [['wk_a', 'a', 'Charger of store A'], ['wk_b', 'b', 'Mug of store B']]) {
    const put = await fetch(`${collector.url}/v1/admin/offers/rules/${id}`, { method: 'PUT', headers: admin, body: JSON.stringify(rule(writeKey!, id!, name!)) });
    expect(put.status).toBe(200);
  }
  return collector;
}

async function orderCompleted(collector: CollectorProcess, writeKey: string, orderId: string, orderKey?: string): Promise<void> {
  const sentAt = new Date().toISOString();
  const event = { type: 'track', event: 'Order Completed', messageId: nanoid(), anonymousId: nanoid(), timestamp: sentAt, properties: { order_id: orderId, value: 100, currency: 'USD', ...(orderKey ? { order_key: orderKey } : {}) } };
  const answer = await (await fetch(`${collector.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey, sentAt, batch: [event] }) })).json();
  expect(answer.accepted, JSON.stringify(answer)).toBe(1);
}

const offers = (collector: CollectorProcess, query: Record<string, string>) => fetch(`${collector.url}/v1/offers?${new URLSearchParams(query)}`);
const accept = (collector: CollectorProcess, offerId: string, body: Record<string, unknown>) =>
  fetch(`${collector.url}/v1/offers/${encodeURIComponent(offerId)}/accept`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(body) });

describe.each(testStores)('upsell offers belong to the buyer on %s', (store) => {
  it('lists nothing for a real order id without its key, or with a wrong one', async () => {
    const collector = await setup(store);
    await orderCompleted(collector, 'wk_a', '1001', BUYER_KEY);
    const withoutKey = await offers(collector, { write_key: 'wk_a', order_id: '1001' });
    expect(withoutKey.status).toBe(400);
    expect(await withoutKey.text()).not.toContain('Charger');
    // A wrong key is answered like an order never recorded: no way to tell which ids exist.
    const wrong = await offers(collector, { write_key: 'wk_a', order_id: '1001', order_key: 'wc_order_guessed' });
    const unknown = await offers(collector, { write_key: 'wk_a', order_id: '99999', order_key: 'wc_order_guessed' });
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect(await wrong.json()).toEqual({ ...(await unknown.json()), message: expect.any(String) });
    // Enumerating ids with the public key yields nothing.
    for (const id of ['1000', '1001', '1002']) expect((await offers(collector, { write_key: 'wk_a', order_id: id, order_key: '' })).status).toBe(400);
    await collector.stop();
  });

  it("the buyer's key gets the offers of the buyer's store only, and the key is never echoed or logged", async () => {
    const collector = await setup(store);
    await orderCompleted(collector, 'wk_a', '1001', BUYER_KEY);
    const answer = await offers(collector, { write_key: 'wk_a', order_id: '1001', order_key: BUYER_KEY });
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(JSON.parse(text).offers.map((o: { product: { name: string } }) => o.product.name)).toEqual(['Charger of store A']);
    expect(text).not.toContain(BUYER_KEY);
    // Store B's rule is not store A's, and the admin sees each store's rules apart.
    const rulesOfA = await (await fetch(`${collector.url}/v1/admin/offers/rules?write_key=wk_a`, { headers: admin })).json();
    expect(rulesOfA.rules.map((r: { id: string }) => r.id)).toEqual(['a']);
    // A rule must name a configured store.
    const nameless = await fetch(`${collector.url}/v1/admin/offers/rules/c`, { method: 'PUT', headers: admin, body: JSON.stringify({ ...rule('wk_nope', 'c', 'x') }) });
    expect(nameless.status).toBe(400);
    expect((await nameless.json()).errors.join(' ')).toMatch(/write_key must name a write key/);
    // The same order id in store B with the key of store A's order gets nothing.
    expect((await offers(collector, { write_key: 'wk_b', order_id: '1001', order_key: BUYER_KEY })).status).toBe(404);
    expect(collector.output()).not.toContain(BUYER_KEY);
    await collector.stop();
  });

  it('refuses an accept with a wrong or missing order key (403), and the buyer accepts', async () => {
    const collector = await setup(store);
    await orderCompleted(collector, 'wk_a', '1001', BUYER_KEY);
    const [offer] = (await (await offers(collector, { write_key: 'wk_a', order_id: '1001', order_key: BUYER_KEY })).json()).offers;
    const token = offer.choices[0].token;
    const wrong = await accept(collector, offer.id, { write_key: 'wk_a', order_key: 'wc_order_guessed', token, quantity: 1 });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error).toBe('wrong_order_key');
    expect((await accept(collector, offer.id, { write_key: 'wk_a', token, quantity: 1 })).status).toBe(403);
    const buyer = await accept(collector, offer.id, { write_key: 'wk_a', order_key: BUYER_KEY, token, quantity: 1 });
    expect(buyer.status).toBe(200);
    expect(await buyer.json()).toMatchObject({ accepted: true, duplicate: false, upsell: { order_id: '1001', value: 30 } });
    await collector.stop();
  });

  it('keeps the first key recorded for an order: a later Order Completed with another key changes nothing', async () => {
    const collector = await setup(store);
    await orderCompleted(collector, 'wk_a', '1001', BUYER_KEY);
    await orderCompleted(collector, 'wk_a', '1001', 'wc_order_attacker');
    expect((await offers(collector, { write_key: 'wk_a', order_id: '1001', order_key: 'wc_order_attacker' })).status).toBe(404);
    expect((await offers(collector, { write_key: 'wk_a', order_id: '1001', order_key: BUYER_KEY })).status).toBe(200);
    // An order recorded without a key has no offers for anybody (an older script, a server-side import).
    await orderCompleted(collector, 'wk_a', '1002');
    expect((await offers(collector, { write_key: 'wk_a', order_id: '1002', order_key: 'anything' })).status).toBe(404);
    await collector.stop();
  });
});
