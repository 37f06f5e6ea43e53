// The `context` every event carries (PROTOCOL.md section 3), read when the event happens.
import type { EventContext } from '../protocol/types.js';
import type { ConsentState, Platform } from './types.js';

export const LIBRARY = { name: 'homing', version: '__HOMING_VERSION__' };

export const pageProperties = () => ({ url: location.href, path: location.pathname, referrer: document.referrer, title: document.title, lang: document.documentElement.lang });

/** Builds `context` for one event; what cannot change during a page's life is read once. */
export function contextFactory(platform: Platform, locale: string | undefined): (consent: ConsentState) => EventContext {
  const fixed = { library: LIBRARY, userAgent: navigator.userAgent, locale: locale ?? navigator.language, platform };
  return (consent) => ({ ...fixed, page: pageProperties(), consent: { analytics: consent === 'granted' } });
}

/**
 * The IANA time zone (the collector's SMS quiet hours use it). The first use of Intl costs
 * ~20 ms of main thread on a mid-range machine (ICU data), more than everything else Homing does
 * on load, so the answer is kept with the UTC offset it was read at and read again only when
 * that offset moved (travel, daylight saving).
 */
export function timeZone(saved: [number, string] | undefined): [number, string] {
  const offset = new Date().getTimezoneOffset();
  return saved?.[0] === offset ? saved : [offset, Intl.DateTimeFormat().resolvedOptions().timeZone];
}

/**
 * Shopify and WooCommerce themes announce themselves (globals, body classes, WooCommerce's own
 * scripts); anything else is generic. Asked again when it matters: from <head>, the body and
 * WooCommerce's globals may not exist yet.
 */
export function detectPlatform(): Platform {
  const w = window as unknown as Record<string, unknown>;
  if (w.Shopify) return 'shopify';
  if (w.wc || w.woocommerce_params || w.wc_add_to_cart_params || document.querySelector('body.woocommerce,body.woocommerce-page,script[src*="/woocommerce/"]')) return 'woocommerce';
  return 'generic';
}

export { orderMessageId, shortHash } from '../protocol/ids.js';
