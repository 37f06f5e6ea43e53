import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay, parseRetryAfter } from '../../../src/transport/backoff.js';

describe('backoff', () => {
  it('grows exponentially with full jitter: anywhere from 0 to base·2^attempt', () => {
    expect(backoffDelay(0, () => 0.999)).toBeCloseTo(999, 0);
    expect(backoffDelay(3, () => 0.999)).toBeCloseTo(7992, 0);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
  });

  it('is capped at 5 minutes', () => {
    expect(backoffDelay(30, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(backoffDelay(30, () => 0.999)).toBeGreaterThan(BACKOFF_CAP_MS * 0.99);
  });

  it('never retries sooner than Retry-After (but still within the cap)', () => {
    expect(backoffDelay(0, () => 0.1, 30_000)).toBe(30_000);
    expect(backoffDelay(0, () => 0.1, 3_600_000)).toBe(BACKOFF_CAP_MS);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
