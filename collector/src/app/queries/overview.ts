// The overview's numbers for one store (or all) and one date range: set-based SQL that runs the
// same on SQLite and PostgreSQL. A cart counts in the range it was created in, an order, message,
// click, answer or upsell in the range it happened in.
import type { Sql } from '../../feature.js';
import { ORDER_STANDS, orderedSince } from '../../state/ordered.js';
import { byCurrency, inStore, type Scope, type Tables } from './scope.js';

export interface Overview {
  carts: number;
  withPhone: number;
  withConsent: number;
  abandoned: number;
  messaged: number;
  orders: number;
  revenue: Record<string, number>;
  recoveredOrders: number;
  recoveredRevenue: Record<string, number>;
  upsellRevenue: Record<string, number>;
  surveyAnswers: number;
  surveyAverage: number | null;
  smsSent: number;
  smsClicked: number;
  optOuts: number;
  segments: number;
  /** Messages held back in the range, per reason (country, budget, phone_cap). */
  held: Record<string, number>;
  /** Per day of the range: carts created, orders placed, SMS sent. */
  series: { day: string; carts: number; orders: number; sms: number }[];
}

const orderedCart = orderedSince({ writeKey: 'c.write_key', phone: 'i.phone', anonymousId: 'c.anonymous_id', cartId: 'c.cart_id', since: 'c.updated_at' });
const n = (v: unknown) => Number(v ?? 0);

