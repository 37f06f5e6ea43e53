// Replenishment: `after` (default 3 days) BEFORE a bought product's usual reorder time
// (./reorder-intervals.ts), a reminder to reorder it. One message per order and product, the
// product kept in the outbox's `detail`; a later order of that product (or of its category) by the
// customer stops it (here, and ./stop-rules.ts for one already scheduled).
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { lineMatches, orderLines, reorderedAfter } from './conditions.js';
import { INSERT_WITH_DETAIL, reachable, storeIn, window } from './insert.js';
import { reorderIntervals } from './reorder-intervals.js';
import { atMostHourly } from './hourly.js';
import { ORDER_STANDS } from '../../state/ordered.js';

export async function scheduleReplenishment(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.replenishment;
  if (!settings.enabled || !settings.steps.length) return {};
  const before = durationMs(settings.steps[0]!.after);
  // One statement per distinct interval, whatever the number of orders; the (store, product) pairs
  // of that interval are parameters.
  const byInterval = new Map<number, { writeKey: string; key: string }[]>();
  const { value: intervals } = await atMostHourly(db, `reorder-intervals ${stores.join(' ')}`, now, () => reorderIntervals(db, config, now, stores));
  for (const interval of intervals) {
    const list = byInterval.get(interval.ms) ?? [];
    list.push(interval);
    byInterval.set(interval.ms, list);
  }
  const lines = orderLines(db, 'o', 'l');
  const customer = { writeKey: 'o.write_key', anonymousId: 'o.anonymous_id', phone: 'i.phone' };
  let total = 0;
  for (const [ms, pairs] of byInterval) {
    const { due, oldest } = window(config, now, ms - before);
    const values = pairs.map((_, i) => `($${4 + 2 * i}, $${5 + 2 * i})`).join(', ');
    const after = 3 + 2 * pairs.length;
    const { changes } = await db.run(
      `WITH v (write_key, pkey) AS (VALUES ${values})
       ${INSERT_WITH_DETAIL}
       SELECT 'replenishment:0:' || o.write_key || ':' || o.order_id || ':' || v.pkey, 'replenishment', 0, o.write_key, o.order_id, o.created_at, o.anonymous_id, i.phone, 'pending', $1, $1, v.pkey
       FROM orders o JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
         JOIN v ON v.write_key = o.write_key, ${lines.from}
       WHERE o.created_at <= $2 AND o.created_at >= $3 AND ${ORDER_STANDS} AND ${storeIn('o.write_key', stores, after)}
         AND ${lineMatches(lines, 'v.pkey')} AND ${reachable('o.write_key')} AND NOT ${reorderedAfter(db, customer, 'v.pkey', 'o.created_at')}
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [now.toISOString(), due, oldest, ...pairs.flatMap((p) => [p.writeKey, p.key]), ...stores],
    );
    total += changes;
  }
  return total ? { 'replenishment:0': total } : {};
}
