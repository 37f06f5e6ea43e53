// Win-back: a customer whose last order is `after` old (default 90 days) gets step 1; step 2
// (default 180 days, a stronger offer) follows a sent step 1 for the same last order. Any order
// since stops it (here and in ./stop-rules.ts for messages already scheduled).
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { consentWithdrawn } from '../stop-rules.js';
import { orderedAfter } from './conditions.js';
import { INSERT_WITH_DETAIL, reachable, storeIn, window } from './insert.js';
import { ORDER_STANDS } from '../../state/ordered.js';

export async function scheduleWinBack(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.win_back;
  const scheduled: Record<string, number> = {};
  if (!settings.enabled) return scheduled;
  for (let step = 0; step < settings.steps.length; step++) {
    const { due, oldest } = window(config, now, durationMs(settings.steps[step]!.after));
    let sql: string;
    if (step === 0) {
      const customer = { writeKey: 'o.write_key', anonymousId: 'o.anonymous_id', phone: 'i.phone' };
      sql = `${INSERT_WITH_DETAIL}
        SELECT 'win_back:0:' || o.write_key || ':' || o.order_id, 'win_back', 0, o.write_key, o.order_id, o.created_at, o.anonymous_id, i.phone, 'pending', $1, $1, NULL
        FROM orders o JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
        WHERE o.created_at <= $2 AND o.created_at >= $3 AND ${ORDER_STANDS} AND ${storeIn('o.write_key', stores, 3)}
          AND ${reachable('o.write_key')} AND NOT ${orderedAfter(customer, 'o.created_at')}
        ON CONFLICT (idempotency_key) DO NOTHING`;
    } else {
      // The step numbers are integers of ours, written into the SQL so both dialects type them alike.
      const customer = { writeKey: 'p.write_key', anonymousId: 'p.anonymous_id', phone: 'p.phone' };
      sql = `${INSERT_WITH_DETAIL}
        SELECT 'win_back:${step}:' || p.write_key || ':' || p.subject_id, 'win_back', ${step}, p.write_key, p.subject_id, p.subject_at, p.anonymous_id, p.phone, 'pending', $1, $1, NULL
        FROM campaigns_outbox p JOIN identities i ON i.write_key = p.write_key AND i.anonymous_id = p.anonymous_id
        WHERE p.campaign = 'win_back' AND p.step = ${step - 1} AND p.state = 'sent' AND p.subject_at <= $2 AND p.subject_at >= $3
          AND ${storeIn('p.write_key', stores, 3)} AND ${reachable('p.write_key')}
          AND NOT ${orderedAfter(customer, 'p.subject_at')} AND NOT ${consentWithdrawn({ writeKey: 'p.write_key', anonymousId: 'p.anonymous_id' })}
        ON CONFLICT (idempotency_key) DO NOTHING`;
    }
    const { changes } = await db.run(sql, [now.toISOString(), due, oldest, ...stores]);
    if (changes) scheduled[`win_back:${step}`] = changes;
  }
  return scheduled;
}
