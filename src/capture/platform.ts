// Which storefront this page belongs to, from what each platform itself puts on every page.
import type { Platform } from '../core/types.js';

export function detectPlatform(win: any = window): Platform {
  if (win.Shopify?.shop || win.Shopify?.routes) return 'shopify';
  const body = win.document.body?.classList;
  if (win.wc_add_to_cart_params || win.woocommerce_params || win.wcSettings || body?.contains('woocommerce') || body?.contains('woocommerce-page')) return 'woocommerce';
  return 'generic';
}
