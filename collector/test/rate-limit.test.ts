import { describe, expect, it } from 'vitest';
import { clientKey, createRateLimiter } from '../src/ingest/rate-limit.js';

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

  it('counts an IPv6 client by its /64, an IPv4 client (also IPv4-mapped) by its address', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
