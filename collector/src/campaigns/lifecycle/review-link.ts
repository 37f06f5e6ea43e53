// Review links an SMS carries: `{publicUrl}/review/{order}?k={write key}&t={token}&lang={language}`.
// The token (HMAC-SHA256 of write key and order under the collector's secret, 128 bits) proves this
// collector issued the link: nobody can rate another shopper's order. The language only picks words.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeatureContext } from '../../feature.js';
import { offersSecret } from '../../offers/secret.js';

export function reviewToken(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string): string {
  return createHmac('sha256', offersSecret(ctx)).update(`review\n${writeKey}\n${orderId}`).digest().subarray(0, 16).toString('base64url');
}

export function reviewLink(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string, lang?: string): string {
  const url = new URL(`/review/${encodeURIComponent(orderId)}`, ctx.config.publicUrl);
  url.searchParams.set('k', writeKey);
  url.searchParams.set('t', reviewToken(ctx, writeKey, orderId));
  if (lang) url.searchParams.set('lang', lang);
  return url.toString();
}

export function verifyReviewToken(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(reviewToken(ctx, writeKey, orderId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
