// RFM: each customer of a store gets recency, frequency and monetary scores 1-5 by quintile
// (NTILE(5) over the store's customers; equal values share the lowest tile of their group, so a
// tie is never split and both dialects score alike), and a named segment from the R and F
// scores (table in README, collector section). Set-based SQL; the campaign scheduler may embed
// `rfmCustomersSql` or call `customersInSegment`.
import { readLong, type FeatureContext } from '../feature.js';
import { customerOrdersCtes, inMainCurrency } from './customers.js';

export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalist',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  'Cannot lose them',
  'Hibernating',
  'Lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export function isRfmSegment(name: unknown): name is RfmSegment {
  return typeof name === 'string' && (RFM_SEGMENTS as readonly string[]).includes(name);
}

/** The segment for R and F scores (1-5); the same table as `segmentCase`, for code. */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r <= 2) {
    if (f === 5) return 'Cannot lose them';
    if (f >= 3) return 'At risk';
    return r === 1 && f === 1 ? 'Lost' : 'Hibernating';
  }
  if (r === 3) return f <= 2 ? 'About to sleep' : f === 3 ? 'Need attention' : 'Loyal';
  if (f >= 4) return r === 5 ? 'Champions' : 'Loyal';
  if (f >= 2) return 'Potential loyalist';
  return r === 5 ? 'New' : 'Promising';
}

/** The segment of a row with scores `r` and `f`, as an SQL expression (the table of `segmentOf`). */
export const segmentCase = `CASE
      WHEN r <= 2 AND f = 5 THEN 'Cannot lose them'
      WHEN r <= 2 AND f >= 3 THEN 'At risk'
      WHEN r = 1 AND f = 1 THEN 'Lost'
      WHEN r <= 2 THEN 'Hibernating'
      WHEN r = 3 AND f <= 2 THEN 'About to sleep'
      WHEN r = 3 AND f = 3 THEN 'Need attention'
      WHEN r = 3 THEN 'Loyal'
      WHEN f >= 4 AND r = 5 THEN 'Champions'
      WHEN f >= 4 THEN 'Loyal'
      WHEN f >= 2 THEN 'Potential loyalist'
      WHEN r = 5 THEN 'New'
      ELSE 'Promising'
    END`;

/**
 * NTILE(5) of the row at 0-based position `position` of `n` rows: the first n % 5 tiles hold one
 * row more. A value's lowest tile is the tile at its group's first position, which is the number
 * of smaller values (RANK() - 1): one sort per score instead of NTILE's and a MIN per group's.
 */
const tileAt = (position: string) => `(CASE WHEN ${position} < (n % 5) * (n / 5 + 1) THEN ${position} / (n / 5 + 1) + 1
      ELSE (${position} - n % 5) / NULLIF(n / 5, 0) + 1 END)`;

/**
 * CTEs up to `scored`: one row per customer of the store with an order before asOf ($2), with
 * orders, first_order_at, last_order_at, monetary (main currency, rounded to cents) and r, f, m.
 * `contact` adds phone and email;
 * `rangeStart` (a placeholder) adds orders_in_range, the orders placed since then.
 */
export function scoredCustomersCtes(options: { contact?: boolean; rangeStart?: string; writeKey?: string; asOf?: string } = {}): string {
  return `${customerOrdersCtes(options.writeKey ?? '$1', options.asOf ?? '$2')},
  cust AS (
    SELECT o.customer, COUNT(*) AS orders, MIN(o.created_at) AS first_order_at, MAX(o.created_at) AS last_order_at,
           ROUND(CAST(SUM(CASE WHEN ${inMainCurrency('o')} THEN o.value ELSE 0 END) AS NUMERIC), 2) AS monetary${
             options.contact ? ',\n           MAX(o.phone) AS phone, MAX(o.email) AS email' : ''
           }${options.rangeStart ? `,\n           SUM(CASE WHEN o.created_at >= ${options.rangeStart} THEN 1 ELSE 0 END) AS orders_in_range` : ''}
    FROM ord o GROUP BY o.customer
  ),
  ranks AS (
    SELECT c.*, COUNT(*) OVER () AS n, RANK() OVER (ORDER BY last_order_at) - 1 AS r_below,
           RANK() OVER (ORDER BY orders) - 1 AS f_below, RANK() OVER (ORDER BY monetary) - 1 AS m_below
    FROM cust c
  ),
  scored AS (
    SELECT t.*, ${tileAt('r_below')} AS r, ${tileAt('f_below')} AS f, ${tileAt('m_below')} AS m
    FROM ranks t
  )`;
}

/**
 * The browser of the customer's (of `scored`) latest order: looked up through retention_orders'
 * customer index for the rows asked for (a segment's), where a window over every order sorted
 * them all.
 */
const latestBrowser = (params: { writeKey: string; asOf: string }) => `(SELECT lo.anonymous_id FROM retention_orders lo
      WHERE lo.write_key = ${params.writeKey} AND lo.customer = scored.customer AND lo.created_at < ${params.asOf}
      ORDER BY lo.created_at DESC, lo.order_id DESC LIMIT 1)`;

/**
 * One row per customer of the store with an order before asOf: customer key, phone, email, the
 * browser of the latest order (anonymous_id), orders, first_order_at, last_order_at, monetary
 * (main currency, rounded to cents), r, f, m (1-5) and segment. `writeKey` and `asOf` (ISO,
 * exclusive) are SQL expressions, e.g. placeholders of the query this one is embedded in
 * (`SELECT ... FROM (${rfmCustomersSelect(...)}) rfm WHERE rfm.segment = ...`).
 */
export const rfmCustomersSelect = (params: { writeKey: string; asOf: string }) => `WITH ${scoredCustomersCtes({ contact: true, ...params })}
  SELECT customer, phone, email, ${latestBrowser(params)} AS anonymous_id, orders, first_order_at, last_order_at, monetary, r, f, m,
    ${segmentCase} AS segment
  FROM scored`;

/** `rfmCustomersSelect` with placeholders $1 (write key) and $2 (asOf). */
export const rfmCustomersSql = rfmCustomersSelect({ writeKey: '$1', asOf: '$2' });

export interface SegmentCustomer {
  /** 'p:' + phone, 'e:' + email, 'a:' + browser id, or 'o:' + order id (an order with no browser). */
  customer: string;
  phone: string | null;
  email: string | null;
  /** The browser of the customer's latest order. */
  anonymousId: string | null;
  orders: number;
  lastOrderAt: string;
  /** Revenue in the store's main currency. */
  monetary: number;
}

interface RfmRow {
  customer: string;
  phone: string | null;
  email: string | null;
  anonymous_id: string | null;
  orders: number;
  last_order_at: string;
  monetary: number;
  segment: string;
}

/** The customers of one RFM segment of a store, scored on the orders placed before `asOf`. */
export async function customersInSegment(ctx: Pick<FeatureContext, 'db'>, writeKey: string, segment: RfmSegment, asOf: Date): Promise<SegmentCustomer[]> {
  if (!isRfmSegment(segment)) throw new Error(`unknown RFM segment ${JSON.stringify(segment)} (${RFM_SEGMENTS.join(', ')})`);
  const rows = await readLong<RfmRow>(ctx.db, `SELECT * FROM (${rfmCustomersSql}) x WHERE x.segment = $3 ORDER BY x.customer`, [writeKey, asOf.toISOString(), segment]);
  return rows.map((row) => ({
    customer: row.customer,
    phone: row.phone,
    email: row.email,
    anonymousId: row.anonymous_id,
    orders: Number(row.orders),
    lastOrderAt: row.last_order_at,
    monetary: Number(row.monetary),
  }));
}

