// Captured carts of a store (or all) created in a range, with the shopper's phone and where the
// cart stands: recovered (an SMS for it was clicked and an order followed), ordered, messaged
// (an SMS for it was sent), abandoned (idle past the threshold), active.
import type { Sql } from '../../feature.js';
import { orderedSince } from '../../state/ordered.js';
import { inStore, type Scope, type Tables } from './scope.js';
import { searchPatterns } from './search.js';

export const CART_STATES = ['active', 'abandoned', 'messaged', 'recovered', 'ordered'] as const;
export type CartState = (typeof CART_STATES)[number];

export interface CartRow {
  writeKey: string;
  cartId: string;
  anonymousId: string | null;
  currency: string | null;
  value: number | null;
  itemCount: number;
  products: { name?: string; product_id?: string; quantity?: number; price?: number }[];
  createdAt: string;
  updatedAt: string;
  phone: string | null;
  consent: boolean;
  state: CartState;
}

const orderedCart = orderedSince({ writeKey: 'c.write_key', phone: 'i.phone', anonymousId: 'c.anonymous_id', cartId: 'c.cart_id', since: 'c.updated_at' });

function stateSql(tables: Tables): string {
  const recovered = tables.campaigns
    ? `WHEN EXISTS (SELECT 1 FROM campaigns_attributions a JOIN campaigns_outbox ma ON ma.id = a.outbox_id WHERE ma.write_key = c.write_key AND ma.subject_id = c.cart_id) THEN 'recovered'`
    : '';
  const messaged = tables.campaigns
    ? `WHEN EXISTS (SELECT 1 FROM campaigns_outbox m WHERE m.write_key = c.write_key AND m.subject_id = c.cart_id AND m.state = 'sent') THEN 'messaged'`
    : '';
  return `CASE ${recovered} WHEN ${orderedCart} THEN 'ordered' ${messaged}
    WHEN c.item_count > 0 AND c.updated_at < $4 THEN 'abandoned' ELSE 'active' END`;
}

export interface CartFilter extends Scope {
  abandonedBefore: string;
  state?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** $1 store, $2 start, $3 end, $4 abandoned-before, $5 state or '', $6 text pattern or '', $7 digits pattern or ''. */
function cartsFrom(tables: Tables): string {
  return `FROM (SELECT c.write_key, c.cart_id, c.anonymous_id, c.currency, c.value, c.item_count, c.products, c.created_at, c.updated_at,
      i.phone, i.phone_consent, ${stateSql(tables)} AS state
    FROM carts c LEFT JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id
    WHERE ${inStore('c.write_key', '$1')} AND c.created_at >= $2 AND c.created_at < $3
      AND (CAST($6 AS TEXT) = '' OR LOWER(c.cart_id) LIKE $6 ESCAPE '!' OR LOWER(c.products) LIKE $6 ESCAPE '!'
           OR (CAST($7 AS TEXT) <> '' AND i.phone LIKE $7 ESCAPE '!'))) x
  WHERE (CAST($5 AS TEXT) = '' OR x.state = $5)`;
}

export async function listCarts(db: Sql, tables: Tables, f: CartFilter): Promise<{ total: number; carts: CartRow[] }> {
  const { text, digits } = searchPatterns(f.q);
  const state = CART_STATES.find((s) => s === f.state) ?? '';
  const params = [f.store, f.start, f.end, f.abandonedBefore, state, text, digits];
  const [count] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n ${cartsFrom(tables)}`, params);
  const rows = await db.query<Record<string, any>>(`SELECT x.* ${cartsFrom(tables)} ORDER BY x.updated_at DESC, x.cart_id LIMIT $8 OFFSET $9`, [...params, f.limit, f.offset]);
  return { total: Number(count?.n ?? 0), carts: rows.map(cartRow) };
}

export function cartRow(r: Record<string, any>): CartRow {
  let products: CartRow['products'] = [];
  try {
    const parsed = JSON.parse(r.products);
    if (Array.isArray(parsed)) products = parsed;
  } catch {
    // Stored by us as JSON; an unreadable row shows no lines rather than failing the page.
  }
  return {
    writeKey: r.write_key,
    cartId: r.cart_id,
    anonymousId: r.anonymous_id,
    currency: r.currency,
    value: r.value === null ? null : Number(r.value),
    itemCount: Number(r.item_count),
    products,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    phone: r.phone ?? null,
    consent: Number(r.phone_consent) === 1,
    state: r.state,
  };
}
