// Work the scheduler need not repeat at every run (every minute by default): learning reorder
// intervals and scoring RFM segments read a store's whole order history, and their answers change
// slowly. Done at most once an hour per collector (per database), and again whenever the clock
// moved back (a run as of an earlier time).
import type { Sql } from '../../feature.js';

const HOUR = 3_600_000;
const last = new WeakMap<Sql, Map<string, { at: number; value: unknown }>>();

export async function atMostHourly<T>(db: Sql, key: string, now: Date, compute: () => Promise<T>): Promise<{ fresh: boolean; value: T }> {
  const done = last.get(db) ?? new Map<string, { at: number; value: unknown }>();
  last.set(db, done);
  const previous = done.get(key);
  const t = now.getTime();
  if (previous && t >= previous.at && t - previous.at < HOUR) return { fresh: false, value: previous.value as T };
  const value = await compute();
  done.set(key, { at: t, value });
  return { fresh: true, value };
}
