import { describe, expect, it } from 'vitest';
import { splitBatches } from '../../../src/transport/batches.js';
import type { HomingEvent } from '../../../src/protocol/types.js';

const event = (i: number, padding = 0): HomingEvent =>
  ({ type: 'track', event: 'Test', messageId: `m${i}`, timestamp: '2026-01-01T00:00:00.000Z', properties: { pad: 'x'.repeat(padding) } }) as HomingEvent;
const bodyBytes = (batch: HomingEvent[]) => new TextEncoder().encode(JSON.stringify({ batch, sentAt: new Date().toISOString(), writeKey: 'wk_live_0123456789' })).length;

describe('batches', () => {
  it('puts at most 50 events in a batch, keeping their order', () => {
    const events = Array.from({ length: 120 }, (_, i) => event(i));
    const batches = splitBatches(events);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(events);
  });

  it('keeps every request body within 60 KB', () => {
    const events = Array.from({ length: 40 }, (_, i) => event(i, 5000 + i * 37));
    const batches = splitBatches(events);
    expect(batches.length).toBeGreaterThan(3);
    for (const batch of batches) expect(bodyBytes(batch)).toBeLessThanOrEqual(60 * 1024);
    expect(batches.flat()).toEqual(events);
  });

  it('counts bytes, not characters (non-Latin product names)', () => {
    const events = Array.from({ length: 30 }, (_, i) => ({ ...event(i), properties: { name: 'کفش'.repeat(700) } }) as HomingEvent);
    for (const batch of splitBatches(events)) expect(bodyBytes(batch)).toBeLessThanOrEqual(60 * 1024);
  });
});
