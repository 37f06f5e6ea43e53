// What Segment's analytics.js and RudderStack's JS SDK send, made into Homing events
// (PROTOCOL.md section 5): `originalTimestamp` when `timestamp` is absent, identify traits from
// `context.traits`, the event type from a single-event endpoint, and nulls where the protocol
// has optional fields.
import { orderKeyDigest } from './order-key.js';

export type EventType = 'track' | 'identify' | 'page';

export function normalizeEvent(raw: unknown, impliedType?: EventType): Record<string, unknown> | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'event must be an object';
  const event: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (event.type === undefined && impliedType) event.type = impliedType;
  if (event.timestamp === undefined && typeof event.originalTimestamp === 'string') event.timestamp = event.originalTimestamp;
  if (event.name === null) delete event.name;
  if (event.anonymousId === null) delete event.anonymousId;
  if (event.properties === null) delete event.properties;
  if (event.type === 'identify') {
    const context = event.context as Record<string, unknown> | undefined;
    const contextTraits = context && typeof context === 'object' ? context.traits : undefined;
    if (contextTraits && typeof contextTraits === 'object' && !Array.isArray(contextTraits)) {
      const own = event.traits && typeof event.traits === 'object' ? (event.traits as object) : {};
      event.traits = { ...(contextTraits as object), ...own };
    }
  }
  redactOrderKeys(event);
  return event;
}

/**
 * WooCommerce's order-received URL carries the order key (`?key=wc_order_...`), which opens the
 * order page to whoever holds it. Page URLs are stored and shown in the dashboard, so the key is
 * removed from them on the way in, and an `order_key` property is replaced by its digest.
 */
const orderKey = /([?&]key=)wc_order_[^&#]*/g;

function redactOrderKeys(event: Record<string, unknown>): void {
  const redact = (holder: unknown, field: string): void => {
    if (!holder || typeof holder !== 'object') return;
    const value = (holder as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.includes('wc_order_')) (holder as Record<string, unknown>)[field] = value.replace(orderKey, '$1redacted');
  };
  const page = (event.context as Record<string, unknown> | undefined)?.page;
  for (const field of ['url', 'referrer']) {
    redact(page, field);
    redact(event.properties, field);
  }
  // The order key itself (Order Completed's `order_key`) is kept only as its digest.
  const properties = event.properties as Record<string, unknown> | undefined;
  if (properties && typeof properties === 'object' && typeof properties.order_key === 'string') properties.order_key = orderKeyDigest(properties.order_key);
}
