// Delivery: batches from the durable queue to POST {collector}/v1/batch, retries with backoff,
// beacons on hide. Events leave the queue only on a 2xx for their batch (or a 4xx that says
// they can never be accepted), so a beacon that may or may not have arrived is simply sent again
// later: the collector dedupes on messageId.
import type { HomingEvent } from '../protocol/types.js';
import type { DurableQueue } from '../queue/queue.js';
import { isUrgent } from '../queue/limits.js';
import { utf8Bytes } from '../queue/queue.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { splitBatches } from './batches.js';

/** What the browser lets keepalive requests and beacons have in flight at once. */
export const BEACON_BUDGET_BYTES = 64 * 1024;
// Urgent events wait this long for the events a cart change brings with it (the cart read back, an
// identify), so they share one request; short enough that a click reaches the collector well within 300 ms.
export const URGENT_DELAY_MS = 100;
export const NORMAL_DELAY_MS = 2000;

export interface TransportDeps {
  /** `{collector}/v1/batch`; undefined: nothing is ever sent (misconfigured page). */
  url: string | undefined;
  writeKey: string;
  queue: DurableQueue;
  fetch: typeof fetch;
  /** sendBeacon or an equivalent; false when the browser refused the body. */
  beacon: (url: string, body: string) => boolean;
  now: () => number;
  random: () => number;
  warn: (message: string) => void;
  /** Tell the sending tab that events were stored (it sends within `delayMs`). */
  notify: (delayMs: number) => void;
}

export interface Transport {
  /** Register a new event; `durable` settles when it is in the queue. */
  /** `urgent`: within 100 ms even when the event's kind would wait (e.g. an accepted upsell). */
  add(event: HomingEvent, durable: Promise<void>, urgent?: boolean): void;
  /** Send what is stored now (only the sending tab sends). */
  flush(): Promise<void>;
  schedule(delayMs: number): void;
  /** This tab holds the sender lock from now on. */
  becomeSender(): void;
  /** This tab gave the sender lock up (it is being hidden for good or frozen). */
  resign(): void;
  setEnabled(enabled: boolean): void;
  /** Consent denied: forget what is waiting in memory. */
  forget(): void;
  /** The page is being hidden or closed: beacon what is waiting. */
  hide(): void;
  visible(): void;
  online(): void;
  readonly delivered: number;
}

export function createTransport(deps: TransportDeps): Transport {
  const { url, writeKey, queue, now, warn, notify, beacon } = deps;
  /** Events this tab may have to beacon: its own until stored, and (as sender) all it read. */
  const waiting = new Map<string, HomingEvent>();
  const beaconed = new Set<string>();
  let beaconBytes = 0;
  let sender = false;
  let enabled = true;
  let delivered = 0;
  let attempt = 0;
  let retryAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  let running: Promise<void> | undefined;
  let again = false;

  const canSend = () => !!url && enabled && navigator.onLine !== false;
  const body = (batch: HomingEvent[]) => JSON.stringify({ batch, sentAt: new Date(now()).toISOString(), writeKey });

  function schedule(delayMs: number): void {
    if (!sender) return;
    const at = Math.max(now() + delayMs, retryAt);
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timerAt = Infinity;
      void flush();
    }, at - now());
  }

  function retry(retryAfterMs?: number): false {
    retryAt = now() + backoffDelay(attempt++, deps.random, retryAfterMs);
    clearTimeout(timer);
    timerAt = Infinity;
    schedule(0);
    return false;
  }

  async function confirm(ids: string[], rejected = 0): Promise<void> {
    await queue.remove(ids, rejected);
    for (const id of ids) waiting.delete(id), beaconed.delete(id);
    delivered += ids.length - rejected;
  }

  /** Sends one batch; false when the rest must wait for a retry. */
  async function post(batch: HomingEvent[]): Promise<boolean> {
    const ids = batch.map((e) => e.messageId);
    let response: Response;
    try {
      response = await deps.fetch(url!, { method: 'POST', body: body(batch) });
    } catch {
      return retry();
    }
    const { status } = response;
    if (response.ok) {
      const answer = await response.json().catch(() => undefined);
      const rejected: { error?: string }[] = Array.isArray(answer?.rejected) ? answer.rejected : [];
      if (rejected.length) warn(`collector rejected ${rejected.length} event(s): ${rejected[0].error}`);
      await confirm(ids, rejected.length);
      return true;
    }
    if (status === 413 && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return (await post(batch.slice(0, half))) && post(batch.slice(half));
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      warn(`collector answered ${status}; dropped ${ids.length} event(s)`);
      await confirm(ids, ids.length);
      return true;
    }
    return retry(parseRetryAfter(response.headers.get('retry-after'), now()));
  }

  async function flushOnce(): Promise<boolean> {
    const { events, dropped } = await queue.read();
    for (const id of dropped) waiting.delete(id);
    for (const event of events) waiting.set(event.messageId, event);
    if (!canSend()) return false;
    for (const batch of splitBatches(events)) if (!(await post(batch))) return false;
    attempt = 0;
    return true;
  }

  function flush(): Promise<void> {
    if (!sender) {
      notify(0);
      return Promise.resolve();
    }
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do again = false;
        while ((await flushOnce()) && again);
      } catch (error) {
        warn(`delivery failed: ${error}`);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function hide(): void {
    if (!canSend()) return;
    const unsent = [...waiting.values()].filter((e) => !beaconed.has(e.messageId));
    // Urgent events (cart, identify, order) first: the budget may not take everything.
    unsent.sort((a, b) => +isUrgent(b) - +isUrgent(a));
    for (const batch of splitBatches(unsent)) {
      const text = body(batch);
      const bytes = utf8Bytes(text);
      if (beaconBytes + bytes > BEACON_BUDGET_BYTES || !beacon(url!, text)) break;
      beaconBytes += bytes;
      for (const event of batch) beaconed.add(event.messageId);
    }
  }

  return {
    add(event, durable, urgent) {
      waiting.set(event.messageId, event);
      if (document.visibilityState === 'hidden') hide();
      // Told to the sending tab too when this one only records.
      const delay = urgent || isUrgent(event) ? URGENT_DELAY_MS : NORMAL_DELAY_MS;
      durable.then(() => {
        if (sender) return schedule(delay);
        // Stored: from here on it is the sending tab's job.
        waiting.delete(event.messageId);
        notify(delay);
      }, () => {});
    },
    flush,
    schedule,
    becomeSender() {
      sender = true;
      schedule(0);
    },
    resign() {
      sender = false;
      clearTimeout(timer);
      timerAt = Infinity;
    },
    setEnabled(value) {
      enabled = value;
      if (value) schedule(0);
    },
    forget() {
      waiting.clear();
    },
    hide,
    visible() {
      beaconed.clear();
      beaconBytes = 0;
    },
    online() {
      attempt = 0;
      retryAt = 0;
      void flush();
    },
    get delivered() {
      return delivered;
    },
  };
}
