// Picks the upsell offers for an order from the store's rules. Pure: no I/O, no clock of its own,
// no secret (the route signs the result), so campaigns can reuse it for cross-sell messages.
import type { Offer, OfferChoice, OfferOrder, OfferRule } from './types.js';

export type { Offer, OfferRule, OfferOrder } from './types.js';

const DEFAULT_MAX_OFFERS = 3;
const DEFAULT_EXPIRES_IN_MINUTES = 15;

/** `alsoBought`: products the shopper took besides the order's lines (upsells accepted with it). */
export function chooseOffers(order: OfferOrder, rules: OfferRule[], now: Date, alsoBought: Iterable<string> = []): Offer[] {
  const bought = new Set([...order.products.map((p) => p.product_id).filter(Boolean), ...alsoBought]);
  const matched = rules
    .filter((rule) => rule.active !== false && ruleMatches(rule, order))
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.id.localeCompare(b.id));
  const cap = Math.min(DEFAULT_MAX_OFFERS, ...matched.map((rule) => rule.max_offers ?? DEFAULT_MAX_OFFERS));
  const offers: Offer[] = [];
  const offered = new Set<string>();
  for (const rule of matched) {
    let fromRule = 0;
    for (const product of rule.offer) {
      if (offers.length >= cap || fromRule >= (rule.max_offers ?? DEFAULT_MAX_OFFERS)) break;
      // Never offer what the shopper just bought, nor the same product twice.
      if (bought.has(product.product_id) || offered.has(product.product_id)) continue;
      const choices = priceChoices(rule, product);
      if (!choices.length) continue;
      offered.add(product.product_id);
      fromRule++;
      offers.push({
        id: `${rule.id}~${product.product_id}`,
        rule_id: rule.id,
        order_id: order.order_id,
        ...(rule.name ? { title: rule.name } : {}),
        product: {
          product_id: product.product_id,
          name: product.name,
          ...(product.image_url ? { image_url: product.image_url } : {}),
          ...(product.url ? { url: product.url } : {}),
        },
        choices,
        currency: rule.currency,
        ...(rule.discount?.percent ? { discount_percent: rule.discount.percent } : {}),
        max_quantity: Math.max(1, Math.floor(rule.max_quantity ?? 1)),
        expires_at: new Date(now.getTime() + (rule.expires_in_minutes ?? DEFAULT_EXPIRES_IN_MINUTES) * 60_000).toISOString(),
      });
    }
  }
  return offers;
}

function ruleMatches(rule: OfferRule, order: OfferOrder): boolean {
  if (rule.currency !== order.currency) return false;
  if (rule.min_order_value !== undefined && order.value < rule.min_order_value) return false;
  if (rule.max_order_value !== undefined && order.value > rule.max_order_value) return false;
  const productIds = rule.when?.product_ids ?? [];
  const collections = rule.when?.collections ?? [];
  if (!productIds.length && !collections.length) return true;
  return order.products.some(
    (p) => (p.product_id !== undefined && productIds.includes(p.product_id)) || (p.collections ?? []).some((c) => collections.includes(c)),
  );
}

function priceChoices(rule: OfferRule, product: OfferRule['offer'][number]): OfferChoice[] {
  const variants = product.variants?.length ? product.variants : [undefined];
  return variants.flatMap((v) => {
    const regular = v?.price ?? product.price;
    const price = discounted(regular, rule.discount);
    if (!(regular > 0) || !(price >= 0)) return [];
    return [{ ...(v ? { variant: v.variant, name: v.name } : {}), price, regular_price: regular }];
  });
}

/** Rounded to the currency's cents; a zero-decimal currency's whole units stay whole (rounding to 0.01 keeps them). */
function discounted(regular: number, discount: OfferRule['discount']): number {
  let price = regular;
  if (discount?.percent) price = regular * (1 - Math.min(100, Math.max(0, discount.percent)) / 100);
  if (discount?.amount) price = price - discount.amount;
  return Math.max(0, Math.round(price * 100) / 100);
}
