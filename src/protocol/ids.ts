// Ids that every sender of the same fact must derive alike, so the collector keeps one copy:
// the script tag, the thank-you page, the Shopify pixel and the collector's platform webhooks all
// name an order's `Order Completed` with orderMessageId. Pure code, no browser or Node API.

/** The messageId every sender of an order uses: the collector keeps one. */
export const orderMessageId = (writeKey: string, orderId: string) => `order-${shortHash(writeKey)}-${orderId}`;

/** A short stable hash (FNV-1a, base 36) for ids derived from a write key. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
