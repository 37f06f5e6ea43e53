// Shopify's standard pixel events to Homing events (PROTOCOL.md section 4). Pure functions.
import type { HomingEvent, Product } from '../protocol/types.js';
import { toE164 } from '../capture/phone.js';
import { orderMessageId } from '../core/context.js';
import type { PixelCheckout, PixelEvent, PixelVariant } from './api.js';

export interface PixelConfig {
  writeKey: string;
  collector: string;
  /** ISO 3166 alpha-2 region for phone numbers written without a country code. */
  country?: string;
}

/** `gid://shopify/ProductVariant/41002` and `41002` are the same id to Homing. */
const plainId = (id: string | null | undefined) => (id ? String(id).split('/').pop()!.split('?')[0] : undefined);

function product(variant: PixelVariant | null, quantity: number): Product {
  const p: Product = { quantity };
  const productId = plainId(variant?.product?.id);
  const variantId = plainId(variant?.id);
  if (productId) p.product_id = productId;
  if (variantId) p.variant = variantId;
  if (variant?.sku) p.sku = variant.sku;
  if (variant?.product?.title) p.name = variant.product.title;
  if (typeof variant?.price?.amount == 'number') p.price = variant.price.amount;
  if (variant?.product?.url) p.url = variant.product.url;
  if (variant?.image?.src) p.image_url = variant.image.src;
  return p;
}

function context(event: PixelEvent) {
  const doc = event.context?.document;
  return {
    library: { name: 'homing', version: '__HOMING_VERSION__' },
    page: { url: doc?.location?.href, path: doc?.location?.pathname, referrer: doc?.referrer, title: doc?.title },
    userAgent: event.context?.navigator?.userAgent,
    locale: event.context?.navigator?.language,
    platform: 'shopify',
  };
}

const envelope = (event: PixelEvent, messageId: string) => ({
  messageId,
  anonymousId: `shopify-${event.clientId}`,
  timestamp: event.timestamp,
  context: context(event),
});

export function productAdded(event: PixelEvent, cartId: string | undefined): HomingEvent | undefined {
  const line = event.data?.cartLine;
  if (!line?.merchandise) return undefined;
  return {
    type: 'track',
    event: 'Product Added',
    properties: { ...product(line.merchandise, line.quantity), currency: line.merchandise.price?.currencyCode, ...(cartId ? { cart_id: cartId } : {}) },
    ...envelope(event, `shopify-${event.id}`),
  } as HomingEvent;
}

/** The phone the shopper gave at checkout, in E.164, and whether it may get SMS. */
export function contactIdentify(event: PixelEvent, config: PixelConfig): HomingEvent | undefined {
  const checkout: PixelCheckout | undefined = event.data?.checkout;
  if (!checkout) return undefined;
  const region = config.country ?? checkout.shippingAddress?.countryCode ?? checkout.billingAddress?.countryCode ?? undefined;
  const raw = checkout.smsMarketingPhone || checkout.phone || checkout.shippingAddress?.phone || checkout.billingAddress?.phone;
  const phone = raw ? toE164(raw, region) : undefined;
  if (!phone && !checkout.email) return undefined;
  const traits: Record<string, unknown> = {};
  if (phone) {
    traits.phone = phone;
    // SMS consent is given for the SMS marketing phone specifically.
    traits.phone_consent = !!checkout.buyerAcceptsSmsMarketing && !!checkout.smsMarketingPhone && toE164(checkout.smsMarketingPhone, region) == phone;
  }
  if (checkout.email) traits.email = checkout.email;
  return { type: 'identify', traits, ...envelope(event, `shopify-${event.id}`) } as HomingEvent;
}

export function orderCompleted(event: PixelEvent, config: PixelConfig, cartId: string | undefined): HomingEvent | undefined {
  const checkout: PixelCheckout | undefined = event.data?.checkout;
  const orderId = plainId(checkout?.order?.id);
  if (!checkout || !orderId) return undefined;
  const properties: Record<string, unknown> = {
    order_id: orderId,
    products: checkout.lineItems.map((line) => product(line.variant, line.quantity)),
  };
  if (cartId) properties.cart_id = cartId;
  if (checkout.totalPrice) properties.value = checkout.totalPrice.amount;
  const currency = checkout.totalPrice?.currencyCode ?? checkout.currencyCode;
  if (currency) properties.currency = currency;
  // The checkout token is the order key: the collector shows the order's offers only to whoever has it.
  if (checkout.token) properties.order_key = checkout.token;
  // The same messageId as the script tag's orderCompleted(): one order at the collector.
  return { type: 'track', event: 'Order Completed', properties, ...envelope(event, orderMessageId(config.writeKey, orderId)) } as HomingEvent;
}
