// Both platforms sign a webhook the same way: base64 of HMAC-SHA256 over the raw body, keyed with
// the store's webhook secret (WooCommerce: X-WC-Webhook-Signature, Shopify: X-Shopify-Hmac-Sha256).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Constant-time: the comparison takes as long whatever the first wrong character. */
export function validSignature(secret: string, body: Buffer, header: unknown): boolean {
  if (typeof header !== 'string' || !header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * An id for a shopper, cart or checkout known only from a webhook, derived from the store's secret:
 * nobody holding only the public write key can guess it and send browser events in its name.
 */
export function platformId(secret: string, kind: string, id: string): string {
  return `${kind}-${createHmac('sha256', secret).update(`${kind}:${id}`).digest('hex').slice(0, 24)}`;
}
