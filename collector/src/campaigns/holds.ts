// Messages held back instead of sent, each recorded in the outbox (state 'held') with its reason so
// the report counts them: anyone can type any phone number into a store, so a store texts only
// numbers of its own countries (no premium-rate or foreign numbers on the store's bill), at most
// `dailySmsBudget` messages a day, and one phone gets at most `phoneDailyCap` messages made for it a
// day, whatever the number of carts, browsers or stores that name it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { FeatureContext } from '../feature.js';
import type { CampaignsConfig } from './config.js';
import { localMinutes } from './quiet-hours.js';
import { DEFAULT_DAILY_SMS_BUDGET, storeCountries, storeSettings } from './stores.js';

export type HoldReason = 'country' | 'budget' | 'phone_cap';
export const HOLD_REASONS: HoldReason[] = ['country', 'budget', 'phone_cap'];

interface HeldRow {
  id: number;
  write_key: string;
  /** The recipient: a phone number, or an address for an email message. */
  phone: string;
  channel?: 'sms' | 'email';
  created_at: string;
}

/** Local midnight (in `timeZone`) of the day `instant` falls in. */
export function dayStart(instant: Date, timeZone: string): Date {
  const atMinute = instant.getTime() - (instant.getTime() % 60_000);
  return new Date(atMinute - localMinutes(instant, timeZone) * 60_000);
}

/** Numbers outside every country (+882, +883 international networks) have none and are never texted. */
export function phoneCountry(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/** Country and per-phone cap: known before quiet hours or the frequency cap would delay the message. */
export async function heldBeforeSending(ctx: FeatureContext, config: CampaignsConfig, row: HeldRow): Promise<HoldReason | undefined> {
  // An e-mail costs nothing per country: only texts are kept to the store's countries.
  if (row.channel !== 'email') {
    const country = phoneCountry(row.phone);
    if (!country || !storeCountries(storeSettings(config, row.write_key), ctx.config.defaultCountry).includes(country)) return 'country';
  }
  const start = dayStart(new Date(row.created_at), config.defaultTimezone);
  const end = new Date(start.getTime() + 86_400_000);
  const [made] = await ctx.db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM campaigns_outbox
     WHERE phone = $1 AND id < $2 AND created_at >= $3 AND created_at < $4 AND state NOT IN ('held', 'cancelled', 'failed')`,
    [row.phone, row.id, start.toISOString(), end.toISOString()],
  );
  if (Number(made?.n ?? 0) >= config.phoneDailyCap) return 'phone_cap';
  return undefined;
}

/** The store's daily budget, counted when the message would leave (deferred messages spend nothing). */
export async function overBudget(ctx: FeatureContext, config: CampaignsConfig, row: HeldRow, now: Date): Promise<boolean> {
  // Texts and e-mails have budgets of their own (dailySmsBudget, dailyEmailBudget).
  const settings = storeSettings(config, row.write_key);
  const channel = row.channel === 'email' ? 'email' : 'sms';
  const budget = (channel === 'email' ? settings.dailyEmailBudget : settings.dailySmsBudget) ?? DEFAULT_DAILY_SMS_BUDGET;
  const [spent] = await ctx.db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM campaigns_outbox WHERE write_key = $1 AND state IN ('sending', 'sent', 'unknown') AND sent_at >= $2 AND channel = $3`,
    [row.write_key, dayStart(now, config.defaultTimezone).toISOString(), channel],
  );
  return Number(spent?.n ?? 0) >= budget;
}
