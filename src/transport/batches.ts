// Cuts events into request bodies that fit the protocol's limits (PROTOCOL.md section 2).
import type { HomingEvent } from '../protocol/types.js';
import { MAX_BATCH_BODY_BYTES } from '../protocol/types.js';
import { byteLength } from '../queue/queue.js';

export const MAX_BATCH_EVENTS = 50;
/** Room kept for `{"batch":[...],"sentAt":"...","writeKey":"..."}` around the events. */
const ENVELOPE_BYTES = 300;

export function splitBatches(events: HomingEvent[]): HomingEvent[][] {
  const batches: HomingEvent[][] = [];
  let current: HomingEvent[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const event of events) {
    const size = byteLength(event) + 1;
    if (current.length && (current.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BODY_BYTES)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}
