// Review request: `after` (default 7 days) the order was fulfilled (the platform's signed webhook
// said so, campaigns_fulfillments), else placed, a link to rate each product of it. Only for an order
// the platform confirmed through a signed webhook (./platform-orders.ts), to the phone the platform
// gave for it: a browser's Order Completed may name any order id, phone and products, so a store
// without platform webhooks gets none. Never for an order cancelled or refunded (here, and
// ./stop-rules.ts for one cancelled after it was scheduled), nor for one already reviewed, nor for
// one that names no product.
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { INSERT_WITH_DETAIL, reachable, storeIn, window } from './insert.js';
import { orderLines } from './conditions.js';
import { ORDER_STANDS } from '../../state/ordered.js';

export const reviewed = (writeKey: string, orderId: string) => `EXISTS (SELECT 1 FROM campaigns_reviews cr WHERE cr.write_key = ${writeKey} AND cr.order_id = ${orderId})`;

export async function scheduleReviewRequest(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.review_request;
  if (!settings.enabled || !settings.steps.length) return {};
  const { due, oldest } = window(config, now, durationMs(settings.steps[0]!.after));
  const since = 'COALESCE(f.fulfilled_at, p.placed_at)';
  // Only orders with a product to rate.
  const lines = orderLines(db, 'p', 'rl');
  const { changes } = await db.run(
    `${INSERT_WITH_DETAIL}
     SELECT 'review_request:0:' || p.write_key || ':' || p.order_id, 'review_request', 0, p.write_key, p.order_id, ${since}, p.anonymous_id, i.phone, 'pending', $1, $1, NULL
     FROM campaigns_platform_orders p JOIN orders o ON o.write_key = p.write_key AND o.order_id = p.order_id
       JOIN identities i ON i.write_key = p.write_key AND i.anonymous_id = p.anonymous_id
       LEFT JOIN campaigns_fulfillments f ON f.write_key = p.write_key AND f.order_id = p.order_id
     WHERE ${since} <= $2 AND ${since} >= $3 AND ${ORDER_STANDS} AND ${storeIn('p.write_key', stores, 3)}
       AND ${reachable('p.write_key')} AND NOT ${reviewed('p.write_key', 'p.order_id')}
       AND EXISTS (SELECT 1 FROM ${lines.from} WHERE ${lines.productId} IS NOT NULL)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [now.toISOString(), due, oldest, ...stores],
  );
  return changes ? { 'review_request:0': changes } : {};
}
