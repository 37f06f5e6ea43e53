// The dispatcher: sends due messages at most once, even across crashes.
//
// 1. Claim: due 'pending' rows become 'claimed' with a lease, in one statement (PostgreSQL adds
//    FOR UPDATE SKIP LOCKED so several collectors never claim the same row).
// 2. Rules: a number of another country or a phone over its daily cap holds the row ('held', with
//    the reason, see ./holds.ts); quiet hours in the shopper's zone and the frequency cap may defer
//    it (back to 'pending' with a later due time); the store's daily budget, spent, holds it.
// 3. Render, then store body and link with state 'sending' BEFORE calling the provider.
// 4. Call the provider with the idempotency key; confirm 'sent' (or 'failed', or retry later).
//
// A crash leaves rows 'claimed' (never reached a provider: safely back to 'pending') or 'sending'
// (the provider may have sent it). Once the lease has expired, a 'sending' row is retried only if
// the provider dedupes on our key (Kavenegar's localid, the webhook's Idempotency-Key, the outbox);
// otherwise (Twilio) it becomes 'unknown' and is shown in the report: a duplicate SMS costs the
// store money and the shopper's trust, a lost one is visible and can be resent by hand.
import type { FeatureContext } from '../feature.js';
import { SmsSendError, type SmsProvider } from '../sms/index.js';
import { countSegments } from './segments.js';
import type { CampaignsConfig } from './config.js';
import { nextSlotUnderCap } from './frequency-cap.js';
import { heldBeforeSending, overBudget, type HoldReason } from './holds.js';
import { nextSendableTime } from './quiet-hours.js';
import { nextSendDayTime } from './send-days.js';
import { NothingToSend, renderMessage, shopperOf, type OutboxRow } from './render.js';

export interface DispatchResult {
  sent: number;
  held: number;
  failed: number;
  deferred: number;
  cancelled: number;
  retried: number;
  unknown: number;
  recovered: number;
}

export interface DispatchHooks {
  /** Test seam: runs after the row is stored as 'sending' and the provider answered, before 'sent' is stored. */
  afterProviderAnswered?(row: OutboxRow): void | Promise<void>;
}

const BATCH = 200;
const RETRY_BASE_MS = 60_000;

/** Exponential backoff: 1, 2, 4, 8… minutes after the failed attempt. */
const retryTime = (now: Date, attempts: number) => new Date(now.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1)).toISOString();

async function recoverInterrupted(ctx: FeatureContext, provider: SmsProvider, now: string): Promise<{ recovered: number; unknown: number }> {
  const a = await ctx.db.run(`UPDATE campaigns_outbox SET state = 'pending', lease_until = NULL WHERE state = 'claimed' AND lease_until < $1`, [now]);
  let b = { changes: 0 };
  if (provider.idempotent) {
    b = await ctx.db.run(`UPDATE campaigns_outbox SET state = 'pending', lease_until = NULL WHERE state = 'sending' AND lease_until < $1 AND provider = $2`, [now, provider.name]);
  }
  const c = await ctx.db.run(
    `UPDATE campaigns_outbox SET state = 'unknown', finished_at = $1, error = 'interrupted while the provider was being called; not resent (the provider takes no idempotency key)'
     WHERE state = 'sending' AND lease_until < $1`,
    [now],
  );
  return { recovered: a.changes + b.changes, unknown: c.changes };
}

type ClaimedRow = OutboxRow & { body: string | null; link_code: string | null; created_at: string };

async function claim(ctx: FeatureContext, now: Date, leaseUntil: string, limit: number): Promise<ClaimedRow[]> {
  const lock = ctx.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const rows = await ctx.db.query<ClaimedRow>(
    `UPDATE campaigns_outbox SET state = 'claimed', lease_until = $1, attempts = attempts + 1
     WHERE id IN (SELECT id FROM campaigns_outbox WHERE state = 'pending' AND due_at <= $2 ORDER BY due_at, id LIMIT ${limit}${lock})
     RETURNING id, idempotency_key, campaign, step, write_key, subject_id, anonymous_id, phone, attempts, body, link_code, discount_code, created_at`,
    [leaseUntil, now.toISOString()],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), step: Number(r.step), attempts: Number(r.attempts) })).sort((a, b) => a.id - b.id);
}

async function defer(ctx: FeatureContext, row: OutboxRow, until: Date, why: string): Promise<void> {
  await ctx.db.run(`UPDATE campaigns_outbox SET state = 'pending', lease_until = NULL, due_at = $1, attempts = attempts - 1, error = $2 WHERE id = $3 AND state = 'claimed'`, [
    until.toISOString(),
    why,
    row.id,
  ]);
}

async function finish(ctx: FeatureContext, row: OutboxRow, state: 'failed' | 'cancelled' | 'unknown' | 'held', error: string, now: Date, from = 'claimed'): Promise<void> {
  await ctx.db.run(`UPDATE campaigns_outbox SET state = $1, error = $2, finished_at = $3, lease_until = NULL WHERE id = $4 AND state = $5`, [
    state,
    error.slice(0, 500),
    now.toISOString(),
    row.id,
    from,
  ]);
}

