// A cart as the protocol describes it, and the difference between two carts (what was added,
// what was removed) keyed by variant. Reading a platform's own cart JSON is the platform
// adapters' part (shopify-cart.ts, woocommerce-cart.ts), loaded only on their platform.
import type { Product } from '../protocol/types.js';

export interface Cart {
  /** The platform's cart identity when it has one (Shopify token, WooCommerce Cart-Token user). */
  id?: string;
  currency?: string;
  value?: number;
  products: Product[];
}

export type Json = Record<string, any>;

/** Drops empty fields: unknown fields are omitted, never guessed (PROTOCOL.md section 4). */
export function known<T extends object>(fields: T): T {
  for (const key in fields) if (fields[key] == null || fields[key] === '') delete fields[key];
  return fields;
}

export const str = (value: unknown): string | undefined => (value == null ? undefined : String(value));

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
