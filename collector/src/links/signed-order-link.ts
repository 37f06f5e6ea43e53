// Links an SMS carries to a page about one order (the survey, the review page):
// `{publicUrl}{path}{order}?k={write key}&t={token}&lang={language}`. The token (HMAC-SHA256 of the
// page's purpose, write key and order under the collector's secret, truncated to 128 bits) proves
// this collector issued the link, so nobody can answer for another shopper's order; the purpose
// keeps a survey link from opening the review page. The language only chooses the page's words.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeatureContext } from '../feature.js';
import { offersSecret } from '../offers/secret.js';

type Ctx = Pick<FeatureContext, 'config'>;

export interface SignedOrderLinks {
  link(ctx: Ctx, writeKey: string, orderId: string, lang?: string): string;
  verify(ctx: Ctx, writeKey: string, orderId: string, token: unknown): boolean;
}

export function signedOrderLinks(purpose: string, path: string): SignedOrderLinks {
  const token = (ctx: Ctx, writeKey: string, orderId: string) =>
    createHmac('sha256', offersSecret(ctx)).update(`${purpose}\n${writeKey}\n${orderId}`).digest().subarray(0, 16).toString('base64url');
  return {
    link(ctx, writeKey, orderId, lang) {
      const url = new URL(`${path}${encodeURIComponent(orderId)}`, ctx.config.publicUrl);
      url.searchParams.set('k', writeKey);
      url.searchParams.set('t', token(ctx, writeKey, orderId));
      if (lang) url.searchParams.set('lang', lang);
      return url.toString();
    },
    verify(ctx, writeKey, orderId, given) {
      if (typeof given !== 'string') return false;
      const expected = Buffer.from(token(ctx, writeKey, orderId));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
