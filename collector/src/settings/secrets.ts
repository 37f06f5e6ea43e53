// Secrets in settings documents: provider credentials, a store's restoreSecret, its WooCommerce and
// Shopify webhook secrets and Shopify admin token. Answers and the audit show them only as
// {"set": true}; a change keeps a secret it omits or marks {"set": true}, sets one given as a string
// and clears one given as null, so a screen can save a document without ever having seen its secrets.
import { SECRET_NAME } from '../redact.js';

// Twilio's account SID is half its credential pair; a webhook provider's headers carry its auth.
const SECRET_FIELDS = new Set(['accountSid', 'headers']);
const isSecret = (name: string) => SECRET_NAME.test(name) || SECRET_FIELDS.has(name);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const isSetMarker = (value: unknown) => isObject(value) && value.set === true && Object.keys(value).length === 1;

/** A copy with every secret that is set shown as {"set": true}. */
export function hideSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(hideSecrets) as T;
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [name, isSecret(name) && inner !== undefined && inner !== null && inner !== '' ? { set: true } : hideSecrets(inner)]),
  ) as T;
}

/** `incoming` with its secrets resolved against `current`: omitted or {"set": true} keeps, null clears, a value sets. */
export function withKeptSecrets(incoming: unknown, current: unknown): unknown {
  if (!isObject(incoming)) return incoming;
  const now = isObject(current) ? current : {};
  const entries: [string, unknown][] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (!isSecret(name)) entries.push([name, isObject(value) ? withKeptSecrets(value, now[name]) : value]);
    else if (isSetMarker(value)) {
      if (Object.hasOwn(now, name) && now[name] !== undefined) entries.push([name, now[name]]);
    } else if (value !== null) entries.push([name, value]);
  }
  for (const [name, value] of Object.entries(now)) {
    if (isSecret(name) && !Object.hasOwn(incoming, name) && value !== undefined && value !== null) entries.push([name, value]);
  }
  // Object.fromEntries makes own properties only: no key can reach a prototype.
  return Object.fromEntries(entries);
}

