// WooCommerce's order webhooks (topics order.created and order.updated) carry the REST API v3 order
// object. An order awaiting payment (pending) is a checkout the shopper left: it gets the
// abandoned-cart steps with WooCommerce's pay-for-order page as the link. processing, completed and
// on-hold are orders; cancelled and failed are not; refunded leaves the revenue.
import { orderMessageId, shortHash } from 'homing/protocol';
import { amount, currencyOf, isoTime, phoneOf, storeUrlOrNothing, text, type HomingEvent, type MapContext, type PlatformFacts } from './facts.js';
import { languageTag } from '../campaigns/locale.js';
import { platformId } from './signature.js';
import { parseBirthday } from '../campaigns/lifecycle/birthdays.js';

const ORDERED = new Set(['processing', 'completed', 'on-hold', 'refunded']);
const NOT_ORDERED = new Set(['cancelled', 'failed']);
export const WOOCOMMERCE_TOPICS = new Set(['order.created', 'order.updated']);

type Json = Record<string, any>;
const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** The Homing plugin saves the checkout's consent boxes as order meta `_homing_sms_consent` (and `_homing_email_consent`). */
function consentOf(order: Json, key = '_homing_sms_consent'): boolean | undefined {
  const meta = Array.isArray(order.meta_data) ? order.meta_data.find((m: unknown) => object(m).key === key) : undefined;
  const value = object(meta).value;
  if (value === true || value === 1 || value === '1' || value === 'yes' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'no' || value === 'false' || value === '') return false;
  return undefined;
}

/** The Homing plugin saves the checkout's optional birthday as order meta `_homing_birthday` ("MM-DD" or "YYYY-MM-DD"). */
function birthdayOf(order: Json): string | undefined {
  const meta = Array.isArray(order.meta_data) ? order.meta_data.find((m: unknown) => object(m).key === '_homing_birthday') : undefined;
  const value = object(meta).value;
  return parseBirthday(value) ? String(value).trim() : undefined;
}

/**
 * The language the order was placed in: `_homing_locale` (the Homing plugin saves the checkout's
 * locale), else WPML's `wpml_language`. WooCommerce itself keeps none.
 */
function localeOf(order: Json): string | undefined {
  const meta = Array.isArray(order.meta_data) ? order.meta_data.map(object) : [];
  for (const key of ['_homing_locale', 'wpml_language']) {
    const tag = languageTag(meta.find((m) => m.key === key)?.value);
    if (tag) return tag;
  }
  return undefined;
}

function productsOf(order: Json) {
  const lines = Array.isArray(order.line_items) ? order.line_items.slice(0, 500) : [];
  return lines.map((raw: unknown) => {
    const line = object(raw);
    const quantity = Number.isInteger(line.quantity) && line.quantity >= 0 ? line.quantity : undefined;
    return {
      product_id: text(line.product_id),
      variant: line.variation_id ? text(line.variation_id) : undefined,
      sku: text(line.sku),
      name: text(line.name, 2000),
      price: amount(line.price),
      quantity,
    };
  });
}

/** The order's pay-for-order page, only on the store's own host. */
function payUrl(order: Json, ctx: MapContext): string | undefined {
  const given = storeUrlOrNothing(order.payment_url, ctx.store);
  if (given) return given;
  if (!ctx.store.url || typeof order.order_key !== 'string' || !/^wc_order_[A-Za-z0-9]+$/.test(order.order_key)) return undefined;
  const url = new URL(`${ctx.store.url.replace(/\/+$/, '')}/checkout/order-pay/${encodeURIComponent(String(order.id))}/`);
  url.searchParams.set('pay_for_order', 'true');
  url.searchParams.set('key', order.order_key);
  return storeUrlOrNothing(url.toString(), ctx.store);
}

export function wooOrderFacts(payload: unknown, ctx: MapContext): PlatformFacts | string {
  const order = object(payload);
  const orderId = text(order.id);
  const status = text(order.status, 40);
  if (!orderId || !status) return 'the order needs "id" and "status"';
  const billing = object(order.billing);
  const created = isoTime(order.date_created_gmt, true) ?? ctx.now.toISOString();
  const modified = isoTime(order.date_modified_gmt, true) ?? created;
  const anonymousId = platformId(ctx.secret, 'wc-shopper', orderId);
  const cartId = platformId(ctx.secret, 'wc-checkout', orderId);
  const currency = currencyOf(order.currency);
  const value = amount(order.total);
  const products = productsOf(order);
  const name = text(billing.first_name, 50);
  const phone = phoneOf(billing.phone, billing.country, ctx.defaultCountry);
  const consent = consentOf(order);
  const base = { anonymousId, context: { platform: 'woocommerce' } };

  const events: HomingEvent[] = [];
  const traits: Json = {};
  if (phone) traits.phone = phone;
  if (phone && consent !== undefined) traits.phone_consent = consent;
  if (name) traits.first_name = name;
  if (text(billing.email)) traits.email = text(billing.email);
  const emailConsent = consentOf(order, '_homing_email_consent');
  if (traits.email && emailConsent !== undefined) traits.email_consent = emailConsent;
  const birthday = birthdayOf(order);
  if (birthday) traits.birthday = birthday;
  if (Object.keys(traits).length) events.push({ type: 'identify', messageId: `wc-${ctx.deliveryId}-identify`, timestamp: modified, traits, ...base });

  const facts: PlatformFacts = { events, shopper: { anonymousId, name, locale: localeOf(order) } };
  const money = { ...(value !== undefined ? { value } : {}), ...(currency ? { currency } : {}), products };
  if (status === 'pending') {
    events.push({ type: 'track', event: 'Checkout Started', messageId: `wc-${ctx.deliveryId}-checkout`, timestamp: modified, properties: { cart_id: cartId, ...money }, ...base });
    facts.checkout = { cartId, url: payUrl(order, ctx) };
  } else if (ORDERED.has(status)) {
    const paid = isoTime(order.date_paid_gmt, true) ?? created;
    events.push({ type: 'track', event: 'Order Completed', messageId: orderMessageId(ctx.writeKey, orderId), timestamp: paid, properties: { order_id: orderId, cart_id: cartId, ...money }, ...base });
    // WooCommerce sends the whole order on every change: its status is the truth (a reinstated order stands again).
    const key = typeof order.order_key === 'string' && /^wc_order_[A-Za-z0-9]+$/.test(order.order_key) ? order.order_key : undefined;
    facts.order = { orderId, value, currency, products, status: null, ...(key ? { key } : {}) };
    facts.completedCarts = [cartId];
    // WooCommerce's "completed" is the order fulfilled (shipped or delivered): review requests count from it.
    if (status === 'completed') facts.order.fulfilledAt = isoTime(order.date_completed_gmt, true) ?? modified;
    if (status === 'refunded') {
      events.push({ type: 'track', event: 'Order Refunded', messageId: `order-refunded-${shortHash(ctx.writeKey)}-${orderId}`, timestamp: modified, properties: { order_id: orderId, ...money }, ...base });
      facts.order.status = 'refunded';
    }
  } else if (NOT_ORDERED.has(status)) {
    events.push({ type: 'track', event: 'Order Cancelled', messageId: `order-cancelled-${shortHash(ctx.writeKey)}-${orderId}`, timestamp: modified, properties: { order_id: orderId, status, ...money }, ...base });
    facts.order = { orderId, status: 'cancelled' };
    // WooCommerce cannot take payment for a cancelled order: its link restores the cart instead.
    if (status === 'cancelled') facts.checkout = { cartId, url: undefined };
  }
  return facts;
}
