// What a verified platform webhook tells the collector, whatever the platform: Homing events to
// ingest like any others (an identify with the billing phone, Checkout Started, Order Completed with
// the browser's own messageId), and the facts only a signed webhook may set (see db/schema.ts
// platformFacts): the order's status and money, a checkout's recovery URL, that a checkout became an
// order, the shopper's name and the checkout's language.
import type { StoreSettings } from '../campaigns/config.js';
import { toE164 } from '../ingest/phone.js';

/** null: the order stands (again); undefined: unchanged. */
export type OrderStatus = 'cancelled' | 'refunded' | null;

export type HomingEvent = Record<string, unknown> & { messageId: string };

export interface PlatformFacts {
  events: HomingEvent[];
  /** The shopper the events are about, their billing first name and the language they checked out in. */
  shopper?: { anonymousId: string; name?: string; locale?: string };
  /** A checkout's own recovery page (already checked: https, on the store's host). */
  checkout?: { cartId: string; url?: string };
  /** The platform's order: its money wins over a browser's copy. */
  /** `key`: the order key the platform shows only the buyer (it decides who sees the order's offers). */
  /** `fulfilledAt`: when the platform says the order was fulfilled (shipped or delivered). */
  order?: { orderId: string; value?: number; currency?: string; products?: unknown[]; status?: OrderStatus; key?: string; fulfilledAt?: string };
  /** Checkouts (cart ids) that became this order. */
  completedCarts?: string[];
}

export interface MapContext {
  writeKey: string;
  secret: string;
  store: StoreSettings;
  defaultCountry?: string;
  /** The delivery id: ids of events that happen once per delivery derive from it. */
  deliveryId: string;
  now: Date;
}

export const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

export function amount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export const currencyOf = (value: unknown) => (typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : undefined);

/** E.164 with the address's country when the number has no +country code. */
export function phoneOf(raw: unknown, country: unknown, defaultCountry: string | undefined): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const region = typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : defaultCountry;
  return toE164(raw, region) ?? undefined;
}

/** ISO 8601 UTC; platforms write local offsets (Shopify) or UTC without a zone (WooCommerce's *_gmt). */
export function isoTime(value: unknown, assumeUtc = false): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const ms = Date.parse(assumeUtc && !/(Z|[+-]\d\d:?\d\d)$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An https URL on the store's own host (stores.<key>.url) or on one of `extraHosts`; anything else is dropped. */
export function storeUrlOrNothing(value: unknown, store: StoreSettings, extraHosts: string[] = []): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  const hosts = [...extraHosts];
  try {
    if (store.url) hosts.push(new URL(store.url).hostname);
  } catch {
    /* a store URL that does not parse allows nothing */
  }
  return hosts.includes(url.hostname) ? url.toString() : undefined;
}
