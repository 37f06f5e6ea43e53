// RFM segments of a generated history of a few thousand customers against a plain TypeScript
// computation of the same definition: customer = phone, else email (any case), else browser;
// standing orders before the end; NTILE(5) quintiles where equal values share the lowest tile;
// segments by the R/F grid in README.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { admin, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { retentionFeature } from '../src/retention/feature.js';
import { generateOrderHistory, insertOrderHistory, type OrderHistory } from '../src/retention/history.js';
import { customersInSegment, RFM_SEGMENTS } from '../src/retention/segments.js';

// Rows R = 1..5, columns F = 1..5.
const GRID = [
  ['Lost', 'Hibernating', 'At risk', 'At risk', 'Cannot lose them'],
  ['Hibernating', 'Hibernating', 'At risk', 'At risk', 'Cannot lose them'],
  ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
  ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal', 'Loyal'],
  ['New', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
];

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** Scores 1-5: NTILE(5) over the values in ascending order, then each value's lowest tile. */
function quintiles<T>(items: T[], value: (item: T) => number | string): Map<T, number> {
  const sorted = [...items].sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0));
  const n = sorted.length;
  const size = Math.floor(n / 5);
  const bigger = n % 5;
  const lowest = new Map<number | string, number>();
  sorted.forEach((item, i) => {
    const tile = i < bigger * (size + 1) ? Math.floor(i / (size + 1)) + 1 : bigger + Math.floor((i - bigger * (size + 1)) / size) + 1;
    if (!lowest.has(value(item))) lowest.set(value(item), tile);
  });
  return new Map(items.map((item) => [item, lowest.get(value(item))!]));
}

function referenceRfm(history: OrderHistory, asOf: string) {
  const identity = new Map(history.identities.map((i) => [i.anonymousId, i]));
  const standing = history.orders.filter((o) => o.status === null && o.createdAt < asOf);
  const perCurrency = new Map<string, number>();
  for (const o of standing) perCurrency.set(o.currency, (perCurrency.get(o.currency) ?? 0) + 1);
  const main = [...perCurrency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const customers = new Map<string, { key: string; orders: number; last: string; monetary: number }>();
  for (const o of standing) {
    const who = identity.get(o.anonymousId);
    const key = who?.phone ? `p:${who.phone}` : who?.email ? `e:${who.email.toLowerCase()}` : `a:${o.anonymousId}`;
    const c = customers.get(key) ?? { key, orders: 0, last: '', monetary: 0 };
    c.orders++;
    if (o.createdAt > c.last) c.last = o.createdAt;
    if (o.currency === main) c.monetary += o.value;
    customers.set(key, c);
  }
  const list = [...customers.values()].map((c) => ({ ...c, monetary: round2(c.monetary) }));
  const r = quintiles(list, (c) => c.last);
  const f = quintiles(list, (c) => c.orders);
  const segmentOf = new Map(list.map((c) => [c.key, GRID[r.get(c)! - 1]![f.get(c)! - 1]!]));
  const totals = RFM_SEGMENTS.map((segment) => {
    const members = list.filter((c) => segmentOf.get(c.key) === segment);
    return { segment, customers: members.length, revenue: round2(members.reduce((sum, c) => sum + c.monetary, 0)) };
  });
  return { totals, segmentOf, customers: list.length, repeat: list.filter((c) => c.orders >= 2).length };
}

describe.each(testStores)('RFM segments ($name)', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => t?.app.close());
  afterAll(dropTestSchemas);

  it('match a plain computation over 3,000 generated customers', async () => {
    const history = generateOrderHistory({
      seed: 20261123,
      customers: 3_000,
      start: new Date('2025-01-01T00:00:00.000Z'),
      end: new Date('2026-07-01T00:00:00.000Z'),
      currencies: ['EUR', 'USD'],
    });
    t = await startCollector(store, {}, [retentionFeature()]);
    await insertOrderHistory(t.app.homing.db, WRITE_KEY, history);
    const asOf = '2026-06-01T00:00:00.000Z';
    const expected = referenceRfm(history, asOf);
    // The history really has every kind of customer and order.
    expect(history.orders.some((o) => o.status === 'cancelled') && history.orders.some((o) => o.status === 'refunded')).toBe(true);
    expect(history.orders.some((o) => o.createdAt >= asOf)).toBe(true);
    expect(expected.totals.filter((s) => s.customers > 0).length).toBeGreaterThanOrEqual(8);

    const body = (await t.app.inject({ method: 'GET', url: `/v1/reports/retention?writeKey=${WRITE_KEY}&from=2026-01-01&to=2026-05-31`, headers: admin })).json();
    expect(body.currency).toBe('EUR');
    expect(body.rfm).toEqual(expected.totals);
    expect(body.repeatPurchaseRate).toBe(Math.round((expected.repeat / expected.customers) * 1e4) / 1e4);

    const champions = await customersInSegment({ db: t.app.homing.db }, WRITE_KEY, 'Champions', new Date(asOf));
    const expectedChampions = [...expected.segmentOf].filter(([, s]) => s === 'Champions').map(([key]) => key).sort();
    expect(champions.map((c) => c.customer).sort()).toEqual(expectedChampions);
    expect(champions.length).toBeGreaterThan(0);
  });
});
