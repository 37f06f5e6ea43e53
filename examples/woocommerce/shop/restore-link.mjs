// The Homing WordPress plugin's abandoned-cart link handler, in JavaScript for the demo:
// `{store}/?homing_cart=<base64url JSON>&homing_sig=<hex HMAC-SHA256>`. The check is the plugin's
// Homing_Restore::verify_cart (../plugin/includes/class-homing-restore.php) step for step: a
// secret is required; the signature is the lowercase hex HMAC-SHA256 of the payload text, compared
// in constant time (PHP's hash_equals); the payload is base64url JSON with a non-empty line list
// `i` ([product id, variation id or "", quantity]) and an expiry `e` (Unix time); `c` is the coupon.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** [claims, ''] when the link is good, else [null, 'invalid' | 'expired']. Pure, like the PHP. */
export function verifyCart(payload, sig, secret, now) {
  const expected = secret ? createHmac('sha256', secret).update(payload).digest('hex') : '';
  if (!secret || typeof sig !== 'string' || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return [null, 'invalid'];
  let claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return [null, 'invalid'];
  }
  if (!claims || typeof claims !== 'object' || !Array.isArray(claims.i) || !claims.i.length || claims.e === undefined) return [null, 'invalid'];
  if (Math.trunc(Number(claims.e)) < now) return [null, 'expired'];
  return [claims, ''];
}

/** PHP's absint(). */
export const absint = (value) => Math.abs(Math.trunc(Number(value))) || 0;

/** wc_format_coupon_code(): coupon codes are compared trimmed and lowercase. */
export const formatCouponCode = (code) => String(code ?? '').trim().toLowerCase();
