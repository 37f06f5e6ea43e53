// Built to dist/shopify-pixel.iife.js for a Shopify Custom Pixel (Settings → Customer events →
// Add custom pixel): paste the file, then one line with your settings:
//   homingShopifyPixel({ writeKey: 'wk_live_123', collector: 'https://collect.example.com', country: 'IR' });
// `analytics`, `browser` and `init` are the globals Shopify's pixel sandbox provides.
import { registerShopifyPixel } from './index.js';
import type { PixelApi } from './api.js';
import type { PixelConfig } from './map.js';

declare const analytics: PixelApi['analytics'];
declare const browser: PixelApi['browser'];
declare const init: PixelApi['init'];

(self as unknown as { homingShopifyPixel(config: PixelConfig): void }).homingShopifyPixel = (config) => {
  try {
    registerShopifyPixel(config, { analytics, browser, init });
  } catch (error) {
    console.warn(`homing: ${String(error)}`);
  }
};
