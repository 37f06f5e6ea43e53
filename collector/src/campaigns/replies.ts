// Inbound replies (the opt-out webhook). A reply that is an opt-out keyword records the phone in
// campaigns_optouts for the store the webhook names and cancels that store's pending messages to it
// at once; an opt-in keyword removes that store's opt-out. Other stores on the same collector keep
// messaging the phone: only the operator's blacklist for every store ('*') stops them all.
import { toE164 } from '../ingest/phone.js';
import type { FeatureContext } from '../feature.js';
import { replyIntent, type ReplyIntent } from './opt-out.js';

/** The sender and text from Twilio (From/Body, form), Kavenegar (from/message) or a generic JSON {from, body}. */
export function readInbound(body: unknown, query: unknown): { from?: string; text?: string } {
  const pick = (source: unknown, ...keys: string[]) => {
    if (!source || typeof source !== 'object') return undefined;
    for (const key of keys) {
      const value = (source as Record<string, unknown>)[key];
      if (typeof value === 'string' && value) return value;
    }
    return undefined;
  };
  return {
    from: pick(body, 'From', 'from', 'sender', 'phone') ?? pick(query, 'From', 'from', 'sender'),
    text: pick(body, 'Body', 'body', 'message', 'text') ?? pick(query, 'Body', 'body', 'message', 'text'),
  };
}

export interface ReplyOutcome {
  phone: string | null;
  intent: ReplyIntent;
  cancelled: number;
}

export async function handleReply(ctx: FeatureContext, writeKey: string, from: string, text: string, defaultCountry: string | undefined): Promise<ReplyOutcome> {
  // Kavenegar forwards Iranian senders in national form (0912...): read with the store's country.
  const phone = toE164(from, defaultCountry) ?? (from.startsWith('0098') ? toE164(`+${from.slice(2)}`) : null);
  const intent = replyIntent(text);
  if (!phone || !intent) return { phone, intent, cancelled: 0 };
  const now = ctx.now().toISOString();
  if (intent === 'opt-in') {
    await ctx.db.run('DELETE FROM campaigns_optouts WHERE write_key = $1 AND phone = $2', [writeKey, phone]);
    return { phone, intent, cancelled: 0 };
  }
  const [last] = await ctx.db.query<{ id: number }>(
    `SELECT id FROM campaigns_outbox WHERE write_key = $1 AND phone = $2 AND sent_at IS NOT NULL AND state IN ('sent', 'unknown') ORDER BY sent_at DESC, id DESC LIMIT 1`,
    [writeKey, phone],
  );
  await ctx.db.run(
    `INSERT INTO campaigns_optouts (write_key, phone, opted_out_at, keyword, last_outbox_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (write_key, phone) DO UPDATE SET opted_out_at = excluded.opted_out_at, keyword = excluded.keyword, last_outbox_id = excluded.last_outbox_id`,
    [writeKey, phone, now, text.trim().slice(0, 50), last ? Number(last.id) : null],
  );
  const { changes } = await ctx.db.run(
    `UPDATE campaigns_outbox SET state = 'cancelled', error = 'opted out', finished_at = $1 WHERE write_key = $2 AND phone = $3 AND state = 'pending'`,
    [now, writeKey, phone],
  );
  return { phone, intent, cancelled: changes };
}
