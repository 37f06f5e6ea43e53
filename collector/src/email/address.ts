// E-mail addresses as the collector keeps them: trimmed and lower-cased (so an opt-out matches the
// same inbox however it was typed), and only of the plain form `local@domain.tld`: no display
// name, no quotes, no spaces or line breaks (nothing that could add a header or a second
// recipient to a mail), at most 254 characters (RFC 5321's path limit).
const ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export function emailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const address = value.trim().toLowerCase();
  if (address.length > 254 || !ADDRESS.test(address)) return undefined;
  const local = address.slice(0, address.indexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..') ? address : undefined;
}
