// What happens in the store once an upsell is accepted: a pluggable handler.
//  - WooCommerce: a signed "restore" URL on the store; the Homing WordPress plugin
//    (examples/woocommerce/plugin) checks the signature, puts the product at the offered price in a
//    new cart and sends the shopper to checkout.
//  - Webhook: a signed JSON POST to the store's own endpoint (X-Homing-Signature: sha256=<hex>).
//  - None: the upsell is only recorded (the store reads it from the dashboard/summary).
// Chosen from HOMING_OFFERS_WOOCOMMERCE_URL(+_SECRET) or HOMING_OFFERS_WEBHOOK_URL(+_SECRET).
import { createHmac } from 'node:crypto';
import type { FeatureContext } from '../feature.js';

export interface AcceptedUpsell {
  write_key: string;
  order_id: string;
  offer_id: string;
  product_id: string;
  variant?: string;
  quantity: number;
  unit_price: number;
  value: number;
  currency: string;
  /** Epoch ms; the store should refuse the action after it. */
  expires_at: number;
}

export type OfferAction =
  | { type: 'redirect'; url: string }
  | { type: 'webhook'; status: number | 'failed' }
  | { type: 'none' };

export type OfferActionHandler = (upsell: AcceptedUpsell, ctx: FeatureContext) => Promise<OfferAction>;

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

/**
 * `{store}/?homing_upsell=<base64url JSON>&homing_sig=<hex HMAC-SHA256>`: the plugin verifies
 * with hash_equals and the same secret, so neither price nor product can be changed in the URL.
 */
export function wooCommerceRestoreHandler(storeUrl: string, secret: string): OfferActionHandler {
  return async (upsell) => {
    const payload = Buffer.from(
      JSON.stringify({ o: upsell.order_id, f: upsell.offer_id, p: upsell.product_id, v: upsell.variant ?? '', q: upsell.quantity, a: upsell.unit_price, c: upsell.currency, e: Math.floor(upsell.expires_at / 1000) + 3600 }),
    ).toString('base64url');
    const url = new URL(storeUrl);
    url.searchParams.set('homing_upsell', payload);
    url.searchParams.set('homing_sig', sign(secret, payload));
    return { type: 'redirect', url: url.toString() };
  };
}

export function webhookHandler(endpoint: string, secret: string, fetchImpl: typeof fetch = fetch): OfferActionHandler {
  return async (upsell, ctx) => {
    const body = JSON.stringify({ type: 'upsell.accepted', upsell });
    try {
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-homing-signature': `sha256=${sign(secret, body)}` },
        body,
        signal: AbortSignal.timeout(5000),
      });
      return { type: 'webhook', status: response.status };
    } catch (error) {
      ctx.log.warn(`offers: webhook ${endpoint} failed: ${String(error)}`);
      return { type: 'webhook', status: 'failed' };
    }
  };
}

export const noAction: OfferActionHandler = async () => ({ type: 'none' });

export function actionHandlerFromEnv(env: Record<string, string | undefined>, fallbackSecret: () => string): OfferActionHandler {
  if (env.HOMING_OFFERS_WOOCOMMERCE_URL) {
    return wooCommerceRestoreHandler(env.HOMING_OFFERS_WOOCOMMERCE_URL, env.HOMING_OFFERS_WOOCOMMERCE_SECRET || fallbackSecret());
  }
  if (env.HOMING_OFFERS_WEBHOOK_URL) return webhookHandler(env.HOMING_OFFERS_WEBHOOK_URL, env.HOMING_OFFERS_WEBHOOK_SECRET || fallbackSecret());
  return noAction;
}
