// Stop rules as SQL conditions over an outbox-like row, so the scheduler applies them to every
// cart in one statement and the dispatcher re-checks them for every pending message at once:
// an order by the shopper (same cart, same browser, or same phone) since the cart's last change,
// an opt-out from the store (or one recorded for every store), the store's blacklist, consent withdrawn;
// for the survey, an answer already given for the order (on the thank-you page).
import { orderedSince, type RowColumns } from '../state/ordered.js';
import { lifecycleStopRules } from './lifecycle/stop-rules.js';

export const optedOut = (r: Pick<RowColumns, 'phone' | 'writeKey'>) =>
  `EXISTS (SELECT 1 FROM campaigns_optouts x WHERE x.phone = ${r.phone} AND (x.write_key = ${r.writeKey} OR x.write_key = '*'))`;

export const blacklisted = (r: Pick<RowColumns, 'phone' | 'writeKey'>) =>
  `EXISTS (SELECT 1 FROM campaigns_blacklist b WHERE b.phone = ${r.phone} AND (b.write_key = ${r.writeKey} OR b.write_key = '*'))`;

export const rated = (r: { writeKey: string; orderId: string }) =>
  `EXISTS (SELECT 1 FROM surveys_answers sa WHERE sa.write_key = ${r.writeKey} AND sa.order_id = ${r.orderId} AND sa.source <> 'unverified')`;

/** `channel`: an SQL expression for the message's channel; the consent withdrawn is that channel's (texts: phone_consent, e-mails: email_consent). */
export const consentWithdrawn = (r: Pick<RowColumns, 'writeKey' | 'anonymousId'>, channel = "'sms'") =>
  `EXISTS (SELECT 1 FROM identities ci WHERE ci.write_key = ${r.writeKey} AND ci.anonymous_id = ${r.anonymousId}
     AND (CASE WHEN ${channel} = 'email' THEN ci.email_consent ELSE ci.phone_consent END) = 0)`;

/** Cancels pending messages a stop rule now forbids; returns how many per reason. */
export async function cancelStopped(db: import('../feature.js').Sql, now: Date): Promise<Record<string, number>> {
  const row: RowColumns = {
    writeKey: 'campaigns_outbox.write_key',
    phone: 'campaigns_outbox.phone',
    anonymousId: 'campaigns_outbox.anonymous_id',
    cartId: 'campaigns_outbox.subject_id',
    since: 'campaigns_outbox.subject_at',
  };
  const rules: [string, string][] = [
    ['opted out', optedOut(row)],
    ['blacklisted', blacklisted(row)],
    ['consent withdrawn', consentWithdrawn(row, 'campaigns_outbox.channel')],
    ['ordered', `campaigns_outbox.campaign = 'abandoned_cart' AND ${orderedSince(row)}`],
    ...lifecycleStopRules(db),
  ];
  const counts: Record<string, number> = {};
  for (const [reason, condition] of rules) {
    const { changes } = await db.run(
      `UPDATE campaigns_outbox SET state = 'cancelled', error = $1, finished_at = $2 WHERE state = 'pending' AND ${condition}`,
      [reason, now.toISOString()],
    );
    if (changes) counts[reason] = changes;
  }
  return counts;
}
