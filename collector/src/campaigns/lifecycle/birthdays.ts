// Birthdays the campaigns keep: an identify trait `birthday` (from the SDK's phone prompt, a store's
// own identify call, or the WooCommerce checkout through its signed webhook), only as "MM-DD" or
// "YYYY-MM-DD" with a real date; anything else is ignored (the event is stored all the same).
import type { FeatureContext, StoredEvent } from '../../feature.js';

export interface Birthday {
  month: number;
  day: number;
  year?: number;
}

const FORM = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseBirthday(value: unknown): Birthday | undefined {
  if (typeof value !== 'string') return undefined;
  const m = FORM.exec(value.trim());
  if (!m) return undefined;
  const year = m[1] === undefined ? undefined : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return undefined;
  if (year !== undefined && (year < 1900 || (month === 2 && day === 29 && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)))) return undefined;
  return { month, day, ...(year !== undefined ? { year } : {}) };
}

export async function recordBirthdays(ctx: FeatureContext, events: StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (e.type !== 'identify' || !e.anonymousId) continue;
    const traits = e.traits ?? e.context?.traits ?? {};
    const birthday = parseBirthday(Object.hasOwn(traits, 'birthday') ? traits.birthday : undefined);
    if (!birthday) continue;
    await ctx.db.run(
      `INSERT INTO campaigns_birthdays (write_key, anonymous_id, month, day, year, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (write_key, anonymous_id) DO UPDATE SET month = excluded.month, day = excluded.day, year = excluded.year, updated_at = excluded.updated_at
       WHERE excluded.updated_at >= campaigns_birthdays.updated_at`,
      [e.writeKey, e.anonymousId, birthday.month, birthday.day, birthday.year ?? null, e.timestamp],
    );
  }
}
