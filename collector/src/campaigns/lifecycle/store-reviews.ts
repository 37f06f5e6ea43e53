// Reviews handed to the store as product reviews. WooCommerce: the Homing plugin takes
// POST {store}/?homing_reviews=1 with form fields payload (base64url JSON) and sig (hex
// HMAC-SHA256 of payload with the restore secret, like the restore links). Claims: o order id,
// r [[product id, rating 1-5, comment]], e expiry (Unix time). The plugin checks the signature, that
// the products are the order's, and writes each review once (the order's billing name as author,
// marked as a verified owner). A review is marked sent only on a 2xx; the others go with the next answer.
import { createHmac } from 'node:crypto';
import type { FeatureContext } from '../../feature.js';
import type { CampaignsConfig } from '../config.js';
import { storeSettings } from '../stores.js';

const TIMEOUT_MS = 5_000;

export function signedReviews(secret: string, orderId: string, reviews: [string, number, string][], now: Date): { payload: string; sig: string } {
  const payload = Buffer.from(JSON.stringify({ o: orderId, r: reviews, e: Math.floor(now.getTime() / 1000) + 3600 })).toString('base64url');
  return { payload, sig: createHmac('sha256', secret).update(payload).digest('hex') };
}

export async function sendReviewsToStore(ctx: FeatureContext, config: CampaignsConfig, writeKey: string): Promise<number> {
  const settings = storeSettings(config, writeKey);
  const woocommerce = settings.platform === 'woocommerce' || !!settings.woocommerce;
  if (!woocommerce || !settings.url || !settings.restoreSecret) return 0;
  const rows = await ctx.db.query<{ order_id: string; product_id: string; rating: number; comment: string | null }>(
    'SELECT order_id, product_id, rating, comment FROM campaigns_reviews WHERE write_key = $1 AND sent_to_store_at IS NULL ORDER BY order_id, product_id LIMIT 200',
    [writeKey],
  );
  const byOrder = new Map<string, [string, number, string][]>();
  for (const r of rows) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), [r.product_id, Number(r.rating), r.comment ?? '']]);
  let sent = 0;
  for (const [orderId, reviews] of byOrder) {
    const now = ctx.now();
    const url = new URL(`${settings.url.replace(/\/+$/, '')}/`);
    url.searchParams.set('homing_reviews', '1');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signedReviews(settings.restoreSecret, orderId, reviews, now)).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status < 200 || response.status > 299) {
      ctx.log.warn(`campaigns: the store answered ${response.status} to the reviews of order ${orderId}`);
      continue;
    }
    await ctx.db.run('UPDATE campaigns_reviews SET sent_to_store_at = $1 WHERE write_key = $2 AND order_id = $3 AND sent_to_store_at IS NULL', [now.toISOString(), writeKey, orderId]);
    sent += reviews.length;
  }
  return sent;
}
