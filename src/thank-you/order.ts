// The order a thank-you page shows, as `Order Completed` carries it (PROTOCOL.md section 4).
import type { Product } from '../protocol/types.js';

export interface ThankYouOrder {
  order_id: string;
  /** The key the platform shows only the buyer (WooCommerce `wc_order_...`, Shopify checkout token): the collector shows this order's offers only to whoever has it. */
  order_key?: string;
  cart_id?: string;
  value?: number;
  currency?: string;
  products?: (Product & { collections?: string[] })[];
  [key: string]: unknown;
}

/** Offers a store gives in the page itself (no collector needed): accepting follows `accept_url`. */
export interface InlineOffer {
  id: string;
  title?: string;
  product: { product_id?: string; name: string; image_url?: string; url?: string };
  choices: { variant?: string; name?: string; price: number; regular_price?: number; token?: string; accept_url?: string }[];
  currency: string;
  discount_percent?: number;
  max_quantity?: number;
  expires_at?: string;
}
