// The retention report of one store over a date range: customers, repeat purchase, revenue in the
// main currency, time between orders, churn, CLV, monthly cohorts and RFM segments. Each number is
// one set-based query over the store's standing orders (see ./customers.ts); JavaScript only
// divides and rounds. Definitions: README, collector section "Retention report".
import type { Sql } from '../feature.js';
import { customerOrdersCtes } from './customers.js';
import { segmentTotals, type RfmSegment } from './segments.js';

export const DEFAULT_CHURN_DAYS = 180;
/** A store whose customers never churn would have an endless lifespan: CLV counts this many years at most. */
export const MAX_LIFESPAN_YEARS = 5;
/** Shorter histories count as this long when orders per year are worked out (a week of sales is no year). */
const MIN_OBSERVED_DAYS = 30;
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

export interface RetentionReport {
  writeKey: string;
  /** Inclusive start and exclusive end of the range, ISO 8601. */
  from: string;
  to: string;
  /** The store's main currency (most of its orders up to `to`); null when no order has one. */
  currency: string | null;
  customers: number;
  newCustomers: number;
  returningCustomers: number;
  orders: number;
  repeatPurchaseRate: number;
  ordersPerCustomer: number;
  averageOrderValue: number;
  revenue: number;
  otherCurrencies: { currency: string; orders: number; revenue: number }[];
  medianDaysBetweenOrders: number | null;
  churnDays: number;
  churnRate: number;
  clv: number;
  clvInputs: { averageOrderValue: number; ordersPerCustomerPerYear: number; lifespanYears: number };
  cohorts: { month: string; customers: number; active: number[]; retention: number[] }[];
  rfm: { segment: RfmSegment; customers: number; revenue: number }[];
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round((n + Number.EPSILON) * f) / f;
};
const ratio = (a: number, b: number, digits = 4) => (b > 0 ? round(a / b, digits) : 0);

const daysBetween = (db: Sql, a: string, b: string) =>
  db.dialect === 'postgres'
    ? `(EXTRACT(EPOCH FROM (CAST(${b} AS timestamptz) - CAST(${a} AS timestamptz))) / 86400.0)`
    : `(julianday(${b}) - julianday(${a}))`;
/** Months since year 0 of an ISO timestamp (UTC), so month differences are a subtraction. */
const monthIndex = (t: string) => `(CAST(SUBSTR(${t}, 1, 4) AS INTEGER) * 12 + CAST(SUBSTR(${t}, 6, 2) AS INTEGER) - 1)`;
const monthIndexOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthName = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

interface Totals {
  currency: string | null;
  history_customers: number;
  repeat_customers: number;
  churned_customers: number;
  history_orders: number;
  first_order_at: string | null;
  customers: number;
  new_customers: number;
  orders: number;
}

