// Survey links a shopper can open from an SMS: `{publicUrl}/s/{order}?k={write key}&t={token}&lang={language}`.
// The language (the SMS's own) is not signed: it only chooses the page's words.
// The token (HMAC-SHA256 of write key and order, truncated to 128 bits) proves the link was
// issued by this collector, so nobody can answer for another shopper's order.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeatureContext } from '../feature.js';
import { offersSecret } from '../offers/secret.js';

export function surveyToken(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string): string {
  return createHmac('sha256', offersSecret(ctx)).update(`survey\n${writeKey}\n${orderId}`).digest().subarray(0, 16).toString('base64url');
}

export function surveyLink(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string, lang?: string): string {
  const url = new URL(`/s/${encodeURIComponent(orderId)}`, ctx.config.publicUrl);
  url.searchParams.set('k', writeKey);
  url.searchParams.set('t', surveyToken(ctx, writeKey, orderId));
  if (lang) url.searchParams.set('lang', lang);
  return url.toString();
}

export function verifySurveyToken(ctx: Pick<FeatureContext, 'config'>, writeKey: string, orderId: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(surveyToken(ctx, writeKey, orderId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
