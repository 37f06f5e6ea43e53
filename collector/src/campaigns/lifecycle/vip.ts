// VIP: the customers of one RFM segment (default Champions, scored as of the run, see
// ../../retention/segments.ts) get an exclusive code, at most once per `after` (default 30 days)
// per phone: no VIP message to that phone in that time, and the key holds the run's day so two
// runs on the same day schedule it once.
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { rfmCustomersSql } from '../../retention/segments.js';
import { INSERT_WITH_DETAIL, iso, reachable } from './insert.js';
import { DEFAULT_VIP_SEGMENT } from './settings.js';
import { atMostHourly } from './hourly.js';

export async function scheduleVip(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.vip;
  if (!settings.enabled || !settings.steps.length) return {};
  const every = durationMs(settings.steps[0]!.after);
  let total = 0;
  for (const writeKey of stores) {
    // Scored at most hourly: a segment's members change with orders, not by the minute.
    // $1 write key and $2 asOf are rfmCustomersSql's own.
    const { fresh, value } = await atMostHourly(db, `vip ${writeKey}`, now, () => db.run(
      `${INSERT_WITH_DETAIL}
       SELECT 'vip:0:' || i.write_key || ':' || i.phone || ':' || $6, 'vip', 0, i.write_key, x.customer, x.last_order_at, i.anonymous_id, i.phone, 'pending', $4, $4, $3
       FROM (${rfmCustomersSql}) x JOIN identities i ON i.write_key = $1 AND i.anonymous_id = x.anonymous_id
       WHERE x.segment = $3 AND ${reachable('i.write_key')}
         AND NOT EXISTS (SELECT 1 FROM campaigns_outbox v WHERE v.campaign = 'vip' AND v.write_key = i.write_key AND v.phone = i.phone AND v.created_at > $5 AND v.state <> 'cancelled')
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [writeKey, now.toISOString(), settings.segment ?? DEFAULT_VIP_SEGMENT, now.toISOString(), iso(now.getTime() - every), now.toISOString().slice(0, 10)],
    ));
    const changes = fresh ? value.changes : 0;
    total += changes;
  }
  return total ? { 'vip:0': total } : {};
}
