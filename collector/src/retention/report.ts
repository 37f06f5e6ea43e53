// The retention report of one store over a date range: customers, repeat purchase, revenue in the
// main currency, time between orders, churn, CLV, monthly cohorts and RFM segments. Each number is
// one set-based query over the store's standing orders (see ./customers.ts); JavaScript only
// divides and rounds. Definitions: README, collector section "Retention report".
import { readLong, type Sql } from '../feature.js';
import { customerOrdersCtes } from './customers.js';
import { RFM_SEGMENTS, scoredCustomersCtes, segmentCase, type RfmSegment } from './segments.js';

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

interface SegmentRow {
  segment: RfmSegment;
  customers: number;
  revenue: number;
  repeat_customers: number;
  churned_customers: number;
  orders: number;
  first_order_at: string | null;
  customers_in_range: number;
  new_customers: number;
  orders_in_range: number;
}

interface OrderRow {
  kind: 'money' | 'median' | 'cohort';
  main: string | null;
  currency: string | null;
  month: number | null;
  k: number | null;
  n: number | null;
  amount: number | null;
  n_in_range: number | null;
  amount_in_range: number | null;
}

export async function retentionReport(db: Sql, writeKey: string, range: { from: Date; to: Date }, churnDays: number): Promise<RetentionReport> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const churnCutoff = new Date(range.to.getTime() - churnDays * DAY_MS).toISOString();

  // Customer by customer (scored once): per segment, the counts the totals add up from.
  const segments = await readLong<SegmentRow>(
    db,
    `WITH ${scoredCustomersCtes({ rangeStart: '$3' })}
    SELECT ${segmentCase} AS segment, COUNT(*) AS customers, ROUND(CAST(SUM(monetary) AS NUMERIC), 2) AS revenue,
      SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeat_customers,
      SUM(CASE WHEN last_order_at < $4 THEN 1 ELSE 0 END) AS churned_customers,
      SUM(orders) AS orders, MIN(first_order_at) AS first_order_at,
      SUM(CASE WHEN orders_in_range > 0 THEN 1 ELSE 0 END) AS customers_in_range,
      SUM(CASE WHEN first_order_at >= $3 THEN 1 ELSE 0 END) AS new_customers,
      SUM(orders_in_range) AS orders_in_range
    FROM scored GROUP BY 1`,
    [writeKey, to, from, churnCutoff],
  );

  // Order by order (each customer's orders in time order, once): revenue per currency (an order
  // without one counts in the main currency); the median of the days from each order in the range
  // back to the same customer's previous one (which may be older than the range); and the customers
  // whose first order is in the range, by its month, with how many of them order k months later.
  const rows = await readLong<OrderRow>(
    db,
    `WITH ${customerOrdersCtes('$1', '$2')},
      seq AS (
        SELECT customer, COALESCE(currency, (SELECT currency FROM main)) AS currency, value, created_at,
          LAG(created_at) OVER (PARTITION BY customer ORDER BY created_at) AS previous,
          MIN(created_at) OVER (PARTITION BY customer) AS first_at
        FROM ord
      ),
      gap AS (SELECT ${daysBetween(db, 'previous', 'created_at')} AS days FROM seq WHERE previous IS NOT NULL AND created_at >= $3),
      ranked AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS n, COUNT(*) OVER () AS total FROM gap),
      active AS (SELECT DISTINCT customer, ${monthIndex('first_at')} AS month, ${monthIndex('created_at')} - ${monthIndex('first_at')} AS k FROM seq WHERE first_at >= $3)
    SELECT 'money' AS kind, (SELECT currency FROM main) AS main, currency, CAST(NULL AS INTEGER) AS month, CAST(NULL AS INTEGER) AS k,
      COUNT(*) AS n, ROUND(CAST(SUM(value) AS NUMERIC), 2) AS amount,
      SUM(CASE WHEN created_at >= $3 THEN 1 ELSE 0 END) AS n_in_range,
      ROUND(CAST(SUM(CASE WHEN created_at >= $3 THEN value ELSE 0 END) AS NUMERIC), 2) AS amount_in_range
    FROM seq GROUP BY currency
    UNION ALL
    SELECT 'median', NULL, NULL, NULL, NULL, NULL, ROUND(CAST(AVG(days) AS NUMERIC), 4), NULL, NULL FROM ranked WHERE n IN ((total + 1) / 2, (total + 2) / 2)
    UNION ALL
    SELECT 'cohort', NULL, NULL, month, k, COUNT(*), NULL, NULL, NULL FROM active GROUP BY month, k`,
    [writeKey, to, from],
  );

  const sum = (field: keyof SegmentRow) => segments.reduce((total, row) => total + Number(row[field] ?? 0), 0);
  const rfm = RFM_SEGMENTS.map((segment) => {
    const row = segments.find((r) => r.segment === segment);
    return { segment, customers: Number(row?.customers ?? 0), revenue: Number(row?.revenue ?? 0) };
  });
  const money = rows.filter((row) => row.kind === 'money');
  const mainCurrency = money[0]?.main ?? null;
  const main = money.find((row) => row.currency === mainCurrency);
  const median = rows.find((row) => row.kind === 'median')?.amount;
  const customers = sum('customers_in_range');
  const newCustomers = sum('new_customers');
  const orders = sum('orders_in_range');
  const historyCustomers = sum('customers');
  const churnRate = ratio(sum('churned_customers'), historyCustomers);
  const firstOrderAt = segments.map((row) => row.first_order_at).filter((at): at is string => !!at).sort()[0];

  const historyAov = ratio(Number(main?.amount ?? 0), Number(main?.n ?? 0), 2);
  const observedDays = firstOrderAt ? Math.max(MIN_OBSERVED_DAYS, (range.to.getTime() - Date.parse(firstOrderAt)) / DAY_MS) : MIN_OBSERVED_DAYS;
  const perYear = historyCustomers > 0 ? round(sum('orders') / historyCustomers / (observedDays / YEAR_DAYS), 4) : 0;
  const lifespanYears = historyCustomers === 0 ? 0 : churnRate > 0 ? round(Math.min(MAX_LIFESPAN_YEARS, 1 / churnRate), 4) : MAX_LIFESPAN_YEARS;

  const lastMonth = monthIndexOf(new Date(range.to.getTime() - 1).toISOString());
  const counts = new Map(rows.filter((row) => row.kind === 'cohort').map((row) => [`${Number(row.month)}:${Number(row.k)}`, Number(row.n)]));
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
    currency: mainCurrency,
    customers,
    newCustomers,
    returningCustomers: customers - newCustomers,
    orders,
    repeatPurchaseRate: ratio(sum('repeat_customers'), historyCustomers),
    ordersPerCustomer: ratio(orders, customers),
    averageOrderValue: ratio(Number(main?.amount_in_range ?? 0), Number(main?.n_in_range ?? 0), 2),
    revenue: round(Number(main?.amount_in_range ?? 0), 2),
    otherCurrencies: money
      .filter((row) => row.currency !== null && row.currency !== mainCurrency && Number(row.n_in_range) > 0)
      .map((row) => ({ currency: row.currency!, orders: Number(row.n_in_range), revenue: round(Number(row.amount_in_range), 2) }))
      .sort((a, b) => b.orders - a.orders || (a.currency < b.currency ? -1 : 1)),
    medianDaysBetweenOrders: median === null || median === undefined ? null : round(Number(median), 2),
    churnDays,
    churnRate,
    clv: round(historyAov * perYear * lifespanYears, 2),
    clvInputs: { averageOrderValue: historyAov, ordersPerCustomerPerYear: perYear, lifespanYears },
    cohorts,
    rfm,
  };
}
