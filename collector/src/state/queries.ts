// What the store owner reads: the summary behind /dashboard and /v1/reports/summary, and the
// abandoned carts a campaign can act on. Plain SQL that runs unchanged on SQLite and PostgreSQL.
import type { Sql } from '../feature.js';
import { ORDER_STANDS, orderedSince } from './ordered.js';

export interface Summary {
  generatedAt: string;
  events: { total: number; last24h: number; byType: Record<string, number> };
  /** Events received per hour over the last 24 hours, oldest first (`hour` is ISO, UTC). */
  eventsPerHour: { hour: string; count: number }[];
  funnel: { carts: number; withPhone: number; ordered: number };
  /** Carts listed by GET /v1/carts/abandoned with the default threshold. */
  abandoned: { count: number; idleMinutes: number };
  orders: { count: number; revenue: { currency: string; value: number }[] };
  topProducts: { product: string; name: string | null; adds: number; quantity: number }[];
  identities: { total: number; withPhone: number; consenting: number };
}

const HOUR = 3_600_000;

/** Needs the cart as `c` and its shopper's identity as `i`. */
const orderedCart = orderedSince({ writeKey: 'c.write_key', phone: 'i.phone', anonymousId: 'c.anonymous_id', cartId: 'c.cart_id', since: 'c.updated_at' });

async function one(db: Sql, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number | null }>(sql, params);
  return Number(row?.n ?? 0);
}

export async function summarize(db: Sql, now: Date, idleMinutes: number): Promise<Summary> {
  const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR);
  const hours = await db.query<{ hour: string; n: number }>(
    'SELECT substr(received_at, 1, 13) AS hour, count(*) AS n FROM events WHERE received_at >= $1 GROUP BY substr(received_at, 1, 13)',
    [since.toISOString()],
  );
  const perHour = new Map(hours.map((h) => [h.hour, Number(h.n)]));
  const eventsPerHour = Array.from({ length: 24 }, (_, i) => {
    const hour = new Date(since.getTime() + i * HOUR).toISOString();
    return { hour, count: perHour.get(hour.slice(0, 13)) ?? 0 };
  });
  const byType = await db.query<{ type: string; n: number }>('SELECT type, count(*) AS n FROM events GROUP BY type');
  const revenue = await db.query<{ currency: string | null; value: number }>(
    `SELECT currency, sum(value) AS value FROM orders o WHERE value IS NOT NULL AND ${ORDER_STANDS} GROUP BY currency ORDER BY currency`,
  );
  const top = await db.query<{ product_key: string; name: string | null; adds: number; quantity: number }>(
    'SELECT product_key, max(name) AS name, sum(adds) AS adds, sum(quantity) AS quantity FROM product_adds GROUP BY product_key ORDER BY sum(adds) DESC, product_key LIMIT 10',
  );
  const phoneJoin = `JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id AND i.phone IS NOT NULL`;
  return {
    generatedAt: now.toISOString(),
    events: {
      total: byType.reduce((sum, r) => sum + Number(r.n), 0),
      last24h: eventsPerHour.reduce((sum, h) => sum + h.count, 0),
      byType: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
    },
    eventsPerHour,
    funnel: {
      carts: await one(db, 'SELECT count(*) AS n FROM carts c'),
      withPhone: await one(db, `SELECT count(*) AS n FROM carts c ${phoneJoin}`),
      ordered: await one(db, `SELECT count(*) AS n FROM carts c ${phoneJoin} WHERE ${orderedCart}`),
    },
    abandoned: { count: await one(db, `SELECT count(*) AS n ${abandonedFromWhere}`, [cutoffOf(now, idleMinutes), '']), idleMinutes },
    orders: {
      count: await one(db, 'SELECT count(*) AS n FROM orders'),
      revenue: revenue.map((r) => ({ currency: r.currency ?? '', value: Number(r.value) })),
    },
    topProducts: top.map((t) => ({ product: t.product_key.replace(/\|$/, ''), name: t.name, adds: Number(t.adds), quantity: Number(t.quantity) })),
    identities: {
      total: await one(db, 'SELECT count(*) AS n FROM identities'),
      withPhone: await one(db, 'SELECT count(*) AS n FROM identities WHERE phone IS NOT NULL'),
      consenting: await one(db, 'SELECT count(*) AS n FROM identities WHERE phone IS NOT NULL AND phone_consent = 1'),
    },
  };
}

export interface AbandonedCart {
  writeKey: string;
  cartId: string;
  anonymousId: string;
  phone: string;
  currency: string | null;
  value: number | null;
  itemCount: number;
  products: Record<string, unknown>[];
  updatedAt: string;
  checkoutStartedAt: string | null;
}

// $1: idle cutoff (ISO), $2: write key or ''.
const abandonedFromWhere = `FROM carts c JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id
  WHERE i.phone IS NOT NULL AND i.phone_consent = 1 AND c.item_count > 0 AND c.updated_at < $1
    AND (CAST($2 AS TEXT) = '' OR c.write_key = $2) AND NOT ${orderedCart}`;

const cutoffOf = (now: Date, idleMinutes: number) => new Date(now.getTime() - idleMinutes * 60_000).toISOString();

/** Carts with a consenting phone, no order since, idle for longer than `idleMinutes`. */
export async function abandonedCarts(db: Sql, now: Date, idleMinutes: number, writeKey?: string, limit = 500): Promise<AbandonedCart[]> {
  const cutoff = cutoffOf(now, idleMinutes);
  const rows = await db.query<Record<string, any>>(
    `SELECT c.write_key, c.cart_id, c.anonymous_id, i.phone, c.currency, c.value, c.item_count, c.products, c.updated_at, c.checkout_started_at
     ${abandonedFromWhere} ORDER BY c.updated_at DESC LIMIT $3`,
    [cutoff, writeKey ?? '', limit],
  );
  return rows.map((r) => ({
    writeKey: r.write_key,
    cartId: r.cart_id,
    anonymousId: r.anonymous_id,
    phone: r.phone,
    currency: r.currency,
    value: r.value === null ? null : Number(r.value),
    itemCount: Number(r.item_count),
    products: JSON.parse(r.products),
    updatedAt: r.updated_at,
    checkoutStartedAt: r.checkout_started_at,
  }));
}
