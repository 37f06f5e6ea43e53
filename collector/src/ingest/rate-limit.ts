// Events per second per write key, as a token bucket holding 10 seconds' worth: bursts after a
// page's queue was offline are fine, a flood is answered 429 with Retry-After. Per process: with
// N collector processes behind a balancer, a key gets up to N times the rate.
export interface RateLimiter {
  /** 0 when the events may pass (and are counted), else the seconds to wait. */
  take(key: string, events: number): number;
}

// A clock that steps back (NTP, a test moving time) refills nothing and takes nothing.
export function createRateLimiter(perSecond: number, now: () => number = () => Date.now()): RateLimiter {
  const capacity = perSecond * 10;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, events) {
      if (perSecond <= 0) return 0;
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      const needed = Math.min(events, capacity);
      if (bucket.tokens >= needed) {
        bucket.tokens -= needed;
        return 0;
      }
      return Math.max(1, Math.ceil((needed - bucket.tokens) / perSecond));
    },
  };
}
