// Shopify's webhooks (topic in X-Shopify-Topic). checkouts/create and checkouts/update: a checkout
// with the shopper's phone and SMS consent (Shopify's own checkout asks for it) gets the
// abandoned-cart steps, with Shopify's abandoned_checkout_url as the link. orders/create and
// orders/paid are the order (the browser's messageId, so it counts once); orders/cancelled and
// refunds/create take it out of the revenue; orders/fulfilled (or an order whose fulfillment_status
// is "fulfilled") says when it shipped, which review requests count from.
import { orderMessageId, shortHash } from 'homing/protocol';
import { amount, currencyOf, isoTime, phoneOf, storeUrlOrNothing, text, type HomingEvent, type MapContext, type PlatformFacts } from './facts.js';
import { languageTag } from '../campaigns/locale.js';
import { platformId } from './signature.js';

export const SHOPIFY_TOPICS = new Set(['checkouts/create', 'checkouts/update', 'orders/create', 'orders/paid', 'orders/fulfilled', 'orders/cancelled', 'refunds/create']);

type Json = Record<string, any>;
const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

function productsOf(payload: Json) {
  const lines = Array.isArray(payload.line_items) ? payload.line_items.slice(0, 500) : [];
  return lines.map((raw: unknown) => {
    const line = object(raw);
    return {
      product_id: text(line.product_id),
      variant: text(line.variant_id),
      sku: text(line.sku),
      name: text(line.title ?? line.name, 2000),
      price: amount(line.price),
      quantity: Number.isInteger(line.quantity) && line.quantity >= 0 ? line.quantity : undefined,
    };
  });
}

/** The shopper's phone, whether it may get SMS, name and e-mail, as an identify. */
function identify(payload: Json, ctx: MapContext, anonymousId: string, timestamp: string, withConsent: boolean): HomingEvent | undefined {
  const billing = object(payload.billing_address);
  const shipping = object(payload.shipping_address);
  const customer = object(payload.customer);
  const country = billing.country_code ?? shipping.country_code;
  const smsPhone = phoneOf(payload.sms_marketing_phone, country, ctx.defaultCountry);
  const phone = smsPhone ?? phoneOf(payload.phone ?? billing.phone ?? shipping.phone ?? customer.phone, country, ctx.defaultCountry);
  const traits: Json = {};
  if (phone) traits.phone = phone;
  // Consent is given for the SMS marketing phone specifically (as the Shopify pixel reads it).
  if (phone && withConsent) traits.phone_consent = payload.buyer_accepts_sms_marketing === true && !!smsPhone && smsPhone === phone;
  const name = text(billing.first_name ?? customer.first_name ?? shipping.first_name, 50);
  if (name) traits.first_name = name;
  if (text(payload.email)) traits.email = text(payload.email);
  const emailConsent = emailConsentOf(payload, customer);
  if (traits.email && emailConsent !== undefined) traits.email_consent = emailConsent;
  if (!Object.keys(traits).length) return undefined;
  return { type: 'identify', messageId: `shopify-${ctx.deliveryId}-identify`, anonymousId, timestamp, traits, context: { platform: 'shopify' } };
}

/**
 * Whether the buyer agreed to marketing e-mail at Shopify's checkout: the customer's
 * email_marketing_consent (subscribed, or pending a double opt-in: not yet), else the older
 * buyer_accepts_marketing. Neither present: unknown.
 */
function emailConsentOf(payload: Json, customer: Json): boolean | undefined {
  const state = object(customer.email_marketing_consent).state ?? object(payload.email_marketing_consent).state;
  if (typeof state === 'string') return state === 'subscribed';
  return typeof payload.buyer_accepts_marketing === 'boolean' ? payload.buyer_accepts_marketing : undefined;
}

/** The language the checkout was shown in (Shopify's `customer_locale`, e.g. "he" or "fa-IR"). */
const shopperOf = (payload: Json, anonymousId: string) => ({ anonymousId, name: nameOf(payload), locale: languageTag(payload.customer_locale) });

const nameOf = (payload: Json) => text(object(payload.billing_address).first_name ?? object(payload.customer).first_name ?? object(payload.shipping_address).first_name, 50);

/**
 * The storefront cart a checkout names, as the SDK captured it: the token without a `?key=` part
 * (a credential to the buyer's cart that Homing never keeps, should a payload ever carry one).
 */
const cartTokenOf = (value: unknown) => text(value)?.split('?')[0] || undefined;

/** The cart a checkout is: the storefront's cart (what the SDK captured) when Shopify names it. */
const checkoutCart = (ctx: MapContext, cartToken: unknown, checkoutToken: string) => cartTokenOf(cartToken) ?? platformId(ctx.secret, 'shopify-checkout', checkoutToken);

