// The Shopify adapter (dist/lazy/shopify.mjs), loaded only on Shopify stores: the shopper's cart
// from the AJAX API's `GET /cart.js` (https://shopify.dev/docs/api/ajax/reference/cart).
import type { Product } from '../protocol/types.js';
import type { PlatformAdapter } from './adapter.js';
import { known, str, type Cart, type Json } from './cart.js';
import { fromMinorUnits } from './money.js';

const absolute = (url: unknown): string | undefined => (url ? new URL(String(url), location.href).href : undefined);

/**
 * The cart's token without its `?key=` part: since 2024 `/cart.js` and the `cart` cookie give
 * `c1-…?key=…`, where the key unlocks the buyer's details in that cart (a credential Homing must not
 * keep), while checkouts and their webhooks name the cart by the token alone.
 * https://shopify.dev/changelog/cart-token-in-ajax-api-response-now-includes-key-param
 */
export const cartToken = (token: unknown): string | undefined => str(token)?.split('?')[0];

/** Shopify `GET /cart.js`: money in cents, always two decimals whatever the currency. */
export function fromShopifyCart(cart: Json): Cart {
  return {
    id: cartToken(cart.token),
    currency: cart.currency,
    value: fromMinorUnits(cart.total_price),
    products: (cart.items ?? []).map((item: Json) =>
      known<Product>({
        product_id: str(item.product_id),
        variant: str(item.variant_id ?? item.id),
        sku: item.sku,
        name: item.product_title ?? item.title,
        price: fromMinorUnits(item.final_price ?? item.price),
        quantity: item.quantity,
        url: absolute(item.url),
        image_url: absolute(item.image),
      }),
    ),
  };
}

/** What a cart read means in events (see tracker.ts CartDiff). */
export { diffCarts } from './cart.js';

export const adapter: PlatformAdapter = {
  async readCart(fetch, win) {
    // Same-origin requests carry the shopper's cookies by default: the cart is theirs.
    const response = await fetch(`${win.Shopify?.routes?.root ?? '/'}cart.js`);
    return response.ok ? fromShopifyCart(await response.json()) : undefined;
  },
  remember() {},
};
