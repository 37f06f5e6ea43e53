import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { admin, identify, send, startCollector, track, type TestCollectorApp } from './helpers.js';

afterAll(dropTestSchemas);

const shirt = { product_id: 'p-shirt', variant: 'v-m', name: 'Shirt <b>M</b>', price: 20, quantity: 1 };
const mug = { product_id: 'p-mug', name: 'Mug', price: 5, quantity: 2 };
const at = (minutes: number) => new Date(Date.parse('2026-11-23T10:00:00.000Z') + minutes * 60_000).toISOString();

describe.each(testStores)('carts, orders and reports on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  async function abandoned(query = '') {
    const response = await t.app.inject({ url: `/v1/carts/abandoned${query}`, headers: admin });
    expect(response.statusCode).toBe(200);
    return response.json().carts as Record<string, any>[];
  }

  it('keeps the latest cart snapshot per cart_id, built from Product Added and replaced by Cart Updated', async () => {
    t = await startCollector(store);
    await send(t.app, [
      track('Product Added', { ...shirt, cart_id: 'c1', currency: 'USD' }, { timestamp: at(0) }),
      track('Product Added', { ...shirt, cart_id: 'c1', currency: 'USD' }, { timestamp: at(1) }),
      track('Product Added', { ...mug, cart_id: 'c1', currency: 'USD' }, { timestamp: at(2) }),
    ], { sentAt: at(2) });
    let [cart] = await t.app.homing.db.query<any>('SELECT * FROM carts');
    expect(JSON.parse(cart.products).map((p: any) => [p.product_id, p.quantity])).toEqual([['p-shirt', 2], ['p-mug', 2]]);
    expect(cart).toMatchObject({ item_count: 4, value: 50, currency: 'USD', anonymous_id: 'anon-1' });
    // A late, older event does not roll the snapshot back; a newer Cart Updated replaces it.
    t.clock.advance(5 * 60_000);
    await send(t.app, [
      track('Cart Updated', { cart_id: 'c1', currency: 'USD', value: 5, products: [{ ...mug, quantity: 1 }] }, { timestamp: at(5) }),
      track('Product Added', { ...shirt, cart_id: 'c1' }, { timestamp: at(3) }),
    ], { sentAt: at(5) });
    [cart] = await t.app.homing.db.query<any>('SELECT * FROM carts');
    expect(JSON.parse(cart.products)).toEqual([{ ...mug, quantity: 1 }]);
    expect(cart).toMatchObject({ item_count: 1, value: 5, updated_at: at(5) });
  });

  it('applies line changes that arrive out of order, unless a newer full snapshot includes them', async () => {
    t = await startCollector(store);
    await send(t.app, [track('Product Added', { ...mug, quantity: 1, cart_id: 'c9' }, { timestamp: at(2) })], { sentAt: at(0) });
    await send(t.app, [track('Product Added', { ...shirt, cart_id: 'c9' }, { timestamp: at(1) })], { sentAt: at(0) }); // a retry from earlier
    let [cart] = await t.app.homing.db.query<any>("SELECT item_count, updated_at FROM carts WHERE cart_id = 'c9'");
    expect(cart).toEqual({ item_count: 2, updated_at: at(2) });
    await send(t.app, [track('Cart Updated', { cart_id: 'c9', products: [{ ...mug, quantity: 3 }] }, { timestamp: at(5) })], { sentAt: at(0) });
    await send(t.app, [track('Product Added', { ...shirt, cart_id: 'c9' }, { timestamp: at(4) })], { sentAt: at(0) }); // included in the snapshot
    [cart] = await t.app.homing.db.query<any>("SELECT item_count, updated_at FROM carts WHERE cart_id = 'c9'");
    expect(cart).toEqual({ item_count: 3, updated_at: at(5) });
  });

  it('records an order once per order_id', async () => {
    t = await startCollector(store);
    const order = { order_id: 'o1', cart_id: 'c1', value: 45, currency: 'USD', products: [shirt] };
    await send(t.app, [track('Order Completed', order)]);
    await send(t.app, [track('Order Completed', { ...order, value: 99 })]); // another messageId, same order
    const orders = await t.app.homing.db.query<any>('SELECT order_id, value FROM orders');
    expect(orders).toEqual([{ order_id: 'o1', value: 45 }]);
  });

  it('lists abandoned carts: consenting phone, no order since, idle past the threshold', async () => {
    t = await startCollector(store, { abandonedAfterMinutes: 30 });
    await send(t.app, [
      // anon-1: consenting phone, cart idle → abandoned
      identify({ phone: '+989121234567', phone_consent: true }),
      track('Product Added', { ...shirt, cart_id: 'c1', currency: 'USD' }),
      // anon-2: phone without consent → not listed
      identify({ phone: '+989121234568', phone_consent: false }, { anonymousId: 'anon-2' }),
      track('Product Added', { ...mug, cart_id: 'c2' }, { anonymousId: 'anon-2' }),
      // anon-3: consenting phone, then ordered → not listed
      identify({ phone: '+989121234569', phone_consent: true }, { anonymousId: 'anon-3' }),
      track('Checkout Started', { cart_id: 'c3', value: 5, products: [mug] }, { anonymousId: 'anon-3' }),
      track('Order Completed', { order_id: 'o3', value: 5, currency: 'USD' }, { anonymousId: 'anon-3', timestamp: at(1) }),
      // anon-4: no phone → not listed
      track('Product Added', { ...mug, cart_id: 'c4' }, { anonymousId: 'anon-4' }),
      // anon-5: consenting phone, then ordered from another browser (anon-6) with the same phone → not listed
      identify({ phone: '+989121234570', phone_consent: true }, { anonymousId: 'anon-5' }),
      track('Product Added', { ...mug, cart_id: 'c5' }, { anonymousId: 'anon-5' }),
      identify({ phone: '+989121234570', phone_consent: true }, { anonymousId: 'anon-6' }),
      track('Order Completed', { order_id: 'o6', value: 5, currency: 'USD' }, { anonymousId: 'anon-6', timestamp: at(1) }),
    ]);
    expect(await abandoned()).toEqual([]); // not idle long enough yet
    t.clock.advance(31 * 60_000);
    const carts = await abandoned();
    expect(carts).toEqual([
      expect.objectContaining({ cartId: 'c1', anonymousId: 'anon-1', phone: '+989121234567', itemCount: 1, value: 20, currency: 'USD', writeKey: 'wk_test' }),
    ]);
    expect(await abandoned('?idleMinutes=120')).toEqual([]);
    expect((await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json().abandoned).toEqual({ count: 1, idleMinutes: 30 });
    expect((await t.app.inject({ url: '/v1/carts/abandoned?idleMinutes=-1', headers: admin })).statusCode).toBe(400);
  });

  it('summarizes counts, events per hour, the cart funnel and top products; the dashboard escapes stored strings', async () => {
    t = await startCollector(store);
    await send(t.app, [
      identify({ phone: '+989121234567', phone_consent: true }),
      track('Product Added', { ...shirt, cart_id: 'c1' }),
      track('Product Added', { ...shirt, cart_id: 'c1' }),
      track('Product Added', { ...mug, cart_id: 'c2' }, { anonymousId: 'anon-2' }),
      track('Order Completed', { order_id: 'o1', cart_id: 'c1', value: 40, currency: 'USD' }),
    ]);
    const summary = (await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json();
    expect(summary.events).toMatchObject({ total: 5, last24h: 5, byType: { identify: 1, track: 4 } });
    expect(summary.eventsPerHour).toHaveLength(24);
    expect(summary.eventsPerHour.at(-1)).toEqual({ hour: '2026-11-23T10:00:00.000Z', count: 5 });
    expect(summary.funnel).toEqual({ carts: 2, withPhone: 1, ordered: 1 });
    expect(summary.orders).toEqual({ count: 1, revenue: [{ currency: 'USD', value: 40 }] });
    expect(summary.topProducts[0]).toEqual({ product: 'p-shirt|v-m', name: 'Shirt <b>M</b>', adds: 2, quantity: 2 });

    const page = await t.app.inject({ url: '/app/carts?store=wk_test', headers: admin });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Shirt &lt;b&gt;M&lt;/b&gt;');
    expect(page.body).not.toContain('<b>M</b>');
    expect(page.body).toMatch(/data-total="2"/);
    expect(page.body).toMatch(/data-cart="c1">[\s\S]*?data-state="ordered"/);
  });

  it('shows feature summaries under their names', async () => {
    const feature = {
      name: 'demo',
      migrations: { sqlite: ['CREATE TABLE demo_seen (message_id TEXT PRIMARY KEY)'], postgres: ['CREATE TABLE demo_seen (message_id TEXT PRIMARY KEY)'] },
      async onEvents(events: { messageId: string }[], ctx: any) {
        for (const e of events) await ctx.db.run('INSERT INTO demo_seen (message_id) VALUES ($1)', [e.messageId]);
      },
      async report(ctx: any) {
        const [{ n }] = await ctx.db.query('SELECT count(*) AS n FROM demo_seen');
        return { summary: { seen: Number(n) }, html: `<h2>Demo</h2><p id="demo-seen">${Number(n)}</p>` };
      },
    };
    t = await startCollector(store, {}, [feature]);
    const event = track('Custom');
    await send(t.app, [event, event]);
    expect((await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json().demo).toEqual({ seen: 1 });
  });

  it('serves health and Prometheus metrics', async () => {
    t = await startCollector(store);
    await send(t.app, [track('Custom'), { type: 'bad' }]);
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true, store: store.name });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('homing_ingest_events_total{outcome="accepted"} 1');
    expect(metrics).toContain('homing_ingest_events_total{outcome="rejected"} 1');
    expect(metrics).toContain('homing_ingest_duration_seconds_count 1');
  });
});
