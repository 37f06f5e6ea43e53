// The signed address of an e-mail's one-click unsubscribe: /u/{payload}.{signature}, where the
// payload names the store, the address and the message. Only the collector can make one (an HMAC
// with a key derived from its signing secret), so nobody can opt a stranger out, and a link from one
// e-mail works for that address and store only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from '../feature.js';
import { derivedKey } from '../secret.js';

export interface Unsubscribe {
  writeKey: string;
  address: string;
  outboxId: number;
}

const sign = (config: Pick<CollectorConfig, 'secret'>, payload: string) =>
  createHmac('sha256', derivedKey(config, 'email unsubscribe')).update(payload).digest('base64url').slice(0, 32);

export function unsubscribeUrl(config: Pick<CollectorConfig, 'secret' | 'publicUrl'>, u: Unsubscribe): string {
  const payload = Buffer.from(JSON.stringify([u.writeKey, u.address, u.outboxId])).toString('base64url');
  return `${config.publicUrl.replace(/\/+$/, '')}/u/${payload}.${sign(config, payload)}`;
}

/** The unsubscribe a token stands for, or undefined when it is not one the collector signed. */
export function readUnsubscribeToken(config: Pick<CollectorConfig, 'secret'>, token: string): Unsubscribe | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 2000) return undefined;
  const expected = Buffer.from(sign(config, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const [writeKey, address, outboxId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof writeKey === 'string' && typeof address === 'string' && Number.isInteger(outboxId)) return { writeKey, address, outboxId };
  } catch {
    // signed by us, so never reached; a bad payload is simply not a token
  }
  return undefined;
}
