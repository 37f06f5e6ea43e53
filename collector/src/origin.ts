/**
 * An allowed-origin entry: `*`, `null` (sandboxed frames such as Shopify's pixels), or an origin as a
 * browser sends it, `https://shop.example` (scheme, lower-case host and port only): anything else
 * would match no page's `Origin` header, silently.
 */
export function validOrigin(origin: unknown): boolean {
  if (origin === '*' || origin === 'null') return true;
  if (typeof origin !== 'string') return false;
  try {
    const url = new URL(origin);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === origin;
  } catch {
    return false;
  }
}
