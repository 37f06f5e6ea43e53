// First-order bounce-back: `after` (default 1 day) a customer's FIRST order, a time-limited offer on
// a product the store's offer rules match to that order (rendered like cross-sell). An order before
// it (by the same browser or phone) means it is not their first: nothing.
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { orderedBefore } from './conditions.js';
import { INSERT_WITH_DETAIL, reachable, storeIn, window } from './insert.js';
import { ORDER_STANDS } from '../../state/ordered.js';

export async function scheduleBounceBack(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.bounce_back;
  if (!settings.enabled || !settings.steps.length) return {};
  const { due, oldest } = window(config, now, durationMs(settings.steps[0]!.after));
  const customer = { writeKey: 'o.write_key', anonymousId: 'o.anonymous_id', phone: 'i.phone' };
  const { changes } = await db.run(
    `${INSERT_WITH_DETAIL}
     SELECT 'bounce_back:0:' || o.write_key || ':' || o.order_id, 'bounce_back', 0, o.write_key, o.order_id, o.created_at, o.anonymous_id, i.phone, 'pending', $1, $1, NULL
     FROM orders o JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
     WHERE o.created_at <= $2 AND o.created_at >= $3 AND ${ORDER_STANDS} AND ${storeIn('o.write_key', stores, 3)}
       AND ${reachable('o.write_key')} AND NOT ${orderedBefore(customer, 'o.created_at')}
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [now.toISOString(), due, oldest, ...stores],
  );
  return changes ? { 'bounce_back:0': changes } : {};
}
