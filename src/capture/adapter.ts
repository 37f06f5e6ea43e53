// The seam between the capture core (every page) and a platform adapter (dist/lazy/shopify.mjs,
// dist/lazy/woocommerce.mjs, loaded only on that platform). The core sees every cart request and
// form post from the first moment and keeps what it saw until the adapter has arrived; the adapter
// only reads the platform's cart.
import type { Cart } from './cart.js';

export interface PlatformAdapter {
  /** The shopper's cart as the platform has it now, read with the page's own (unwrapped) fetch. */
  readCart(fetch: typeof globalThis.fetch, win: any): Promise<Cart | undefined>;
  /** Response headers of a cart request the page made (WooCommerce's Cart-Token and Nonce). */
  remember(header: (name: string) => string | null): void;
}
