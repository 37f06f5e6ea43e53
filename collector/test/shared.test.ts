// Several stateless collector instances on one database (a load balancer in front): dedupe,
// orders and carts hold across them, and each one reports the same numbers.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCollector } from '../src/server.js';
import { dropTestSchemas, testStores } from './stores.js';
import { ADMIN, WRITE_KEY, admin, send, track } from './helpers.js';

afterAll(dropTestSchemas);

describe.each(testStores)('collector instances sharing one $name database', (store) => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('dedupes, records orders once and keeps one cart snapshot across instances', async () => {
    const databaseUrl = store.fresh();
    const config = { databaseUrl, writeKeys: { [WRITE_KEY]: { allowedOrigins: ['*'] } }, adminToken: ADMIN, rateLimitPerSecond: 0 };
    const now = () => new Date('2026-11-23T10:00:00.000Z');
    // Started together: the second waits for the first's migrations instead of repeating them.
    apps.push(...(await Promise.all([createCollector({ config, features: [], now }), createCollector({ config, features: [], now })])));
    const [a, b] = apps;

    const events = Array.from({ length: 40 }, (_, i) => track('Product Added', { product_id: `p${i % 4}`, price: 1, quantity: 1, cart_id: 'shared-cart' }, { timestamp: new Date(Date.UTC(2026, 10, 23, 9, 0, i)).toISOString() }));
    const order = track('Order Completed', { order_id: 'o-shared', value: 40, currency: 'USD' });
    // Every event goes to both instances at once, as retries through a balancer would.
    const answers = await Promise.all([
      ...[a, b].flatMap((app) => [send(app, events.slice(0, 20)), send(app, events.slice(20))]),
      send(a, [order]),
      send(b, [{ ...order, messageId: 'another-delivery-of-the-same-order' }]),
    ]);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const accepted = answers.reduce((sum, r) => sum + r.body.accepted, 0);
    const duplicates = answers.reduce((sum, r) => sum + r.body.duplicates, 0);
    expect(accepted).toBe(42); // 40 adds + 2 deliveries of the order with different messageIds
    expect(duplicates).toBe(40);

    const [cart] = await a.homing.db.query<{ item_count: number }>("SELECT item_count FROM carts WHERE cart_id = 'shared-cart'");
    expect(cart.item_count).toBe(40);
    const summaries = await Promise.all([a, b].map(async (app) => (await app.inject({ url: '/v1/reports/summary', headers: admin })).json()));
    expect(summaries[0].orders).toEqual({ count: 1, revenue: [{ currency: 'USD', value: 40 }] });
    expect(summaries[1]).toEqual(summaries[0]);
  });
});
