// Offers belong to the buyer. The write key is public and order ids are easy to guess (WooCommerce
// numbers them), so an order's offers are listed and accepted only by whoever presents the order
// key the platform shows the buyer alone: WooCommerce's `wc_order_...` (in the order-received URL),
// Shopify's checkout token. The thank-you page sends it with `Order Completed` (`order_key`); the
// first key recorded for an order is the one that counts, kept as its digest (../ingest/order-key.ts).
//
// Trade-off: without a platform webhook telling the collector the real key, whoever records an order
// first sets its key. Somebody who sends `Order Completed` for an order id before the buyer's page
// does gets that order's offers and locks the buyer out of them; they cannot reach the offers of an
// order already recorded. A store's signed platform webhook (../webhooks/) sets the real key over
// whatever was recorded first.
import type { FeatureContext, Sql, StoredEvent } from '../feature.js';
import { orderKeyDigest } from '../ingest/order-key.js';

/** Keeps the first order key of each order (events carry it as a digest already). */
export async function recordOrderKey(event: StoredEvent, ctx: FeatureContext): Promise<void> {
  const digest = event.properties?.order_key;
  const orderId = event.properties?.order_id;
  if (typeof digest !== 'string' || !digest.startsWith('sha256:') || orderId == null) return;
  await ctx.db.run('INSERT INTO offers_order_keys (write_key, order_id, key_digest, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    event.writeKey,
    String(orderId),
    digest,
    event.receivedAt,
  ]);
}

/** True when `key` is the order key first recorded for the order. */
export async function isOrderKey(ctx: FeatureContext, writeKey: string, orderId: string, key: unknown): Promise<boolean> {
  if (typeof key !== 'string' || !key || key.length > 500) return false;
  const rows = await ctx.db.query('SELECT 1 AS ok FROM offers_order_keys WHERE write_key = $1 AND order_id = $2 AND key_digest = $3', [writeKey, orderId, orderKeyDigest(key)]);
  return rows.length > 0;
}

/** The key a signed platform webhook gave for the order: it replaces any key recorded before. */
export async function setPlatformOrderKey(db: Sql, writeKey: string, orderId: string, key: string, at: string): Promise<void> {
  await db.run(
    `INSERT INTO offers_order_keys (write_key, order_id, key_digest, recorded_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (write_key, order_id) DO UPDATE SET key_digest = excluded.key_digest, recorded_at = excluded.recorded_at`,
    [writeKey, orderId, orderKeyDigest(key), at],
  );
}