export async function overview(db: Sql, tables: Tables, scope: Scope, abandonedBefore: string, days: { day: string; start: string; end: string }[]): Promise<Overview> {
  const p = [scope.store, scope.start, scope.end];
  const messagedCart = tables.campaigns
    ? `EXISTS (SELECT 1 FROM campaigns_outbox m WHERE m.write_key = c.write_key AND m.subject_id = c.cart_id AND m.state = 'sent')`
    : '1 = 0';
  const [carts] = await db.query<Record<string, number>>(
    `SELECT COUNT(*) AS carts,
       SUM(CASE WHEN i.phone IS NOT NULL THEN 1 ELSE 0 END) AS with_phone,
       SUM(CASE WHEN i.phone IS NOT NULL AND i.phone_consent = 1 THEN 1 ELSE 0 END) AS with_consent,
       SUM(CASE WHEN i.phone IS NOT NULL AND i.phone_consent = 1 AND c.item_count > 0 AND c.updated_at < $4 AND NOT ${orderedCart} THEN 1 ELSE 0 END) AS abandoned,
       SUM(CASE WHEN ${messagedCart} THEN 1 ELSE 0 END) AS messaged
     FROM carts c LEFT JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id
     WHERE ${inStore('c.write_key', '$1')} AND c.created_at >= $2 AND c.created_at < $3`,
    [...p, abandonedBefore],
  );
  const orders = await db.query<{ currency: string | null; value: number | null; n: number }>(
    `SELECT o.currency, SUM(o.value) AS value, COUNT(*) AS n FROM orders o
     WHERE ${inStore('o.write_key', '$1')} AND o.created_at >= $2 AND o.created_at < $3 AND ${ORDER_STANDS} GROUP BY o.currency`,
    p,
  );
  const recovered = tables.campaigns
    ? await db.query<{ currency: string | null; value: number | null; n: number }>(
        `SELECT a.currency, SUM(a.value) AS value, COUNT(*) AS n FROM campaigns_attributions a
         LEFT JOIN orders o ON o.write_key = a.write_key AND o.order_id = a.order_id
         WHERE ${inStore('a.write_key', '$1')} AND a.ordered_at >= $2 AND a.ordered_at < $3 AND ${ORDER_STANDS} GROUP BY a.currency`,
        p,
      )
    : [];
  const upsell = tables.offers
    ? await db.query<{ currency: string; value: number }>(
        `SELECT currency, SUM(value) AS value FROM offers_accepted WHERE ${inStore('write_key', '$1')} AND accepted_at >= $2 AND accepted_at < $3 GROUP BY currency`,
        p,
      )
    : [];
  const [survey] = tables.surveys
    ? await db.query<{ n: number; average: number | null }>(
        `SELECT COUNT(*) AS n, AVG(rating) AS average FROM surveys_answers WHERE ${inStore('write_key', '$1')} AND answered_at >= $2 AND answered_at < $3`,
        p,
      )
    : [];
  const [sms] = tables.campaigns
    ? await db.query<{ sent: number; segments: number | null }>(
        `SELECT COUNT(*) AS sent, SUM(segments) AS segments FROM campaigns_outbox
         WHERE ${inStore('write_key', '$1')} AND state = 'sent' AND sent_at >= $2 AND sent_at < $3`,
        p,
      )
    : [];
  const [clicked] = tables.links
    ? await db.query<{ n: number }>(
        `SELECT COUNT(DISTINCT l.outbox_id) AS n FROM links_clicks k JOIN links_links l ON l.code = k.code
         WHERE l.outbox_id IS NOT NULL AND ${inStore('l.write_key', '$1')} AND k.clicked_at >= $2 AND k.clicked_at < $3`,
        p,
      )
    : [];
  // Opt-outs recorded before they were kept per store belong to every store ('*').
  const [optOuts] = tables.campaigns
    ? await db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM campaigns_optouts WHERE (CAST($1 AS TEXT) = '' OR write_key = $1 OR write_key = '*') AND opted_out_at >= $2 AND opted_out_at < $3`,
        p,
      )
    : [];
  const held = tables.campaigns
    ? await db.query<{ reason: string; n: number }>(
        `SELECT error AS reason, COUNT(*) AS n FROM campaigns_outbox WHERE ${inStore('write_key', '$1')} AND state = 'held' AND created_at >= $2 AND created_at < $3 GROUP BY error`,
        p,
      )
    : [];
  return {
    held: Object.fromEntries(held.map((h) => [h.reason, n(h.n)])),
    carts: n(carts?.carts),
    withPhone: n(carts?.with_phone),
    withConsent: n(carts?.with_consent),
    abandoned: n(carts?.abandoned),
    messaged: n(carts?.messaged),
    orders: orders.reduce((t, r) => t + n(r.n), 0),
    revenue: byCurrency(orders),
    recoveredOrders: recovered.reduce((t, r) => t + n(r.n), 0),
    recoveredRevenue: byCurrency(recovered),
    upsellRevenue: byCurrency(upsell),
    surveyAnswers: n(survey?.n),
    surveyAverage: survey?.average === null || survey?.average === undefined ? null : Math.round(Number(survey.average) * 100) / 100,
    smsSent: n(sms?.sent),
    smsClicked: n(clicked?.n),
    optOuts: n(optOuts?.n),
    segments: n(sms?.segments),
    series: await perDay(db, tables, scope.store, days),
  };
}

/** Counts per local day: the days' bounds are a VALUES list joined to each table (one query each). */
async function perDay(db: Sql, tables: Tables, store: string, days: { day: string; start: string; end: string }[]) {
  const values = days.map((_, i) => `(CAST($${i * 2 + 2} AS TEXT), CAST($${i * 2 + 3} AS TEXT))`).join(', ');
  const params = [store, ...days.flatMap((d) => [d.start, d.end])];
  const count = async (table: string, alias: string, column: string, extra = '') => {
    const rows = await db.query<{ start: string; n: number }>(
      `SELECT d.column1 AS start, COUNT(*) AS n FROM (VALUES ${values}) AS d
       JOIN ${table} ${alias} ON ${alias}.${column} >= d.column1 AND ${alias}.${column} < d.column2
       WHERE ${inStore(`${alias}.write_key`, '$1')}${extra} GROUP BY d.column1`,
      params,
    );
    return new Map(rows.map((r) => [r.start, n(r.n)]));
  };
  const carts = await count('carts', 'c', 'created_at');
  const orders = await count('orders', 'o', 'created_at', ` AND ${ORDER_STANDS}`);
  const sms = tables.campaigns ? await count('campaigns_outbox', 'm', 'sent_at', " AND m.state = 'sent'") : new Map<string, number>();
  return days.map((d) => ({ day: d.day, carts: carts.get(d.start) ?? 0, orders: orders.get(d.start) ?? 0, sms: sms.get(d.start) ?? 0 }));
}
