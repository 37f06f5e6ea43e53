// `homing/shopify-pixel`: Shopify runs no script tag on its checkout, thank-you and order-status
// pages, so orders and checkout contact details come from a Shopify pixel (a Custom Pixel pasted in
// the admin, or an app's web pixel extension). This maps the standard events to Homing events
// over the same protocol (POST /v1/batch):
//   product_added_to_cart            → Product Added
//   checkout_contact_info_submitted  → identify {phone (E.164), phone_consent (SMS marketing), email}
//   checkout_completed               → Order Completed (the script tag's messageId for the order) + identify
import type { HomingEvent } from '../protocol/types.js';
import type { PixelApi, PixelEvent } from './api.js';
import { contactIdentify, orderCompleted, productAdded, type PixelConfig } from './map.js';
import { createOutbox } from './outbox.js';

export type { PixelApi, PixelEvent } from './api.js';
export type { PixelConfig } from './map.js';

export function registerShopifyPixel(config: PixelConfig, api: PixelApi, fetchImpl?: typeof fetch): void {
  if (!config?.writeKey || !config.collector) {
    console.warn('homing: the Shopify pixel needs {writeKey, collector}');
    return;
  }
  const outbox = createOutbox(config.collector, config.writeKey, api.browser.localStorage, fetchImpl);
  // The storefront's cart token (the `cart` cookie the theme's /cart.js uses): links the order to the
  // cart Homing captured, so recovery messages for that cart stop. Without its `?key=` part, a
  // credential to the buyer's details (see capture/shopify.lazy.ts).
  const cartId = () =>
    api.browser.cookie.get('cart').then(
      (value) => (value ? decodeURIComponent(value).split('?')[0] : undefined),
      () => undefined,
    );
  const on = (name: string, build: (event: PixelEvent, cart: string | undefined) => (HomingEvent | undefined)[]) =>
    api.analytics.subscribe(name, (event) => {
      cartId()
        .then((cart) => {
          for (const built of build(event, cart)) if (built) void outbox.add(built);
        })
        .catch((error) => console.warn(`homing: ${String(error)}`));
    });

  on('product_added_to_cart', (event, cart) => [productAdded(event, cart)]);
  on('checkout_contact_info_submitted', (event) => [contactIdentify(event, config)]);
  on('checkout_completed', (event, cart) => [contactIdentify(event, config), orderCompleted(event, config, cart)]);
  // Whatever an earlier page could not send.
  void outbox.flush();
}
