// A made-up order history for a store: the demo shows it, the benchmark times the report on it,
// the tests check the report against it. Deterministic for a seed (mulberry32), written with
// multi-row INSERTs in one transaction, straight into the core tables.
import type { Sql } from '../feature.js';

export interface HistoryIdentity {
  anonymousId: string;
  phone: string | null;
  email: string | null;
  at: string;
}

export interface HistoryOrder {
  orderId: string;
  anonymousId: string;
  value: number;
  currency: string;
  status: 'cancelled' | 'refunded' | null;
  createdAt: string;
}

export interface OrderHistory {
  identities: HistoryIdentity[];
  orders: HistoryOrder[];
}

export interface HistoryOptions {
  seed: number;
  customers: number;
  /** Orders are placed between start and end. */
  start: Date;
  end: Date;
  /** The first is the main one; the second, if any, takes about one order in ten. */
  currencies?: string[];
  /** Prefix of browser ids and order ids, so several histories can share a database. */
  prefix?: string;
}

/** mulberry32: a small seeded generator with a good spread for made-up data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

/**
 * Half the customers are known by phone (one in five of those on a second browser too), a third by
 * email, the rest only by their browser. Each orders once or more, every 1-90 days on average,
 * until the end; about 4% of orders are cancelled and 2% refunded.
 */
export function generateOrderHistory(options: HistoryOptions): OrderHistory {
  const random = seededRandom(options.seed);
  const prefix = options.prefix ?? 'h';
  const currencies = options.currencies ?? ['USD'];
  const start = options.start.getTime();
  const end = options.end.getTime();
  const identities: HistoryIdentity[] = [];
  const orders: HistoryOrder[] = [];
  let orderNumber = 0;
  for (let c = 0; c < options.customers; c++) {
    let at = start + Math.floor(random() * (end - start));
    const kind = random();
    const browsers = [`${prefix}-anon-${c}`];
    const phone = kind < 0.5 ? `+1555${String(c).padStart(7, '0')}` : null;
    const email = kind >= 0.5 && kind < 0.83 ? `Customer${c}@Example.com` : null;
    if (phone && random() < 0.2) browsers.push(`${prefix}-anon-${c}-b`);
    if (phone || email) for (const anonymousId of browsers) identities.push({ anonymousId, phone, email, at: new Date(at).toISOString() });
    // Loyal customers order often, most order a few times.
    const meanGapDays = 1 + random() * 89;
    const basket = 10 + random() * 90;
    do {
      const roll = random();
      orders.push({
        orderId: `${prefix}-order-${++orderNumber}`,
        anonymousId: browsers[Math.floor(random() * browsers.length)]!,
        value: Math.round(basket * (0.5 + random()) * 100) / 100,
        currency: currencies.length > 1 && random() < 0.1 ? currencies[1]! : currencies[0]!,
        status: roll < 0.04 ? 'cancelled' : roll < 0.06 ? 'refunded' : null,
        createdAt: new Date(at).toISOString(),
      });
      at += Math.max(1, Math.round(-Math.log(1 - random()) * meanGapDays * DAY_MS));
    } while (at < end && random() < 0.75);
  }
  return { identities, orders };
}

/** Multi-row INSERTs of at most this many values each (SQLite allows 32,766 parameters). */
const MAX_PARAMS = 8_000;

async function insertRows(tx: Sql, head: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0]!.length;
  const per = Math.floor(MAX_PARAMS / width);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(', ')})`).join(', ');
    await tx.run(`${head} VALUES ${values}`, chunk.flat());
  }
}

export async function insertOrderHistory(db: Sql, writeKey: string, history: OrderHistory): Promise<void> {
  await db.transaction(async (tx) => {
    await insertRows(
      tx,
      'INSERT INTO identities (write_key, anonymous_id, phone, email, first_seen, last_seen)',
      history.identities.map((i) => [writeKey, i.anonymousId, i.phone, i.email, i.at, i.at]),
    );
    await insertRows(
      tx,
      'INSERT INTO orders (write_key, order_id, anonymous_id, value, currency, products, created_at, status)',
      history.orders.map((o) => [writeKey, o.orderId, o.anonymousId, o.value, o.currency, '[]', o.createdAt, o.status]),
    );
  });
}
