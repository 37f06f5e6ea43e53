// Events per second, as a token bucket holding 10 seconds' worth: bursts after a page's queue was
// offline are fine, a flood is answered 429 with Retry-After. Used per write key and per client
// IP. Per process: with N collector processes behind a balancer, a key gets up to N times the rate.
export interface RateLimiter {
  /** 0 when the events may pass (and are counted), else the seconds to wait. */
  take(key: string, events: number): number;
}

const BURST_SECONDS = 10;

// A clock that steps back (NTP, a test moving time) refills nothing and takes nothing.
export function createRateLimiter(perSecond: number, now: () => number = () => Date.now()): RateLimiter {
  const capacity = perSecond * BURST_SECONDS;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();
  // A bucket untouched for the burst period is full again, the same as no bucket: forget it, so
  // clients coming from ever new addresses cannot grow the map without bound.
  const sweep = (t: number) => {
    if (t - sweptAt < BURST_SECONDS * 1000) return;
    sweptAt = t;
    for (const [key, bucket] of buckets) if (t - bucket.at >= BURST_SECONDS * 1000) buckets.delete(key);
  };
  return {
    take(key, events) {
      if (perSecond <= 0) return 0;
      const t = now();
      sweep(t);
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

/**
 * The rate-limit key of a client address: the address itself for IPv4, the /64 network for IPv6
 * (one subscriber gets a whole /64, so counting single IPv6 addresses would limit nothing).
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
