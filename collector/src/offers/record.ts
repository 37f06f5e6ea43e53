// Keeps each order's key (./order-key.ts) and the shopper's interactions with offers (from the
// browser's events) for the report.
import type { FeatureContext, StoredEvent } from '../feature.js';
import { recordOrderKey } from './order-key.js';
import { orderKey, type OrderWaiters } from './wait.js';

// A Map: an event name is browser text ("constructor" is in every object).
const kinds = new Map<unknown, string>([
  ['Promotion Viewed', 'viewed'],
  ['Promotion Clicked', 'clicked'],
  ['Upsell Accepted', 'accepted'],
  ['Upsell Declined', 'declined'],
]);

export async function recordOfferEvents(events: StoredEvent[], ctx: FeatureContext, waiters?: OrderWaiters): Promise<void> {
  for (const event of events) {
    // The core has stored the order by now: keep its key, then answer the offer requests waiting for it.
    if (event.type === 'track' && event.event === 'Order Completed' && event.properties?.order_id != null) {
      await recordOrderKey(event, ctx);
      waiters?.notify(orderKey(event.writeKey, String(event.properties.order_id)));
    }
    const kind = event.type === 'track' ? kinds.get(event.event) : undefined;
    const offerId = event.properties?.promotion_id;
    if (!kind || typeof offerId !== 'string') continue;
    const orderId = event.properties?.order_id;
    await ctx.db.run(
      'INSERT INTO offers_events (write_key, message_id, kind, order_id, offer_id, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [event.writeKey, event.messageId, kind, typeof orderId === 'string' ? orderId : orderId == null ? null : String(orderId), offerId, event.timestamp],
    );
  }
}
