// Retry timing: exponential backoff with full jitter (so many browsers coming back after an
// outage do not retry in lockstep: https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
// capped, and never sooner than the collector's Retry-After.
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

export function backoffDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const jittered = random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.min(BACKOFF_CAP_MS, Math.max(jittered, retryAfterMs ?? 0));
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  // Number('') is 0 and Number('Mon, ...') NaN: both fall through to the date form.
  const ms = Number(header) * 1000 || Date.parse(header!) - now;
  return ms >= 0 ? ms : undefined;
}
