// Signed offer tokens: the browser carries the offer back on accept but can change nothing in it.
// HMAC-SHA256 over the store's write key, the order, offer, product/variant, max quantity, unit
// price, currency and expiry; compared with crypto.timingSafeEqual. The browser never sends a price.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** write key (the store) */ k?: string;
  /** order id */ o: string;
  /** offer id */ f: string;
  /** product id */ p: string;
  /** variant id */ v?: string;
  /** max quantity */ q: number;
  /** unit price, major units */ a: number;
  /** currency */ c: string;
  /** expiry, epoch ms */ e: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; status: 400 | 403 | 410; error: 'malformed_token' | 'bad_signature' | 'offer_expired'; message: string };

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const mac = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

export function signOfferToken(claims: TokenClaims, secret: string): string {
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

export function verifyOfferToken(token: unknown, secret: string, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > 4096) return malformed('the offer token is missing');
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return malformed('the offer token is not of the form payload.signature');
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 403, error: 'bad_signature', message: 'the offer token does not match its signature: it was changed or signed with another key' };
  }
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return malformed('the offer token payload is not JSON');
  }
  if (typeof claims?.e !== 'number' || typeof claims.o !== 'string' || typeof claims.f !== 'string') return malformed('the offer token lacks its claims');
  if (now.getTime() > claims.e) {
    return { ok: false, status: 410, error: 'offer_expired', message: `the offer expired at ${new Date(claims.e).toISOString()}` };
  }
  return { ok: true, claims };
}

function malformed(message: string): TokenCheck {
  return { ok: false, status: 400, error: 'malformed_token', message };
}
