// The retention report on a small order history whose every number is worked out by hand below:
// customers known by phone (on two browsers), by email (written in two cases), by both, or only by
// a browser; a cancelled and a refunded order; an order in a second currency; an order just after
// the range and another store's order, which count nowhere.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { admin, OTHER_KEY, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { retentionFeature } from '../src/retention/feature.js';
import { insertOrderHistory, type HistoryOrder } from '../src/retention/history.js';
import { customersInSegment, rfmCustomersSelect } from '../src/retention/segments.js';
import { parseCampaigns } from '../src/campaigns/config.js';

const parseCampaignsFor = async (json: string) => parseCampaigns(JSON.parse(json), 60);

const at = (day: string, time = '10:00:00') => `${day}T${time}.000Z`;
const order = (orderId: string, anonymousId: string, day: string, value: number, extra: Partial<HistoryOrder> = {}): HistoryOrder => ({
  orderId,
  anonymousId,
  value,
  currency: 'USD',
  status: null,
  createdAt: at(day),
  ...extra,
});

const identities = [
  { anonymousId: 'a1', phone: '+15550000001', email: null, at: at('2026-01-10') },
  { anonymousId: 'a2', phone: '+15550000001', email: null, at: at('2026-04-10') },
  { anonymousId: 'b1', phone: null, email: 'B@Shop.example', at: at('2026-04-05') },
  { anonymousId: 'b2', phone: null, email: 'b@shop.example', at: at('2026-04-25') },
  { anonymousId: 'd1', phone: '+15550000004', email: 'D@x.example', at: at('2026-05-20') },
  { anonymousId: 'e1', phone: null, email: null, at: at('2025-12-01') },
];
const orders = [
  order('A1', 'a1', '2026-01-10', 100),
  order('A2', 'a2', '2026-04-10', 50),
  order('A3', 'a1', '2026-05-10', 30, { status: 'cancelled' }),
  order('A4', 'a1', '2026-06-09', 20, { currency: 'EUR' }),
  order('B1', 'b1', '2026-04-05', 40),
  order('B2', 'b2', '2026-04-25', 60),
  order('B3', 'b1', '2026-06-15', 30),
  order('C1', 'c1', '2026-02-01', 80),
  order('C2', 'c1', '2026-02-11', 70, { status: 'refunded' }),
  order('D1', 'd1', '2026-05-20', 25.5),
  order('E1', 'e1', '2025-12-01', 10),
  { ...order('E2', 'e1', '2026-06-30', 15), createdAt: '2026-06-30T23:00:00.000Z' },
  { ...order('F1', 'f1', '2026-07-01', 99), createdAt: '2026-07-01T00:00:00.000Z' },
];

