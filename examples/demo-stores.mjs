// The demo's stores: one write key each, and what the collector must know about each store to send
// its recovery SMS (campaigns config `stores.<writeKey>`): its URL (links go back there), its
// platform (how a link refills the cart), its country (only numbers of that country are texted)
// and, for WooCommerce, the secret the Homing plugin verifies restore links with; for the Shopify
// and WooCommerce stores, the secret their platform signs its webhooks with (made anew at each start:
// the demo's backends and the collector are one process). A real store types these into the
// collector's campaigns file once; start.mjs builds it from this list.
import { randomBytes } from 'node:crypto';

export const restoreSecret = process.env.HOMING_OFFERS_WOOCOMMERCE_SECRET ?? 'demo-restore-secret';
const webhookSecret = () => randomBytes(24).toString('base64url');

export const demoStores = {
  wk_shopify: { name: 'Homing Demo (Shopify)', path: '/collections/all', base: '/', platform: 'shopify', country: 'CA', shopify: { webhookSecret: webhookSecret(), shopDomain: 'homing-demo.myshopify.com' } },
  wk_woo: { name: 'Homing Demo (WooCommerce)', path: '/examples/woocommerce/shop/', base: '/examples/woocommerce/shop', platform: 'woocommerce', country: 'IR', restoreSecret, woocommerce: { webhookSecret: webhookSecret() } },
  wk_woo_blocks: { name: 'Homing Demo (WooCommerce blocks)', path: '/examples/woocommerce/blocks/', base: '/examples/woocommerce/blocks', platform: 'woocommerce', country: 'US', restoreSecret, woocommerce: { webhookSecret: webhookSecret() } },
  wk_plain: { name: 'Tea House', path: '/examples/plain/', base: '/examples/plain/', platform: 'generic', country: 'DE' },
  wk_fa: { name: 'چای‌خانه', path: '/examples/plain/fa.html', base: '/examples/plain/fa.html', platform: 'generic', country: 'IR' },
  wk_he: { name: 'בית התה', path: '/examples/plain/he.html', base: '/examples/plain/he.html', platform: 'generic', country: 'IL' },
};

/** The campaigns configuration's `stores` for a demo running at `origin`. */
export function campaignStores(origin) {
  return Object.fromEntries(
    Object.entries(demoStores).map(([writeKey, { name, base, platform, country, restoreSecret: secret, shopify, woocommerce }]) => [
      writeKey,
      { url: new URL(base, origin).href.replace(/\/$/, ''), platform, name, country, ...(secret ? { restoreSecret: secret } : {}), ...(shopify ? { shopify } : {}), ...(woocommerce ? { woocommerce } : {}) },
    ]),
  );
}
