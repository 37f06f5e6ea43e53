// The durable queue: every event is written here before any send is tried, and leaves only when
// the collector confirmed its batch (or it was dropped, counted, for a reason stats() shows).
// The store is shared by every tab of the origin, so it is the source of truth: the sender reads
// it whole, which is also how a new sender picks up what other tabs stored.
import type { HomingEvent } from '../protocol/types.js';
import type { KeyValueStore } from './storage.js';
import { QUEUE_LIMITS, trimQueue, type QueuedRecord } from './limits.js';

export interface DropCounts {
  full: number;
  expired: number;
  rejected: number;
}

export interface DurableQueue {
  /** `bytes`: the event's JSON size when the caller has measured it already. */
  add(event: HomingEvent, bytes?: number): Promise<void>;
  /** Stored events, oldest first, after dropping the expired and what exceeds the limits. */
  read(): Promise<{ events: HomingEvent[]; dropped: string[] }>;
  remove(messageIds: string[], rejected?: number): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
  drops(): Promise<DropCounts>;
}

const KEY = 'q:';
const DROPS = 'drops';
const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;
export const byteLength = (value: unknown): number => utf8Bytes(JSON.stringify(value));

/** `storage` may still be being picked: every operation waits for it. */
export function createQueue(storage: KeyValueStore | Promise<KeyValueStore>, now: () => number = Date.now, limits = QUEUE_LIMITS): DurableQueue {
  const ready = Promise.resolve(storage);
  let seq = 0;
  let batch: [string, QueuedRecord][] = [];
  let written: Promise<void> | undefined;
  const drops = async (): Promise<DropCounts> => ({ full: 0, expired: 0, rejected: 0, ...(await (await ready).get<DropCounts>(DROPS)) });
  const countDrops = async (more: Partial<DropCounts>) => {
    const counts = await drops();
    for (const reason of Object.keys(more) as (keyof DropCounts)[]) counts[reason] += more[reason]!;
    await (await ready).setMany([[DROPS, counts]]);
  };
  const keys = async () => (await (await ready).entries(KEY)).map(([key]) => key);
  const remove = async (ids: string[]) => (await ready).delMany(ids.map((id) => KEY + id));

  return {
    add(event, bytes = byteLength(event)) {
      // Events added in the same task share one write transaction: a loop of track() calls
      // costs one IndexedDB commit, not one each.
      batch.push([KEY + event.messageId, { event, at: now(), seq: seq++, bytes } satisfies QueuedRecord]);
      return (written ??= Promise.resolve().then(async () => {
        const entries = batch.splice(0);
        written = undefined;
        await (await ready).setMany(entries);
      }));
    },
    async read() {
      const records = (await (await ready).entries<QueuedRecord>(KEY)).map(([, record]) => record).sort((a, b) => a.at - b.at || a.seq - b.seq);
      const { keep, expired, full } = trimQueue(records, now(), limits);
      const dropped = [...expired, ...full].map((r) => r.event.messageId);
      if (dropped.length) {
        await remove(dropped);
        await countDrops({ expired: expired.length, full: full.length });
      }
      return { events: keep.map((r) => r.event), dropped };
    },
    async remove(messageIds, rejected = 0) {
      await remove(messageIds);
      if (rejected) await countDrops({ rejected });
    },
    clear: async () => (await ready).delMany(await keys()),
    count: async () => (await keys()).length,
    drops,
  };
}