describe.each(testStores)('retention report ($name)', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => t?.app.close());
  afterAll(dropTestSchemas);

  const start = async () => {
    t = await startCollector(store, {}, [retentionFeature({ stores: { [WRITE_KEY]: { churnDays: 90 } } })]);
    await insertOrderHistory(t.app.homing.db, WRITE_KEY, { identities, orders });
    await insertOrderHistory(t.app.homing.db, OTHER_KEY, { identities: [identities[0]!], orders: [order('X1', 'a1', '2026-04-02', 500)] });
  };
  const report = (query: string, headers: Record<string, string> = admin) => t.app.inject({ method: 'GET', url: `/v1/reports/retention?${query}`, headers });

  it('counts customers, repeat purchase, churn, CLV, cohorts and segments exactly', async () => {
    await start();
    const response = await report(`writeKey=${WRITE_KEY}&from=2026-04-01&to=2026-06-30`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      writeKey: WRITE_KEY,
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      currency: 'USD',
      // In range: A (A2, A4), B (B1-B3), D (D1), E (E2); B and D ordered first in the range.
      customers: 4,
      newCustomers: 2,
      returningCustomers: 2,
      orders: 7,
      // Up to the end: A, B and E ordered twice or more out of A-E.
      repeatPurchaseRate: 0.6,
      ordersPerCustomer: 1.75,
      // USD in range: 50 + 40 + 60 + 30 + 25.5 + 15 over 6 orders.
      averageOrderValue: 36.75,
      revenue: 220.5,
      otherCurrencies: [{ currency: 'EUR', orders: 1, revenue: 20 }],
      // Gaps ending in the range: B 20 and 51, A 60 and 90, E 211.54 days.
      medianDaysBetweenOrders: 60,
      churnDays: 90,
      // Only C's last order (Feb 1) is more than 90 days before Jul 1.
      churnRate: 0.2,
      // 410.5 USD / 9 USD orders × (10 orders / 5 customers / (211.58 days / 365.25)) × min(5, 1 / 0.2) years.
      clv: 787.34,
      clvInputs: { averageOrderValue: 45.61, ordersPerCustomerPerYear: 3.4525, lifespanYears: 5 },
      cohorts: [
        { month: '2026-04', customers: 1, active: [1, 0, 1], retention: [1, 0, 1] },
        { month: '2026-05', customers: 1, active: [1, 0], retention: [1, 0] },
        { month: '2026-06', customers: 0, active: [0], retention: [0] },
      ],
      // R by last order: C1 D2 A3 B4 E5; F by orders: C,D (1) 1, E (2) 3, A,B (3) 4.
      rfm: [
        { segment: 'Champions', customers: 0, revenue: 0 },
        { segment: 'Loyal', customers: 2, revenue: 280 },
        { segment: 'Potential loyalist', customers: 1, revenue: 25 },
        { segment: 'New', customers: 0, revenue: 0 },
        { segment: 'Promising', customers: 0, revenue: 0 },
        { segment: 'Need attention', customers: 0, revenue: 0 },
        { segment: 'About to sleep', customers: 0, revenue: 0 },
        { segment: 'At risk', customers: 0, revenue: 0 },
        { segment: 'Cannot lose them', customers: 0, revenue: 0 },
        { segment: 'Hibernating', customers: 1, revenue: 25.5 },
        { segment: 'Lost', customers: 1, revenue: 80 },
      ],
    });
  });

  it('lists the customers of a segment with their phone, email and latest browser', async () => {
    await start();
    const ctx = { db: t.app.homing.db };
    const asOf = new Date('2026-07-01T00:00:00.000Z');
    expect(await customersInSegment(ctx, WRITE_KEY, 'Loyal', asOf)).toEqual([
      { customer: 'e:b@shop.example', phone: null, email: 'b@shop.example', anonymousId: 'b1', orders: 3, lastOrderAt: at('2026-06-15'), monetary: 130 },
      { customer: 'p:+15550000001', phone: '+15550000001', email: null, anonymousId: 'a1', orders: 3, lastOrderAt: at('2026-06-09'), monetary: 150 },
    ]);
    expect(await customersInSegment(ctx, WRITE_KEY, 'Hibernating', asOf)).toEqual([
      { customer: 'p:+15550000004', phone: '+15550000004', email: 'd@x.example', anonymousId: 'd1', orders: 1, lastOrderAt: at('2026-05-20'), monetary: 25.5 },
    ]);
    expect(await customersInSegment(ctx, WRITE_KEY, 'Lost', asOf)).toEqual([
      { customer: 'a:c1', phone: null, email: null, anonymousId: 'c1', orders: 1, lastOrderAt: at('2026-02-01'), monetary: 80 },
    ]);
    // The same query embedded in another, with that query's own placeholders.
    const embedded = await t.app.homing.db.query<{ customer: string }>(
      `SELECT rfm.customer FROM (${rfmCustomersSelect({ writeKey: '$2', asOf: '$1' })}) rfm WHERE rfm.segment = $3 ORDER BY rfm.customer`,
      [asOf.toISOString(), WRITE_KEY, 'Loyal'],
    );
    expect(embedded.map((row) => row.customer)).toEqual(['e:b@shop.example', 'p:+15550000001']);
    // Before any order, nobody is in any segment.
    expect(await customersInSegment(ctx, WRITE_KEY, 'Lost', new Date('2025-01-01T00:00:00.000Z'))).toEqual([]);
    await expect(customersInSegment(ctx, WRITE_KEY, 'Whales' as never, asOf)).rejects.toThrow(/unknown RFM segment/);
  });

  it('reports an empty store with zeros, not errors', async () => {
    t = await startCollector(store, {}, [retentionFeature()]);
    const body = (await report(`writeKey=${WRITE_KEY}&from=2026-10-01&to=2026-11-30`)).json();
    expect(body).toMatchObject({ currency: null, customers: 0, repeatPurchaseRate: 0, averageOrderValue: 0, revenue: 0, medianDaysBetweenOrders: null, churnDays: 180, churnRate: 0, clv: 0 });
    expect(body.cohorts.map((c: { month: string }) => c.month)).toEqual(['2026-10', '2026-11']);
  });

  it("reads the store's churn window from the campaigns configuration, and the configuration refuses a bad one", async () => {
    const campaigns = (churnDays: unknown) => JSON.stringify({ stores: { [WRITE_KEY]: { url: 'https://shop.example', churnDays } } });
    t = await startCollector(store, { env: { HOMING_CAMPAIGNS: campaigns(30) } }, [retentionFeature()]);
    await insertOrderHistory(t.app.homing.db, WRITE_KEY, { identities, orders });
    // Within 30 days of Jul 1: A (Jun 9), B (Jun 15) and E (Jun 30); C and D have churned.
    expect((await report(`writeKey=${WRITE_KEY}&from=2026-04-01&to=2026-06-30`)).json()).toMatchObject({ churnDays: 30, churnRate: 0.4 });
    await t.app.close();
    await expect(parseCampaignsFor(campaigns(0))).rejects.toThrow(/stores\.wk_test\.churnDays must be a whole number of days/);
  });

  it('answers only an admin, and a clear 400 for a missing store or a bad date', async () => {
    await start();
    expect((await report(`writeKey=${WRITE_KEY}`, {})).statusCode).toBe(401);
    const refusals: [string, RegExp][] = [
      ['from=2026-01-01', /writeKey is required/],
      ['writeKey=wk_nobody', /not a store/],
      ['writeKey=constructor', /not a store/],
      [`writeKey=${WRITE_KEY}&writeKey=${OTHER_KEY}`, /writeKey is required/],
      [`writeKey=${WRITE_KEY}&from=yesterday`, /from must be a date/],
      [`writeKey=${WRITE_KEY}&to=2026-02-30`, /to must be a date/],
      [`writeKey=${WRITE_KEY}&from=2026-05-01&to=2026-04-01`, /from must be before to/],
      [`writeKey=${WRITE_KEY}&from=0001-01-01&to=2026-04-01`, /at most 10 years/],
    ];
    for (const [query, error] of refusals) {
      const response = await report(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error, query).toMatch(error);
    }
    // Without dates: the year before the collector's clock.
    const body = (await report(`writeKey=${WRITE_KEY}`)).json();
    expect([body.from, body.to]).toEqual(['2025-11-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z']);
  });
});
