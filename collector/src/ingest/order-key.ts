// The order key a platform shows only to the buyer (WooCommerce's `wc_order_...`, Shopify's checkout
// token) proves who may see and accept an order's upsell offers. It also opens the order's page on
// the store, so the collector never keeps it: events carry `order_key` as this digest from the moment
// they arrive, and a key presented later is compared by its digest.
import { createHash } from 'node:crypto';

export function orderKeyDigest(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}
