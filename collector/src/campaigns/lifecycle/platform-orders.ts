// Orders the store's platform confirmed through a signed webhook (../../webhooks/apply.ts): the
// platform's shopper (whose identity holds the phone the platform gave), the platform's lines and
// when it was placed. Review requests go only for these. A browser's `Order Completed` is written
// with the public write key: its phone, order id and product names may be anyone's, and whoever
// records an order id first owns its `orders` row. A store without platform webhooks has none.
import type { Sql } from '../../feature.js';
import type { HomingEvent } from '../../webhooks/facts.js';

export const platformOrdersMigration = `CREATE TABLE campaigns_platform_orders (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    products TEXT NOT NULL,
    placed_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  )`;

/** Records the order a verified webhook's `Order Completed` names; a later delivery's lines win. */
export async function recordPlatformOrder(db: Pick<Sql, 'run'>, writeKey: string, events: HomingEvent[]): Promise<void> {
  const placed = events.find((e) => e.type === 'track' && e.event === 'Order Completed');
  const properties = (placed?.properties ?? {}) as { order_id?: unknown; products?: unknown };
  if (!placed || typeof placed.anonymousId !== 'string' || typeof placed.timestamp !== 'string' || typeof properties.order_id !== 'string') return;
  await db.run(
    `INSERT INTO campaigns_platform_orders (write_key, order_id, anonymous_id, products, placed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (write_key, order_id) DO UPDATE SET anonymous_id = excluded.anonymous_id, products = excluded.products`,
    [writeKey, properties.order_id, placed.anonymousId, JSON.stringify(Array.isArray(properties.products) ? properties.products : []), placed.timestamp],
  );
}

/** The platform's lines of the order, or undefined when no signed webhook confirmed it. */
export async function platformOrderLines(db: Pick<Sql, 'query'>, writeKey: string, orderId: string): Promise<Record<string, unknown>[] | undefined> {
  const [order] = await db.query<{ products: string }>('SELECT products FROM campaigns_platform_orders WHERE write_key = $1 AND order_id = $2', [writeKey, orderId]);
  return order ? (JSON.parse(order.products) as Record<string, unknown>[]) : undefined;
}
