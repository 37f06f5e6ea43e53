// What every lifecycle scheduling statement shares: the outbox INSERT, the window of subjects it may
// reach (a campaign turned on does not reach back further than maxAgeDays before the message was
// due), the consenting phone and the stop rules every campaign has.
import type { CampaignsConfig } from '../config.js';
import { blacklisted, optedOut } from '../stop-rules.js';

export const INSERT_WITH_DETAIL = `INSERT INTO campaigns_outbox (idempotency_key, campaign, step, write_key, subject_id, subject_at, anonymous_id, phone, state, due_at, created_at, detail)`;

export const DAY = 86_400_000;
export const iso = (t: number) => new Date(t).toISOString();

/** Subjects at or before `now - wait` (due) and not more than maxAgeDays before that. */
export function window(config: CampaignsConfig, now: Date, wait: number): { due: string; oldest: string } {
  const due = now.getTime() - Math.max(0, wait);
  return { due: iso(due), oldest: iso(due - config.maxAgeDays * DAY) };
}

/** `column IN ($n, ...)` for the stores, numbered after the statement's own parameters. */
export const storeIn = (column: string, stores: string[], after: number) => `${column} IN (${stores.map((_, i) => `$${after + i + 1}`).join(', ')})`;

/** Consent and the stop rules every message has, for identities `i` of the store `writeKey`. */
export const reachable = (writeKey: string) => {
  const row = { writeKey, phone: 'i.phone' };
  return `i.phone IS NOT NULL AND i.phone_consent = 1 AND NOT ${optedOut(row)} AND NOT ${blacklisted(row)}`;
};
