// Wrong admin tokens per client: after MAX_FAILURES within WINDOW_MS, that client is refused
// (429 with Retry-After) until the oldest failure leaves the window, even with the right token,
// so guessing the token from one address gets nowhere. Per process and in memory: several
// collectors each count their own share, which still bounds guessing to a handful per minute.
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const MAX_CLIENTS = 10_000;

export interface AdminAttempts {
  /** Seconds until this client may try again, or 0. */
  blockedFor(client: string): number;
  failed(client: string): void;
}

export function createAdminAttempts(now: () => Date): AdminAttempts {
  const failures = new Map<string, number[]>();
  const recent = (client: string) => {
    const since = now().getTime() - WINDOW_MS;
    const times = (failures.get(client) ?? []).filter((t) => t > since);
    if (times.length) failures.set(client, times);
    else failures.delete(client);
    return times;
  };
  return {
    blockedFor(client) {
      const times = recent(client);
      if (times.length < MAX_FAILURES) return 0;
      return Math.max(1, Math.ceil((times[times.length - MAX_FAILURES]! + WINDOW_MS - now().getTime()) / 1000));
    },
    failed(client) {
      const times = recent(client);
      times.push(now().getTime());
      failures.set(client, times.slice(-MAX_FAILURES));
      // Bounded memory whatever the number of addresses: the oldest entry goes first.
      if (failures.size > MAX_CLIENTS) failures.delete(failures.keys().next().value!);
    },
  };
}
