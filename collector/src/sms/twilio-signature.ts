// Twilio signs every webhook it sends: `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed with the
// account's auth token, of the full URL Twilio called (scheme, host, path and query) followed by each
// POST form field's name and value, sorted by name (a repeated name's values sorted too).
// https://www.twilio.com/docs/usage/webhooks/webhooks-security
import { createHmac, timingSafeEqual } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, form: Iterable<[string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of form) byName.set(name, [...(byName.get(name) ?? []), value]);
  let data = url;
  for (const name of [...byName.keys()].sort()) for (const value of byName.get(name)!.sort()) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(authToken: string, url: string, form: Iterable<[string, string]>, header: unknown): boolean {
  if (typeof header !== 'string' || !header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, form));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
