import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/ingest/rate-limit.js';

describe('rate limiter', () => {
  it('refills with time and answers how long to wait when a key is over its rate', () => {
    let t = 0;
    const limiter = createRateLimiter(10, () => t);
    expect(limiter.take('wk', 100)).toBe(0); // a 10-second burst is allowed
    expect(limiter.take('wk', 20)).toBe(2);
    expect(limiter.take('other', 20)).toBe(0);
    t += 2000;
    expect(limiter.take('wk', 20)).toBe(0);
  });

  it('a clock that steps back does not lock a key out', () => {
    let t = 1_000_000;
    const limiter = createRateLimiter(10, () => t);
    expect(limiter.take('wk', 1)).toBe(0);
    t -= 16 * 60_000;
    expect(limiter.take('wk', 50)).toBe(0);
  });
});
