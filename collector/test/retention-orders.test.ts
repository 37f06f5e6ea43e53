// The retention numbers read standing orders by customer from retention_orders, which triggers
// keep: these tests change orders and identities after the fact (an identify after the order, a
// cancellation, a refund, an order removed) and check that a customer's segment list follows, and
// that orders stored before the table existed are counted too.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { openDatabase, type ClosableSql } from '../src/db/open.js';
import { migrate } from '../src/db/migrate.js';
import { coreSchema } from '../src/db/schema.js';
import { insertOrderHistory } from '../src/retention/history.js';
import { customersInSegment, RFM_SEGMENTS } from '../src/retention/segments.js';

const ASOF = new Date('2026-07-01T00:00:00.000Z');
const order = (orderId: string, anonymousId: string, createdAt: string, value = 10) => ({
  orderId,
  anonymousId,
  value,
  currency: 'usd',
  status: null,
  createdAt: `${createdAt}T10:00:00.000Z`,
});

describe.each(testStores)('retention orders by customer ($name)', (store) => {
  let db: ClosableSql | undefined;
  afterEach(async () => db?.close());
  afterAll(dropTestSchemas);

  /** Every customer of the store as of ASOF, whatever their segment: key, orders, revenue. */
  const everyone = async () => {
    const lists = await Promise.all(RFM_SEGMENTS.map((segment) => customersInSegment({ db: db! }, 'wk', segment, ASOF)));
    return lists
      .flat()
      .map((c) => ({ customer: c.customer, phone: c.phone, email: c.email, orders: c.orders, monetary: c.monetary }))
      .sort((a, b) => (a.customer < b.customer ? -1 : 1));
  };

  it('follows identities that arrive after the orders, cancellations, refunds and removed orders', async () => {
    db = await openDatabase(store.fresh());
    await migrate(db, [coreSchema]);
    await insertOrderHistory(db, 'wk', {
      identities: [{ anonymousId: 'x1', phone: '+15550000009', email: null, at: '2026-01-01T10:00:00.000Z' }],
      orders: [order('X1', 'x1', '2026-01-01', 5), order('X2', 'x2', '2026-02-01', 7), order('Y1', 'y1', '2026-03-01', 9), order('Y2', 'y1', '2026-04-01', 11)],
    });
    expect(await everyone()).toEqual([
      { customer: 'a:x2', phone: null, email: null, orders: 1, monetary: 7 },
      { customer: 'a:y1', phone: null, email: null, orders: 2, monetary: 20 },
      { customer: 'p:+15550000009', phone: '+15550000009', email: null, orders: 1, monetary: 5 },
    ]);

    // The second browser signs in with the same phone: its order joins that customer.
    await db.run("INSERT INTO identities (write_key, anonymous_id, phone, first_seen, last_seen) VALUES ('wk', 'x2', '+15550000009', $1, $1)", ['2026-05-01T00:00:00.000Z']);
    // y1 gives an email later, then a phone (the phone wins).
    await db.run("INSERT INTO identities (write_key, anonymous_id, email, first_seen, last_seen) VALUES ('wk', 'y1', 'Y@Shop.example', $1, $1)", ['2026-05-01T00:00:00.000Z']);
    expect(await everyone()).toEqual([
      { customer: 'e:y@shop.example', phone: null, email: 'y@shop.example', orders: 2, monetary: 20 },
      { customer: 'p:+15550000009', phone: '+15550000009', email: null, orders: 2, monetary: 12 },
    ]);
    await db.run("UPDATE identities SET phone = '+15550000010' WHERE write_key = 'wk' AND anonymous_id = 'y1'");
    expect((await everyone()).map((c) => c.customer)).toEqual(['p:+15550000009', 'p:+15550000010']);

    // A cancellation and a refund (platform webhooks) take orders out; a removed order too.
    await db.run("UPDATE orders SET status = 'cancelled' WHERE write_key = 'wk' AND order_id = 'X2'");
    await db.run("UPDATE orders SET status = 'refunded' WHERE write_key = 'wk' AND order_id = 'Y2'");
    expect(await everyone()).toEqual([
      { customer: 'p:+15550000009', phone: '+15550000009', email: null, orders: 1, monetary: 5 },
      { customer: 'p:+15550000010', phone: '+15550000010', email: 'y@shop.example', orders: 1, monetary: 9 },
    ]);
    await db.run("DELETE FROM orders WHERE write_key = 'wk' AND order_id = 'Y1'");
    // The browser forgets its identity: its orders are the browser's own again.
    await db.run("DELETE FROM identities WHERE write_key = 'wk' AND anonymous_id = 'x1'");
    expect(await everyone()).toEqual([{ customer: 'a:x1', phone: null, email: null, orders: 1, monetary: 5 }]);
  });

  it('counts the orders a database held before it kept orders by customer', async () => {
    db = await openDatabase(store.fresh());
    const steps = coreSchema.migrations[db.dialect];
    await migrate(db, [{ name: 'core', migrations: { sqlite: steps.slice(0, -1), postgres: steps.slice(0, -1) } }]);
    await insertOrderHistory(db, 'wk', {
      identities: [{ anonymousId: 'x1', phone: null, email: 'X@Shop.example', at: '2026-01-01T10:00:00.000Z' }],
      orders: [order('X1', 'x1', '2026-01-01', 5), { ...order('X2', 'x1', '2026-02-01', 7), status: 'cancelled' }, order('Z1', 'z1', '2026-03-01', 3)],
    });
    await migrate(db, [coreSchema]);
    expect(await everyone()).toEqual([
      { customer: 'a:z1', phone: null, email: null, orders: 1, monetary: 3 },
      { customer: 'e:x@shop.example', phone: null, email: 'x@shop.example', orders: 1, monetary: 5 },
    ]);
  });
});
