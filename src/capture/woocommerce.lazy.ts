// The WooCommerce adapter (dist/lazy/woocommerce.mjs), loaded only on WooCommerce shops: the
// shopper's cart from the Store API (`GET /wc/store/v1/cart`), with the Cart-Token and Nonce the
// page's own cart requests carried.
import type { Product } from '../protocol/types.js';
import type { PlatformAdapter } from './adapter.js';
import { known, str, type Cart, type Json } from './cart.js';
import { fromMinorUnits } from './money.js';

const HEADERS = ['Cart-Token', 'Nonce'];

/** WooCommerce Store API `GET /wc/store/v1/cart`: money as minor-unit strings, `currency_minor_unit` decimals. */
export function fromStoreApiCart(cart: Json, token?: string | null): Cart {
  const totals = cart.totals ?? {};
  return {
    id: cartIdFromToken(token),
    currency: totals.currency_code,
    value: fromMinorUnits(totals.total_price, totals.currency_minor_unit),
    products: (cart.items ?? []).map((item: Json) =>
      known<Product>({
        product_id: str(item.id),
        variant: item.variation?.length ? str(item.id) : undefined,
        sku: item.sku,
        name: item.name,
        price: fromMinorUnits(item.prices?.price, item.prices?.currency_minor_unit),
        quantity: item.quantity,
        url: item.permalink,
        image_url: item.images?.[0]?.src,
      }),
    ),
  };
}

/**
 * The Store API's Cart-Token is a JWT re-issued with a new expiry on every answer; the session it
 * names (`user_id`) is the stable cart identity.
 */
export function cartIdFromToken(token?: string | null): string | undefined {
  if (!token) return undefined;
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (payload.user_id) return `wc_${payload.user_id}`;
  } catch {
    // not a JWT: the token itself is the identity
  }
  return token;
}

const tokens: Record<string, string | null> = {};

/** What a cart read means in events (see tracker.ts CartDiff). */
export { diffCarts } from './cart.js';

export const adapter: PlatformAdapter = {
  async readCart(fetch, win) {
    const root = win.document.querySelector('link[rel="https://api.w.org/"]')?.href ?? '/wp-json/';
    const headers: Record<string, string> = {};
    for (const name of HEADERS) if (tokens[name]) headers[name] = tokens[name]!;
    const response = await fetch(`${root}wc/store/v1/cart`, { headers });
    if (!response.ok) return undefined;
    tokens['Cart-Token'] = response.headers.get('Cart-Token') ?? tokens['Cart-Token'];
    return fromStoreApiCart(await response.json(), tokens['Cart-Token']);
  },
  remember(header) {
    for (const name of HEADERS) tokens[name] = header(name) ?? tokens[name];
  },
};
