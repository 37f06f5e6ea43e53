import { describe, expect, it } from 'vitest';
import { isUrgent, trimQueue, type QueuedRecord } from '../../../src/queue/limits.js';
import type { HomingEvent } from '../../../src/protocol/types.js';

const DAY = 24 * 3600 * 1000;
let n = 0;
const record = (event: Partial<HomingEvent> & { type: HomingEvent['type'] }, at = 0, bytes = 100): QueuedRecord => ({
  event: { messageId: `m${n++}`, timestamp: '2026-01-01T00:00:00.000Z', ...event } as HomingEvent,
  at,
  seq: n,
  bytes,
});
const page = (at = 0, bytes = 100) => record({ type: 'page' }, at, bytes);
const vitals = (at = 0) => record({ type: 'track', event: 'Web Vitals' }, at);
const cart = (at = 0, bytes = 100) => record({ type: 'track', event: 'Cart Updated' }, at, bytes);
const identify = (at = 0) => record({ type: 'identify' }, at);
const ids = (records: QueuedRecord[]) => records.map((r) => r.event.messageId);
const name = (r: QueuedRecord) => (r.event as { event?: string }).event;

describe('queue limits', () => {
  it('keeps everything under the limits', () => {
    const records = [page(1), cart(2), identify(3)];
    expect(trimQueue(records, 10)).toEqual({ keep: records, expired: [], full: [] });
  });

  it('drops events older than 7 days', () => {
    const old = cart(0);
    const fresh = cart(DAY);
    const { keep, expired } = trimQueue([old, fresh], 7 * DAY + DAY / 2);
    expect(ids(expired)).toEqual(ids([old]));
    expect(ids(keep)).toEqual(ids([fresh]));
  });

  it('evicts page views and vitals before cart, identify and order events when over 1,000 events', () => {
    const carts = Array.from({ length: 600 }, (_, i) => cart(i));
    const pages = Array.from({ length: 399 }, (_, i) => page(1000 + i));
    const extra = [vitals(2000), identify(2001), page(2002)];
    const { keep, full } = trimQueue([...carts, ...pages, ...extra], 3000);
    expect(keep).toHaveLength(1000);
    expect(full.every((r) => r.event.type === 'page' || name(r) === 'Web Vitals')).toBe(true);
    expect(full).toHaveLength(2);
    // the oldest evictable ones go first
    expect(ids(full)).toEqual(ids(pages.slice(0, 2)));
    expect(keep.filter((r) => name(r) === 'Cart Updated')).toHaveLength(600);
  });

  it('evicts the oldest cart events only when nothing cheaper is left', () => {
    const carts = Array.from({ length: 1003 }, (_, i) => cart(i));
    const { keep, full } = trimQueue(carts, 2000);
    expect(ids(full)).toEqual(ids(carts.slice(0, 3)));
    expect(keep).toHaveLength(1000);
  });

  it('keeps the queue under 2 MB', () => {
    const big = Array.from({ length: 30 }, (_, i) => cart(i, 100_000));
    const { keep, full } = trimQueue([page(0, 100_000), ...big], 100);
    expect(keep.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(full[0].event.type).toBe('page');
    expect(full).toHaveLength(31 - 20);
  });

  it('marks cart, identify and order events urgent, page views and others not', () => {
    expect(isUrgent(cart().event)).toBe(true);
    expect(isUrgent(identify().event)).toBe(true);
    expect(isUrgent(record({ type: 'track', event: 'Order Completed' }).event)).toBe(true);
    expect(isUrgent(record({ type: 'track', event: 'Product Added' }).event)).toBe(true);
    expect(isUrgent(page().event)).toBe(false);
    expect(isUrgent(vitals().event)).toBe(false);
    expect(isUrgent(record({ type: 'track', event: 'Promotion Viewed' }).event)).toBe(false);
  });
});
