// Which requests change a cart. Matched on the URL only (never on bodies), with or without a
// locale prefix (Shopify serves /fr/cart/add.js as well as /cart/add.js:
// https://shopify.dev/docs/api/ajax/reference/cart).
import type { Platform } from '../core/types.js';

const shopifyMutation = /\/cart\/(add|change|update|clear)(\.js|\.json)?$/;
const wooAjaxMutation = /^(add_to_cart|remove_from_cart)$/;
// Store API cart routes (add-item, remove-item, update-item, apply-coupon...) and /batch, also
// under ?rest_route= on sites without pretty permalinks.
const storeApiMutation = /\/wc\/store(\/v\d+)?\/(cart\/[\w-]+|batch)\/?$/;

/** The platform whose cart a request changed, or undefined when it changes none. */
export function cartMutation(url: string, method: string | undefined, extra?: RegExp[]): Platform | undefined {
  if (/^(GET|HEAD)$/i.test(method ?? 'GET')) return undefined;
  const { pathname, searchParams } = new URL(url, location.href);
  if (shopifyMutation.test(pathname)) return 'shopify';
  if (wooAjaxMutation.test(searchParams.get('wc-ajax') ?? '')) return 'woocommerce';
  if (storeApiMutation.test(pathname) || storeApiMutation.test(searchParams.get('rest_route') ?? '')) return 'woocommerce';
  if (extra?.some((pattern) => pattern.test(url))) return 'generic';
  return undefined;
}
