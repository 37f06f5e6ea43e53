// GET /v1/offers is asked for right after the thank-you page stored the order, often before the
// order's own batch has reached the collector. Rather than have browsers poll, the request waits
// (up to a limit) until the order is recorded: woken by this process's onEvents, and re-checked
// on a timer for orders ingested by another collector process sharing the database.
export interface OrderWaiters {
  /** Resolves with the value `find` gives once it gives one, or undefined after `timeoutMs`. */
  wait<T>(key: string, find: () => Promise<T | undefined>, timeoutMs: number, pollMs?: number): Promise<T | undefined>;
  /** An order was recorded. */
  notify(key: string): void;
}

export function createOrderWaiters(): OrderWaiters {
  const waiting = new Map<string, Set<() => void>>();
  return {
    async wait(key, find, timeoutMs, pollMs = 500) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await find();
        const left = deadline - Date.now();
        if (found !== undefined || left <= 0) return found;
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiting.get(key)?.delete(wake);
            if (!waiting.get(key)?.size) waiting.delete(key);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(pollMs, left));
          waiting.set(key, (waiting.get(key) ?? new Set()).add(wake));
        });
      }
    },
    notify(key) {
      for (const wake of [...(waiting.get(key) ?? [])]) wake();
    },
  };
}

export const orderKey = (writeKey: string, orderId: string) => `${writeKey}\n${orderId}`;
