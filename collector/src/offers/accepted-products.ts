// The products a shopper took as upsells with an order: those the store confirmed (offers_accepted)
// and those of the order's `Upsell Accepted` events, whose promotion_id is the offer's id
// (`{rule id}~{product id}`, ./choose.ts), matched against the rules so an id is never guessed apart.
import type { FeatureContext } from '../feature.js';
import type { OfferRule } from './types.js';

export async function acceptedProducts(ctx: FeatureContext, writeKey: string, orderId: string, rules: OfferRule[]): Promise<Set<string>> {
  const confirmed = await ctx.db.query<{ product_id: string }>('SELECT product_id FROM offers_accepted WHERE write_key = $1 AND order_id = $2', [writeKey, orderId]);
  const events = await ctx.db.query<{ offer_id: string }>("SELECT offer_id FROM offers_events WHERE write_key = $1 AND order_id = $2 AND kind = 'accepted'", [writeKey, orderId]);
  const offerIds = new Set(events.map((e) => e.offer_id));
  const products = new Set(confirmed.map((r) => r.product_id));
  for (const rule of rules) {
    for (const product of rule.offer) if (offerIds.has(`${rule.id}~${product.product_id}`)) products.add(product.product_id);
  }
  return products;
}
