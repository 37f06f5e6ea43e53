// What stays in the queue when it is full or old: a pure function so the rules are easy to test.
import type { HomingEvent } from '../protocol/types.js';

export const QUEUE_LIMITS = { events: 1000, bytes: 2 * 1024 * 1024, ageMs: 7 * 24 * 3600 * 1000 };

export interface QueuedRecord {
  event: HomingEvent;
  /** When it was stored (ms since epoch). */
  at: number;
  /** Order among events stored by the same page in the same millisecond. */
  seq: number;
  /** Size of the event as JSON, in bytes. */
  bytes: number;
}

/** Page views and vitals are the cheapest to lose; carts, identities and orders the dearest. */
export const isEvictable = (event: HomingEvent): boolean => event.type === 'page' || (event.type === 'track' && event.event === 'Web Vitals');

/** Cart, identify and order events leave within 100 ms and go first in a beacon. */
export const isUrgent = (event: HomingEvent): boolean =>
  event.type === 'identify' || (event.type === 'track' && /^(Product (Added|Removed)|Cart |Checkout |Order )/.test(event.event));

export interface Trimmed {
  keep: QueuedRecord[];
  expired: QueuedRecord[];
  full: QueuedRecord[];
}

/** Splits `records` (oldest first) into what is kept, what is too old and what does not fit. */
export function trimQueue(records: QueuedRecord[], now: number, limits = QUEUE_LIMITS): Trimmed {
  const expired = records.filter((r) => now - r.at > limits.ageMs);
  let keep = records.filter((r) => now - r.at <= limits.ageMs);
  const full: QueuedRecord[] = [];
  let bytes = keep.reduce((sum, r) => sum + r.bytes, 0);
  // Oldest evictable first, then oldest of the rest (sort is stable).
  const order = [...keep].sort((a, b) => +isEvictable(b.event) - +isEvictable(a.event));
  for (const victim of order) {
    if (keep.length - full.length <= limits.events && bytes <= limits.bytes) break;
    full.push(victim);
    bytes -= victim.bytes;
  }
  if (full.length) keep = keep.filter((r) => !full.includes(r));
  return { keep, expired, full };
}