export async function dispatchDue(
  ctx: FeatureContext,
  config: CampaignsConfig,
  provider: SmsProvider,
  now: Date,
  hooks: DispatchHooks = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, held: 0, failed: 0, deferred: 0, cancelled: 0, retried: 0, unknown: 0, recovered: 0 };
  const nowIso = now.toISOString();
  const interrupted = await recoverInterrupted(ctx, provider, nowIso);
  result.recovered = interrupted.recovered;
  result.unknown = interrupted.unknown;
  const leaseUntil = new Date(now.getTime() + config.leaseSeconds * 1000).toISOString();

  for (;;) {
    const rows = await claim(ctx, now, leaseUntil, BATCH);
    if (!rows.length) break;
    const hold = async (row: OutboxRow, reason: HoldReason) => {
      await finish(ctx, row, 'held', reason, now);
      result.held++;
    };
    for (const row of rows) {
      // A retry of a message already handed to the provider was counted and checked the first time.
      const firstAttempt = !row.body;
      const held = firstAttempt ? await heldBeforeSending(ctx, config, row) : undefined;
      if (held) {
        await hold(row, held);
        continue;
      }
      const shopper = await shopperOf(ctx, row);
      const timezone = shopper.timezone ?? config.defaultTimezone;
      const quietUntil = nextSendableTime(now, timezone, config.quietHours);
      if (quietUntil > now) {
        await defer(ctx, row, quietUntil, `quiet hours in ${timezone}`);
        result.deferred++;
        continue;
      }
      const campaignTimes = config.campaigns[row.campaign];
      const allowedAt = nextSendDayTime(now, timezone, campaignTimes);
      if (allowedAt > now) {
        // Quiet hours are checked again when the message comes due.
        await defer(ctx, row, allowedAt, `outside the campaign's send days or window in ${timezone}`);
        result.deferred++;
        continue;
      }
      if (config.frequencyCap) {
        const windowStart = new Date(now.getTime() - config.frequencyCap.hours * 3_600_000).toISOString();
        const recent = await ctx.db.query<{ sent_at: string }>(
          `SELECT sent_at FROM campaigns_outbox WHERE phone = $1 AND sent_at > $2 AND state IN ('sent', 'unknown')`,
          [row.phone, windowStart],
        );
        const slot = nextSlotUnderCap(recent.map((r) => new Date(r.sent_at)), now, config.frequencyCap);
        if (slot > now) {
          await defer(ctx, row, slot, `frequency cap ${config.frequencyCap.max} per ${config.frequencyCap.hours} h`);
          result.deferred++;
          continue;
        }
      }

      if (firstAttempt && (await overBudget(ctx, config, row, now))) {
        await hold(row, 'budget');
        continue;
      }

      // A retry (or a recovery after a crash) sends the text stored the first time, with the same
      // link: the provider's dedupe and the shopper see the same message.
      let rendered = row.body && row.link_code ? { body: row.body, linkCode: row.link_code } : undefined;
      try {
        rendered ??= await renderMessage(ctx, config, row, shopper, now);
      } catch (error) {
        // The store's admin could not make the message's discount code yet (network, throttling): tried again like a provider's failure.
        if (error instanceof SmsSendError && !error.permanent && row.attempts < config.maxAttempts) {
          await ctx.db.run(`UPDATE campaigns_outbox SET state = 'pending', due_at = $1, error = $2, lease_until = NULL WHERE id = $3 AND state = 'claimed'`, [
            retryTime(now, row.attempts),
            error.message.slice(0, 500),
            row.id,
          ]);
          result.retried++;
          continue;
        }
        const cancel = error instanceof NothingToSend && error.cancel;
        await finish(ctx, row, cancel ? 'cancelled' : 'failed', (error as Error).message, now);
        if (cancel) result.cancelled++;
        else result.failed++;
        continue;
      }
      // Stored before the provider is called: after a crash we know what may have been sent.
      await ctx.db.run(
        `UPDATE campaigns_outbox SET state = 'sending', body = $1, link_code = $2, segments = $3, provider = $4, sent_at = $5, error = NULL WHERE id = $6 AND state = 'claimed'`,
        [rendered.body, rendered.linkCode, countSegments(rendered.body).segments, provider.name, nowIso, row.id],
      );

      try {
        const answer = await provider.send({ to: row.phone, body: rendered.body, idempotencyKey: row.idempotency_key, outboxId: row.id });
        await hooks.afterProviderAnswered?.(row);
        await ctx.db.run(
          `UPDATE campaigns_outbox SET state = 'sent', provider_message_id = $1, finished_at = $2, lease_until = NULL WHERE id = $3 AND state = 'sending'`,
          [answer.providerMessageId ?? null, nowIso, row.id],
        );
        result.sent++;
      } catch (error) {
        if (!(error instanceof SmsSendError)) throw error; // a crash (or the test seam): leave the row 'sending'
        if (error.maybeSent && !provider.idempotent) {
          await finish(ctx, row, 'unknown', error.message, now, 'sending');
          result.unknown++;
        } else if (error.permanent || row.attempts >= config.maxAttempts) {
          await finish(ctx, row, 'failed', error.message, now, 'sending');
          result.failed++;
        } else {
          await ctx.db.run(
            `UPDATE campaigns_outbox SET state = 'pending', due_at = $1, error = $2, lease_until = NULL, sent_at = NULL WHERE id = $3 AND state = 'sending'`,
            [retryTime(now, row.attempts), error.message.slice(0, 500), row.id],
          );
          result.retried++;
        }
      }
    }
  }
  return result;
}
