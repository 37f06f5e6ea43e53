// Birthday: on the shopper's birthday in the store's time zone (stores.<key>.timezone, else
// defaultTimezone), once `after` (default 10h) of that local day has passed, a message with a gift
// code. The idempotency key holds the phone and the local year: at most once a year per phone,
// however many browsers or orders carry the birthday. A 29 February birthday falls on 28 February
// in other years.
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { localMinutes } from '../quiet-hours.js';
import { dayStart } from '../holds.js';
import { storeSettings } from '../stores.js';
import { INSERT_WITH_DETAIL, reachable } from './insert.js';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export function localDate(instant: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export async function scheduleBirthday(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  const settings = config.campaigns.birthday;
  if (!settings.enabled || !settings.steps.length) return {};
  const after = durationMs(settings.steps[0]!.after);
  let total = 0;
  for (const writeKey of stores) {
    const zone = storeSettings(config, writeKey).timezone ?? config.defaultTimezone;
    if (localMinutes(now, zone) * 60_000 < after) continue;
    const today = localDate(now, zone);
    const feb29 = today.month === 2 && today.day === 28 && !isLeap(today.year) ? ' OR (b.month = 2 AND b.day = 29)' : '';
    const { changes } = await db.run(
      `${INSERT_WITH_DETAIL}
       SELECT 'birthday:0:' || b.write_key || ':' || i.phone || ':' || $4, 'birthday', 0, b.write_key, b.anonymous_id, $2, b.anonymous_id, i.phone, 'pending', $1, $1, $4
       FROM campaigns_birthdays b JOIN identities i ON i.write_key = b.write_key AND i.anonymous_id = b.anonymous_id
       WHERE b.write_key = $3 AND ((b.month = ${today.month} AND b.day = ${today.day})${feb29}) AND ${reachable('b.write_key')}
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [now.toISOString(), dayStart(now, zone).toISOString(), writeKey, String(today.year)],
    );
    total += changes;
  }
  return total ? { 'birthday:0': total } : {};
}