function checkoutFacts(payload: Json, ctx: MapContext): PlatformFacts | string {
  const token = text(payload.token);
  if (!token) return 'the checkout needs a "token"';
  const anonymousId = platformId(ctx.secret, 'shopify-shopper', token);
  const cartId = checkoutCart(ctx, payload.cart_token, token);
  const at = isoTime(payload.updated_at) ?? isoTime(payload.created_at) ?? ctx.now.toISOString();
  const events: HomingEvent[] = [];
  const who = identify(payload, ctx, anonymousId, at, true);
  if (who) events.push(who);
  const facts: PlatformFacts = { events, shopper: shopperOf(payload, anonymousId) };
  if (payload.completed_at) {
    facts.completedCarts = [cartId];
    return facts;
  }
  const currency = currencyOf(payload.presentment_currency ?? payload.currency);
  const value = amount(payload.total_price);
  events.push({
    type: 'track',
    event: 'Checkout Started',
    messageId: `shopify-${ctx.deliveryId}-checkout`,
    anonymousId,
    timestamp: at,
    properties: { cart_id: cartId, checkout_token: token, ...(value !== undefined ? { value } : {}), ...(currency ? { currency } : {}), products: productsOf(payload) },
    context: { platform: 'shopify' },
  });
  const shop = ctx.store.shopify?.shopDomain;
  const hosts = shop && /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop) ? [shop.toLowerCase()] : [];
  facts.checkout = { cartId, url: storeUrlOrNothing(payload.abandoned_checkout_url, ctx.store, hosts) };
  return facts;
}

function orderFacts(payload: Json, ctx: MapContext, topic: string): PlatformFacts | string {
  const orderId = text(payload.id);
  if (!orderId) return 'the order needs an "id"';
  const checkoutToken = text(payload.checkout_token);
  const anonymousId = platformId(ctx.secret, 'shopify-shopper', checkoutToken ?? `order:${orderId}`);
  const at = isoTime(payload.processed_at) ?? isoTime(payload.created_at) ?? ctx.now.toISOString();
  const currency = currencyOf(payload.currency);
  const value = amount(payload.total_price);
  const products = productsOf(payload);
  const carts = [cartTokenOf(payload.cart_token), checkoutToken && platformId(ctx.secret, 'shopify-checkout', checkoutToken)].filter((c): c is string => !!c);
  const events: HomingEvent[] = [];
  const who = identify(payload, ctx, anonymousId, at, false);
  if (who) events.push(who);
  const money = { ...(value !== undefined ? { value } : {}), ...(currency ? { currency } : {}), products };
  const cartId = checkoutToken ? checkoutCart(ctx, payload.cart_token, checkoutToken) : cartTokenOf(payload.cart_token);
  events.push({
    type: 'track',
    event: 'Order Completed',
    messageId: orderMessageId(ctx.writeKey, orderId),
    anonymousId,
    timestamp: at,
    properties: { order_id: orderId, ...(cartId ? { cart_id: cartId } : {}), ...money },
    context: { platform: 'shopify' },
  });
  const facts: PlatformFacts = {
    events,
    shopper: shopperOf(payload, anonymousId),
    // The checkout token is the key only the buyer's thank-you page knows (the pixel sends it as order_key).
    order: { orderId, value, currency, products, ...(checkoutToken ? { key: checkoutToken } : {}) },
    completedCarts: carts,
  };
  if (payload.fulfillment_status === 'fulfilled') {
    const shipped = (Array.isArray(payload.fulfillments) ? payload.fulfillments : []).map((f: unknown) => isoTime(object(f).created_at)).filter(Boolean).sort();
    facts.order!.fulfilledAt = shipped.at(-1) ?? isoTime(payload.updated_at) ?? at;
  }
  if (topic === 'orders/cancelled' || payload.cancelled_at) {
    const cancelledAt = isoTime(payload.cancelled_at) ?? at;
    events.push({ type: 'track', event: 'Order Cancelled', messageId: `order-cancelled-${shortHash(ctx.writeKey)}-${orderId}`, anonymousId, timestamp: cancelledAt, properties: { order_id: orderId, ...money }, context: { platform: 'shopify' } });
    facts.order!.status = 'cancelled';
  } else if (payload.financial_status === 'refunded') facts.order!.status = 'refunded';
  return facts;
}

function refundFacts(payload: Json, ctx: MapContext): PlatformFacts | string {
  const orderId = text(payload.order_id);
  const refundId = text(payload.id);
  if (!orderId || !refundId) return 'the refund needs "id" and "order_id"';
  const at = isoTime(payload.processed_at) ?? isoTime(payload.created_at) ?? ctx.now.toISOString();
  const event: HomingEvent = {
    type: 'track',
    event: 'Order Refunded',
    messageId: `order-refunded-${shortHash(ctx.writeKey)}-${orderId}-${refundId}`,
    anonymousId: platformId(ctx.secret, 'shopify-shopper', `order:${orderId}`),
    timestamp: at,
    properties: { order_id: orderId, refund_id: refundId },
    context: { platform: 'shopify' },
  };
  return { events: [event], order: { orderId, status: 'refunded' } };
}

export function shopifyFacts(topic: string, payload: unknown, ctx: MapContext): PlatformFacts | string {
  const body = object(payload);
  if (topic.startsWith('checkouts/')) return checkoutFacts(body, ctx);
  if (topic === 'refunds/create') return refundFacts(body, ctx);
  return orderFacts(body, ctx, topic);
}
