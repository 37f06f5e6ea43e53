// Applies what a verified webhook says: its events go through ingest like any others (validated,
// deduplicated on messageId, so the browser's Order Completed and the platform's count once), then
// the facts only a signed webhook may set are written.
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { ingest, type IngestResult } from '../ingest/ingest.js';
import { setPlatformOrderKey } from '../offers/order-key.js';
import { recordPlatformOrder } from '../campaigns/lifecycle/platform-orders.js';
import type { PlatformFacts } from './facts.js';

export async function applyFacts(ctx: FeatureContext, features: CollectorFeature[], writeKey: string, facts: PlatformFacts): Promise<IngestResult> {
  // Fields the payload did not have are left out, as a browser would.
  const events = JSON.parse(JSON.stringify(facts.events)) as unknown[];
  const result = await ingest({ writeKey, events }, ctx, features);
  const now = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    const order = facts.order;
    if (order) {
      // The platform's money and lines win over a browser's copy of the same order.
      await tx.run(
        `UPDATE orders SET value = COALESCE($3, value), currency = COALESCE($4, currency), products = COALESCE($5, products),
           status = CASE WHEN $6 = 'keep' THEN status ELSE $7 END
         WHERE write_key = $1 AND order_id = $2`,
        [
          writeKey,
          order.orderId,
          order.value ?? null,
          order.currency ?? null,
          order.products ? JSON.stringify(order.products) : null,
          order.status === undefined ? 'keep' : 'set',
          order.status ?? null,
        ],
      );
    }
    // The platform's order key is the truth, over whatever key a browser recorded first.
    if (order?.key && features.some((f) => f.name === 'offers')) await setPlatformOrderKey(tx, writeKey, order.orderId, order.key, now);
    // The order as the platform placed it: review requests go to its phone about its lines only.
    if (features.some((f) => f.name === 'campaigns')) await recordPlatformOrder(tx, writeKey, facts.events);
    if (order?.fulfilledAt && features.some((f) => f.name === 'campaigns')) {
      await tx.run('INSERT INTO campaigns_fulfillments (write_key, order_id, fulfilled_at) VALUES ($1, $2, $3) ON CONFLICT (write_key, order_id) DO NOTHING', [writeKey, order.orderId, order.fulfilledAt]);
    }
    if (facts.checkout) {
      await tx.run('UPDATE carts SET checkout_url = $3 WHERE write_key = $1 AND cart_id = $2', [writeKey, facts.checkout.cartId, facts.checkout.url ?? null]);
    }
    for (const cartId of facts.completedCarts ?? []) {
      // The row may not exist yet (the order came before its checkout): a late checkout then finds it completed.
      await tx.run(
        `INSERT INTO carts (write_key, cart_id, products, item_count, created_at, updated_at, completed_at) VALUES ($1, $2, '[]', 0, $3, $3, $3)
         ON CONFLICT (write_key, cart_id) DO UPDATE SET completed_at = COALESCE(carts.completed_at, excluded.completed_at)`,
        [writeKey, cartId, now],
      );
    }
    const shopper = facts.shopper;
    if ((shopper?.name || shopper?.locale) && features.some((f) => f.name === 'campaigns')) {
      await tx.run(
        `INSERT INTO campaigns_shoppers (write_key, anonymous_id, verified_name, checkout_locale, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (write_key, anonymous_id) DO UPDATE SET verified_name = COALESCE(excluded.verified_name, campaigns_shoppers.verified_name),
           checkout_locale = COALESCE(excluded.checkout_locale, campaigns_shoppers.checkout_locale), updated_at = excluded.updated_at`,
        [writeKey, shopper!.anonymousId, shopper!.name ?? null, shopper!.locale ?? null, now],
      );
    }
  });
  return result;
}
