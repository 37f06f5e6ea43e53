// Rows for the CSV downloads: one store (or all), one range, oldest first, at most EXPORT_LIMIT.
import type { Sql } from '../../feature.js';
import { ORDER_STANDS } from '../../state/ordered.js';
import type { Cell } from '../csv.js';
import { listCarts } from './carts.js';
import { inStore, type Scope, type Tables } from './scope.js';

export const EXPORT_LIMIT = 100_000;

export interface Export {
  header: string[];
  rows: Cell[][];
}

export async function exportCarts(db: Sql, tables: Tables, scope: Scope, abandonedBefore: string): Promise<Export> {
  const { carts } = await listCarts(db, tables, { ...scope, abandonedBefore, limit: EXPORT_LIMIT, offset: 0 });
  return {
    header: ['store', 'cart_id', 'created_at', 'updated_at', 'state', 'phone', 'sms_consent', 'items', 'value', 'currency', 'products'],
    rows: carts.map((c) => [
      c.writeKey,
      c.cartId,
      c.createdAt,
      c.updatedAt,
      c.state,
      c.phone,
      c.phone ? c.consent : null,
      c.itemCount,
      c.value,
      c.currency,
      c.products.map((p) => `${p.name ?? p.product_id ?? ''} x${p.quantity ?? 1}`).join('; '),
    ]),
  };
}

export async function exportOrders(db: Sql, tables: Tables, scope: Scope): Promise<Export> {
  const recovered = tables.campaigns
    ? `(SELECT a.campaign FROM campaigns_attributions a WHERE a.write_key = o.write_key AND a.order_id = o.order_id)`
    : 'NULL';
  const rows = await db.query<Record<string, any>>(
    `SELECT o.write_key, o.order_id, o.created_at, o.value, o.currency, o.status, o.cart_id, i.phone, ${recovered} AS recovered_by,
       CASE WHEN ${ORDER_STANDS} THEN 1 ELSE 0 END AS counts
     FROM orders o LEFT JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
     WHERE ${inStore('o.write_key', '$1')} AND o.created_at >= $2 AND o.created_at < $3 ORDER BY o.created_at LIMIT $4`,
    [scope.store, scope.start, scope.end, EXPORT_LIMIT],
  );
  return {
    header: ['store', 'order_id', 'created_at', 'value', 'currency', 'status', 'cart_id', 'phone', 'recovered_by_campaign'],
    rows: rows.map((r) => [r.write_key, r.order_id, r.created_at, r.value === null ? null : Number(r.value), r.currency, r.status ?? (Number(r.counts) ? 'placed' : ''), r.cart_id, r.phone, r.recovered_by]),
  };
}

export async function exportMessages(db: Sql, tables: Tables, scope: Scope): Promise<Export> {
  const clicks = tables.links ? `(SELECT COUNT(*) FROM links_clicks k JOIN links_links l ON l.code = k.code WHERE l.outbox_id = m.id)` : '0';
  const rows = await db.query<Record<string, any>>(
    `SELECT m.id, m.write_key, m.campaign, m.step, m.phone, m.state, m.created_at, m.sent_at, m.segments, m.body, m.error, ${clicks} AS clicks
     FROM campaigns_outbox m WHERE ${inStore('m.write_key', '$1')} AND m.created_at >= $2 AND m.created_at < $3 ORDER BY m.id LIMIT $4`,
    [scope.store, scope.start, scope.end, EXPORT_LIMIT],
  );
  return {
    header: ['id', 'store', 'campaign', 'step', 'phone', 'state', 'created_at', 'sent_at', 'segments', 'clicks', 'text', 'error'],
    rows: rows.map((r) => [Number(r.id), r.write_key, r.campaign, Number(r.step) + 1, r.phone, r.state, r.created_at, r.sent_at, r.segments === null ? null : Number(r.segments), Number(r.clicks), r.body, r.error]),
  };
}

export async function exportSurveys(db: Sql, scope: Scope): Promise<Export> {
  const rows = await db.query<Record<string, any>>(
    `SELECT write_key, order_id, rating, comment, source, answered_at FROM surveys_answers
     WHERE ${inStore('write_key', '$1')} AND answered_at >= $2 AND answered_at < $3 ORDER BY answered_at LIMIT $4`,
    [scope.store, scope.start, scope.end, EXPORT_LIMIT],
  );
  return {
    header: ['store', 'order_id', 'answered_at', 'rating', 'comment', 'source'],
    rows: rows.map((r) => [r.write_key, r.order_id, r.answered_at, Number(r.rating), r.comment, r.source]),
  };
}
