// The scheduler: set-based INSERT ... SELECT statements that turn carts and orders into due
// messages, one statement per campaign step whatever the number of carts (no query per cart).
// ON CONFLICT on the idempotency key makes a repeated or concurrent run harmless. Only stores with a
// configured URL are scheduled: the others' campaigns are held (nothing to link to) and start with
// their carts and orders of the last maxAgeDays once the URL is set.
import type { Sql } from '../feature.js';
import { durationMs, type CampaignsConfig, type StepConfig } from './config.js';
import { ORDER_STANDS, orderedSince } from '../state/ordered.js';
import { blacklisted, consentWithdrawn, optedOut, rated } from './stop-rules.js';
import { storesWithUrl } from './stores.js';
import { scheduleLifecycle } from './lifecycle/schedule.js';

const DAY = 86_400_000;

export interface ScheduleResult {
  /** New messages scheduled, by "campaign:step". */
  scheduled: Record<string, number>;
}

const INSERT = `INSERT INTO campaigns_outbox (idempotency_key, campaign, step, write_key, subject_id, subject_at, anonymous_id, phone, channel, state, due_at, created_at)`;

type Channel = 'sms' | 'email';
const channelOf = (step: StepConfig | undefined): Channel => (step?.channel === 'email' ? 'email' : 'sms');

/**
 * Who a step's message goes to, from the shopper's identity (alias `i`): their phone for a text,
 * their address for an e-mail, each only with that channel's consent. The e-mail's idempotency key
 * names its channel (`abandoned_cart:0:email:…`); a text's keeps the form it always had.
 */