export async function retentionReport(db: Sql, writeKey: string, range: { from: Date; to: Date }, churnDays: number): Promise<RetentionReport> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const churnCutoff = new Date(range.to.getTime() - churnDays * DAY_MS).toISOString();
  const ctes = customerOrdersCtes('$1', '$2');

  const [totals] = await db.query<Totals>(
    `WITH ${ctes},
      cust AS (
        SELECT customer, COUNT(*) AS orders, MIN(created_at) AS first_at, MAX(created_at) AS last_at,
               SUM(CASE WHEN created_at >= $3 THEN 1 ELSE 0 END) AS orders_in_range
        FROM ord GROUP BY customer
      )
    SELECT (SELECT currency FROM main) AS currency, COUNT(*) AS history_customers,
      COALESCE(SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END), 0) AS repeat_customers,
      COALESCE(SUM(CASE WHEN last_at < $4 THEN 1 ELSE 0 END), 0) AS churned_customers,
      COALESCE(SUM(orders), 0) AS history_orders, MIN(first_at) AS first_order_at,
      COALESCE(SUM(CASE WHEN orders_in_range > 0 THEN 1 ELSE 0 END), 0) AS customers,
      COALESCE(SUM(CASE WHEN first_at >= $3 THEN 1 ELSE 0 END), 0) AS new_customers,
      COALESCE(SUM(orders_in_range), 0) AS orders
    FROM cust`,
    [writeKey, to, from, churnCutoff],
  );

  // Orders without a currency count in the main one.
  const money = await db.query<{ currency: string | null; orders: number; revenue: number; orders_in_range: number; revenue_in_range: number }>(
    `WITH ${ctes}
    SELECT COALESCE(o.currency, (SELECT currency FROM main)) AS currency, COUNT(*) AS orders,
      ROUND(CAST(SUM(o.value) AS NUMERIC), 2) AS revenue,
      SUM(CASE WHEN o.created_at >= $3 THEN 1 ELSE 0 END) AS orders_in_range,
      ROUND(CAST(SUM(CASE WHEN o.created_at >= $3 THEN o.value ELSE 0 END) AS NUMERIC), 2) AS revenue_in_range
    FROM ord o GROUP BY 1`,
    [writeKey, to, from],
  );

  // Days from each order in the range back to the same customer's previous order (which may be older than the range).
  const [gaps] = await db.query<{ median: number | null }>(
    `WITH ${ctes},
      seq AS (SELECT created_at, LAG(created_at) OVER (PARTITION BY customer ORDER BY created_at) AS previous FROM ord),
      gap AS (SELECT ${daysBetween(db, 'previous', 'created_at')} AS days FROM seq WHERE previous IS NOT NULL AND created_at >= $3),
      ranked AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS n, COUNT(*) OVER () AS total FROM gap)
    SELECT AVG(days) AS median FROM ranked WHERE n IN ((total + 1) / 2, (total + 2) / 2)`,
    [writeKey, to, from],
  );

  // Customers whose first order is in the range, by its month, and how many of them order k months later.
  const cohortRows = await db.query<{ month: number; k: number; customers: number }>(
    `WITH ${ctes},
      seq AS (SELECT customer, created_at, MIN(created_at) OVER (PARTITION BY customer) AS first_at FROM ord),
      active AS (SELECT DISTINCT customer, ${monthIndex('first_at')} AS month, ${monthIndex('created_at')} - ${monthIndex('first_at')} AS k FROM seq WHERE first_at >= $3)
    SELECT month, k, COUNT(*) AS customers FROM active GROUP BY month, k`,
    [writeKey, to, from],
  );

  const rfm = await segmentTotals(db, writeKey, to);

  const main = money.find((row) => row.currency === totals!.currency) ?? { orders: 0, revenue: 0, orders_in_range: 0, revenue_in_range: 0 };
  const customers = Number(totals!.customers);
  const newCustomers = Number(totals!.new_customers);
  const orders = Number(totals!.orders);
  const historyCustomers = Number(totals!.history_customers);
  const churnRate = ratio(Number(totals!.churned_customers), historyCustomers);

  const historyAov = ratio(Number(main.revenue), Number(main.orders), 2);
  const observedDays = totals!.first_order_at ? Math.max(MIN_OBSERVED_DAYS, (range.to.getTime() - Date.parse(totals!.first_order_at)) / DAY_MS) : MIN_OBSERVED_DAYS;
  const perYear = historyCustomers > 0 ? round(Number(totals!.history_orders) / historyCustomers / (observedDays / YEAR_DAYS), 4) : 0;
  const lifespanYears = historyCustomers === 0 ? 0 : churnRate > 0 ? round(Math.min(MAX_LIFESPAN_YEARS, 1 / churnRate), 4) : MAX_LIFESPAN_YEARS;

  const lastMonth = monthIndexOf(new Date(range.to.getTime() - 1).toISOString());
  const counts = new Map(cohortRows.map((row) => [`${Number(row.month)}:${Number(row.k)}`, Number(row.customers)]));
  const cohorts: RetentionReport['cohorts'] = [];
  for (let month = monthIndexOf(from); month <= lastMonth; month++) {
    const size = counts.get(`${month}:0`) ?? 0;
    const active = Array.from({ length: lastMonth - month + 1 }, (_, k) => counts.get(`${month}:${k}`) ?? 0);
    cohorts.push({ month: monthName(month), customers: size, active, retention: active.map((n) => ratio(n, size)) });
  }

  return {
    writeKey,
    from,
    to,
    currency: totals!.currency ?? null,
    customers,
    newCustomers,
    returningCustomers: customers - newCustomers,
    orders,
    repeatPurchaseRate: ratio(Number(totals!.repeat_customers), historyCustomers),
    ordersPerCustomer: ratio(orders, customers),
    averageOrderValue: ratio(Number(main.revenue_in_range), Number(main.orders_in_range), 2),
    revenue: round(Number(main.revenue_in_range), 2),
    otherCurrencies: money
      .filter((row) => row.currency !== null && row.currency !== totals!.currency && Number(row.orders_in_range) > 0)
      .map((row) => ({ currency: row.currency!, orders: Number(row.orders_in_range), revenue: round(Number(row.revenue_in_range), 2) }))
      .sort((a, b) => b.orders - a.orders || (a.currency < b.currency ? -1 : 1)),
    medianDaysBetweenOrders: gaps?.median === null || gaps?.median === undefined ? null : round(Number(gaps.median), 2),
    churnDays,
    churnRate,
    clv: round(historyAov * perYear * lifespanYears, 2),
    clvInputs: { averageOrderValue: historyAov, ordersPerCustomerPerYear: perYear, lifespanYears },
    cohorts,
    rfm,
  };
}
