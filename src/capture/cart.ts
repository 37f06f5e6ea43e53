// A cart as the protocol describes it, built from each platform's own cart JSON, and the
// difference between two carts (what was added, what was removed) keyed by variant.
import type { Product } from '../protocol/types.js';
import { fromMinorUnits } from './money.js';

export interface Cart {
  /** The platform's cart identity when it has one (Shopify token, WooCommerce Cart-Token user). */
  id?: string;
  currency?: string;
  value?: number;
  products: Product[];
}

type Json = Record<string, any>;

/** Drops empty fields: unknown fields are omitted, never guessed (PROTOCOL.md section 4). */
function known<T extends object>(fields: T): T {
  for (const key in fields) if (fields[key] == null || fields[key] === '') delete fields[key];
  return fields;
}

const str = (value: unknown): string | undefined => (value == null ? undefined : String(value));
const absolute = (url: unknown): string | undefined => (url ? new URL(String(url), location.href).href : undefined);

/** Shopify `GET /cart.js`: money in cents, always two decimals whatever the currency. */
export function fromShopifyCart(cart: Json): Cart {
  return {
    id: str(cart.token),
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

/** What identifies a cart line: the variant, else the product. */
export const lineKey = (product: Product): string => String(product.variant ?? product.product_id ?? product.sku ?? product.name);

/** What changed between two carts, one entry per variant, `quantity` being the change. */
export function diffCarts(before: Product[], after: Product[]): { added: Product[]; removed: Product[] } {
  const counts = new Map<string, [Product, number]>();
  for (const [list, sign] of [[before, -1], [after, 1]] as const)
    for (const product of list) counts.set(lineKey(product), [product, (counts.get(lineKey(product))?.[1] ?? 0) + sign * (product.quantity ?? 1)]);
  const added: Product[] = [];
  const removed: Product[] = [];
  for (const [product, change] of counts.values()) {
    if (change > 0) added.push({ ...product, quantity: change });
    if (change < 0) removed.push({ ...product, quantity: -change });
  }
  return { added, removed };
}
