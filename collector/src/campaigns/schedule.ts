// The scheduler: set-based INSERT ... SELECT statements that turn carts and orders into due
// messages, one statement per campaign step whatever the number of carts (no query per cart).
// ON CONFLICT on the idempotency key makes a repeated or concurrent run harmless. Only stores with a
// configured URL are scheduled: the others' campaigns are held (nothing to link to) and start with
// their carts and orders of the last maxAgeDays once the URL is set.
import type { Sql } from '../feature.js';
import { durationMs, type CampaignsConfig } from './config.js';
import { ORDER_STANDS, orderedSince } from '../state/ordered.js';
import { blacklisted, consentWithdrawn, optedOut, rated } from './stop-rules.js';
import { storesWithUrl } from './stores.js';
import { scheduleLifecycle } from './lifecycle/schedule.js';

const DAY = 86_400_000;

export interface ScheduleResult {
  /** New messages scheduled, by "campaign:step". */
  scheduled: Record<string, number>;
}

const INSERT = `INSERT INTO campaigns_outbox (idempotency_key, campaign, step, write_key, subject_id, subject_at, anonymous_id, phone, state, due_at, created_at)`;

export async function scheduleDue(db: Sql, config: CampaignsConfig, now: Date): Promise<ScheduleResult> {
  const scheduled: Record<string, number> = {};
  const iso = (t: number) => new Date(t).toISOString();
  const oldest = iso(now.getTime() - config.maxAgeDays * DAY);
  const nowIso = now.toISOString();
  const stores = storesWithUrl(config);
  if (!stores.length) return { scheduled };
  // Write keys are the operator's configuration, passed as parameters after the statement's own.
  const storeIn = (column: string, after: number) => `${column} IN (${stores.map((_, i) => `$${after + i + 1}`).join(', ')})`;

  const cart = config.campaigns.abandoned_cart;
  if (cart.enabled) {
    for (let step = 0; step < cart.steps.length; step++) {
      const after = durationMs(cart.steps[step]!.after);
      let sql: string;
      let params: unknown[];
      if (step === 0) {
        // A cart idle long enough, with a consenting phone, not ordered, not stopped.
        const wait = Math.max(after, config.idleMinutes * 60_000);
        const row = { writeKey: 'c.write_key', phone: 'i.phone', anonymousId: 'c.anonymous_id', cartId: 'c.cart_id', since: 'c.updated_at' };
        sql = `${INSERT}
          SELECT 'abandoned_cart:0:' || c.write_key || ':' || c.cart_id, 'abandoned_cart', 0, c.write_key, c.cart_id, c.updated_at, c.anonymous_id, i.phone, 'pending', $1, $1
          FROM carts c JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id
          WHERE c.updated_at <= $2 AND c.updated_at >= $3 AND c.item_count > 0
            AND i.phone IS NOT NULL AND i.phone_consent = 1 AND ${storeIn('c.write_key', 3)}
            AND NOT ${orderedSince(row)} AND NOT ${optedOut(row)} AND NOT ${blacklisted(row)}
          ON CONFLICT (idempotency_key) DO NOTHING`;
        params = [nowIso, iso(now.getTime() - wait), oldest, ...stores];
      } else {
        // The next step follows a sent previous step after its delay, unless a stop rule applies.
        const row = { writeKey: 'p.write_key', phone: 'p.phone', anonymousId: 'p.anonymous_id', cartId: 'p.subject_id', since: 'p.subject_at' };
        sql = `${INSERT}
          SELECT 'abandoned_cart:${step}:' || p.write_key || ':' || p.subject_id, 'abandoned_cart', ${step}, p.write_key, p.subject_id, p.subject_at, p.anonymous_id, p.phone, 'pending', $1, $1
          FROM campaigns_outbox p
          WHERE p.campaign = 'abandoned_cart' AND p.step = ${step - 1} AND p.state = 'sent' AND p.sent_at <= $2 AND p.sent_at >= $3 AND ${storeIn('p.write_key', 3)}
            AND NOT ${orderedSince(row)} AND NOT ${optedOut(row)} AND NOT ${blacklisted(row)} AND NOT ${consentWithdrawn(row)}
          ON CONFLICT (idempotency_key) DO NOTHING`;
        // The step numbers are integers of ours, written into the SQL so both dialects type them alike.
        params = [nowIso, iso(now.getTime() - after), oldest, ...stores];
      }
      const { changes } = await db.run(sql, params);
      if (changes) scheduled[`abandoned_cart:${step}`] = changes;
    }
  }

  for (const campaign of ['survey', 'cross_sell'] as const) {
    const settings = config.campaigns[campaign];
    if (!settings.enabled || !settings.steps.length) continue;
    const after = durationMs(settings.steps[0]!.after);
    const row = { writeKey: 'o.write_key', phone: 'i.phone', anonymousId: 'o.anonymous_id', cartId: 'o.cart_id', since: 'o.created_at' };
    // No survey for an order the shopper rated already (on the thank-you page).
    const notRated = campaign === 'survey' ? `AND NOT ${rated({ writeKey: 'o.write_key', orderId: 'o.order_id' })}` : '';
    const { changes } = await db.run(
      `${INSERT}
       SELECT '${campaign}:0:' || o.write_key || ':' || o.order_id, '${campaign}', 0, o.write_key, o.order_id, o.created_at, o.anonymous_id, i.phone, 'pending', $1, $1
       FROM orders o JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
       WHERE o.created_at <= $2 AND o.created_at >= $3 AND i.phone IS NOT NULL AND i.phone_consent = 1 AND ${ORDER_STANDS}
         AND ${storeIn('o.write_key', 3)} AND NOT ${optedOut(row)} AND NOT ${blacklisted(row)} ${notRated}
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [nowIso, iso(now.getTime() - after), oldest, ...stores],
    );
    if (changes) scheduled[`${campaign}:0`] = changes;
  }
  Object.assign(scheduled, await scheduleLifecycle(db, config, now, stores));
  return { scheduled };
}
