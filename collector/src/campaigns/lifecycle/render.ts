// Where a lifecycle message leads, and what it says besides the common placeholders. As everywhere in
// campaigns, nothing a browser sent reaches the text: a product's name comes from the store's offer
// rules (its own catalogue of names), else the text goes without it; links lead under the store's URL.
import type { FeatureContext } from '../../feature.js';
import { cartRestoreUrl, productUrl, type CartLine, type StoreTarget } from '../../links/restore-url.js';
import { isUnder } from '../../links/on-store.js';
import { loadOfferRules } from '../../offers/rules.js';
import type { StepConfig } from '../config.js';
import { NothingToSend, type OutboxRow } from '../render.js';
import { platformOrderLines } from './platform-orders.js';
import { reviewLink } from './review-link.js';
import type { LifecycleCampaign } from './settings.js';

export interface LifecycleTarget {
  target: string;
  values: Record<string, string>;
}

export interface LifecycleRender {
  store: StoreTarget;
  step: StepConfig;
  lang: string;
  now: Date;
  /** The step's discount code (made only once there is something to send). */
  code(): Promise<string>;
}

type Line = CartLine & { category?: unknown };

async function orderOf(ctx: FeatureContext, row: OutboxRow): Promise<{ products: Line[]; status: string | null }> {
  const [order] = await ctx.db.query<{ products: string; status: string | null }>('SELECT products, status FROM orders WHERE write_key = $1 AND order_id = $2', [row.write_key, row.subject_id]);
  if (!order) throw new NothingToSend('the order is gone', true);
  return { products: JSON.parse(order.products), status: order.status };
}

export async function lifecycleTarget(ctx: FeatureContext, row: OutboxRow & { campaign: LifecycleCampaign }, r: LifecycleRender): Promise<LifecycleTarget> {
  if (row.campaign === 'replenishment') {
    const [{ detail } = { detail: null }] = await ctx.db.query<{ detail: string | null }>('SELECT detail FROM campaigns_outbox WHERE id = $1', [row.id]);
    const key = detail ?? '';
    const { products } = await orderOf(ctx, row);
    const line = products.find((p) => String(p.product_id) === key || `category:${String(p.category)}` === key);
    if (!line?.product_id) throw new NothingToSend('the product is no longer in the order', true);
    const productId = String(line.product_id);
    const known = (await loadOfferRules(ctx, row.write_key)).flatMap((rule) => rule.offer).find((p) => p.product_id === productId);
    const code = await r.code();
    // Back into the cart, as bought (variant and quantity), or the catalogue's product page.
    const target = known?.url ? productUrl(r.store, known, code, r.now, r.step.discount) : cartRestoreUrl(r.store, [{ ...line, product_id: productId }], code, r.now, r.step.discount);
    if (!isUnder(target, r.store.url)) throw new NothingToSend(`the product URL ${known?.url} is not under the store's URL ${r.store.url}`, false);
    return { target, values: { code, product: known?.name ?? '' } };
  }
  if (row.campaign === 'review_request') {
    const { status } = await orderOf(ctx, row);
    if (status === 'cancelled' || status === 'refunded') throw new NothingToSend(`the order was ${status}`, true);
    // The platform's lines, never a browser's (./platform-orders.ts).
    const products = await platformOrderLines(ctx.db, row.write_key, row.subject_id);
    if (!products) throw new NothingToSend('no signed platform webhook confirmed the order', true);
    if (!products.some((p) => p.product_id !== undefined && p.product_id !== null)) throw new NothingToSend('the order names no product to rate', true);
    const [answered] = await ctx.db.query('SELECT 1 AS answered FROM campaigns_reviews WHERE write_key = $1 AND order_id = $2 LIMIT 1', [row.write_key, row.subject_id]);
    if (answered) throw new NothingToSend('already reviewed', true);
    return { target: reviewLink(ctx, row.write_key, row.subject_id, r.lang), values: {} };
  }
  // Win-back, birthday, VIP: the store with the code applied (an empty cart restore carries it on every platform).
  const code = await r.code();
  return { target: cartRestoreUrl(r.store, [], code, r.now, r.step.discount), values: { code } };
}