const RECIPIENT: Record<Channel, { column: string; ready: string; key: string }> = {
  sms: { column: 'i.phone', ready: 'i.phone IS NOT NULL AND i.phone_consent = 1', key: '' },
  email: { column: 'i.email', ready: 'i.email IS NOT NULL AND i.email_consent = 1', key: 'email:' },
};

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
      const channel = channelOf(cart.steps[step]);
      const to = RECIPIENT[channel];
      let sql: string;
      let params: unknown[];
      if (step === 0) {
        // A cart idle long enough, with a consenting phone, not ordered, not stopped; and one sequence
        // per phone and store: the phone's newest cart (a browser's cart and the checkout a platform
        // webhook made of it, a phone and a laptop, are one shopper's), and none while an earlier
        // cart's sequence for that phone is still running (started within the sequence's length and
        // not ended by an order).
        const wait = Math.max(after, config.idleMinutes * 60_000);
        const sequenceMs = cart.steps.reduce((sum, s, i) => sum + (i ? durationMs(s.after) : wait), 0);
        const running = { writeKey: 'r.write_key', phone: 'r.phone', anonymousId: 'r.anonymous_id', cartId: 'r.subject_id', since: 'r.subject_at' };
        const row = { writeKey: 'c.write_key', phone: 'i.phone', anonymousId: 'c.anonymous_id', cartId: 'c.cart_id', since: 'c.updated_at' };
        const recipient = { writeKey: row.writeKey, phone: to.column };
        sql = `${INSERT}
          SELECT 'abandoned_cart:0:${to.key}' || c.write_key || ':' || c.cart_id, 'abandoned_cart', 0, c.write_key, c.cart_id, c.updated_at, c.anonymous_id, ${to.column}, '${channel}', 'pending', $1, $1
          FROM carts c JOIN identities i ON i.write_key = c.write_key AND i.anonymous_id = c.anonymous_id
          WHERE c.updated_at <= $2 AND c.updated_at >= $3 AND c.item_count > 0
            AND ${to.ready} AND ${storeIn('c.write_key', 4)}
            AND NOT ${orderedSince(row)} AND NOT ${optedOut(recipient)} AND NOT ${blacklisted(recipient)}
            AND NOT EXISTS (SELECT 1 FROM identities ni JOIN carts n ON n.write_key = ni.write_key AND n.anonymous_id = ni.anonymous_id
                            WHERE ni.write_key = c.write_key AND ${to.column.replace('i.', 'ni.')} = ${to.column} AND ${to.ready.replaceAll('i.', 'ni.')} AND n.item_count > 0
                              AND (n.updated_at > c.updated_at OR (n.updated_at = c.updated_at AND n.cart_id > c.cart_id)))
            AND NOT EXISTS (SELECT 1 FROM campaigns_outbox r
                            WHERE r.campaign = 'abandoned_cart' AND r.step = 0 AND r.channel = '${channel}' AND r.write_key = c.write_key AND r.phone = ${to.column}
                              AND r.subject_id <> c.cart_id AND r.created_at >= $4 AND NOT ${orderedSince(running)})
          ON CONFLICT (idempotency_key) DO NOTHING`;
        params = [nowIso, iso(now.getTime() - wait), oldest, iso(now.getTime() - sequenceMs), ...stores];
      } else {
        // The next step follows a sent previous step after its delay, unless a stop rule applies. On
        // the previous step's channel it goes to the same recipient; on the other, to the shopper's
        // other address, with that channel's consent.
        const previous = channelOf(cart.steps[step - 1]);
        const same = previous === channel;
        const row = { writeKey: 'p.write_key', phone: previous === 'sms' ? 'p.phone' : same ? 'NULL' : 'i.phone', anonymousId: 'p.anonymous_id', cartId: 'p.subject_id', since: 'p.subject_at' };
        const recipient = { writeKey: row.writeKey, phone: same ? 'p.phone' : to.column };
        sql = `${INSERT}
          SELECT 'abandoned_cart:${step}:${to.key}' || p.write_key || ':' || p.subject_id, 'abandoned_cart', ${step}, p.write_key, p.subject_id, p.subject_at, p.anonymous_id, ${recipient.phone}, '${channel}', 'pending', $1, $1
          FROM campaigns_outbox p ${same ? '' : 'JOIN identities i ON i.write_key = p.write_key AND i.anonymous_id = p.anonymous_id'}
          WHERE p.campaign = 'abandoned_cart' AND p.step = ${step - 1} AND p.channel = '${previous}' AND p.state = 'sent' AND p.sent_at <= $2 AND p.sent_at >= $3 AND ${storeIn('p.write_key', 3)}
            AND ${same ? 'TRUE' : to.ready}
            AND NOT ${orderedSince(row)} AND NOT ${optedOut(recipient)} AND NOT ${blacklisted(recipient)} AND NOT ${consentWithdrawn(row, `'${channel}'`)}
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
    const channel = channelOf(settings.steps[0]);
    const to = RECIPIENT[channel];
    const row = { writeKey: 'o.write_key', phone: to.column, anonymousId: 'o.anonymous_id', cartId: 'o.cart_id', since: 'o.created_at' };
    // No survey for an order the shopper rated already (on the thank-you page).
    const notRated = campaign === 'survey' ? `AND NOT ${rated({ writeKey: 'o.write_key', orderId: 'o.order_id' })}` : '';
    const { changes } = await db.run(
      `${INSERT}
       SELECT '${campaign}:0:${to.key}' || o.write_key || ':' || o.order_id, '${campaign}', 0, o.write_key, o.order_id, o.created_at, o.anonymous_id, ${to.column}, '${channel}', 'pending', $1, $1
       FROM orders o JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
       WHERE o.created_at <= $2 AND o.created_at >= $3 AND ${to.ready} AND ${ORDER_STANDS}
         AND ${storeIn('o.write_key', 3)} AND NOT ${optedOut(row)} AND NOT ${blacklisted(row)} ${notRated}
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [nowIso, iso(now.getTime() - after), oldest, ...stores],
    );
    if (changes) scheduled[`${campaign}:0`] = changes;
  }
  Object.assign(scheduled, await scheduleLifecycle(db, config, now, stores));
  return { scheduled };
}
