// The SMS outbox of a store (or all), created in a range, filtered by state, campaign and phone.
import { messageText } from '../../campaigns/message-text.js';
import type { Sql } from '../../feature.js';
import { inStore, type Scope } from './scope.js';
import { searchPatterns } from './search.js';

export const MESSAGE_STATES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'held', 'cancelled'] as const;
export const CAMPAIGNS = ['abandoned_cart', 'survey', 'cross_sell'] as const;

export interface OutboxRow {
  id: number;
  writeKey: string;
  campaign: string;
  step: number;
  phone: string;
  anonymousId: string | null;
  state: string;
  body: string | null;
  error: string | null;
  segments: number | null;
  dueAt: string;
  sentAt: string | null;
  createdAt: string;
}

export interface OutboxFilter extends Omit<Scope, 'end'> {
  /** First instant after the range; '' for none (a range that reaches today shows what is scheduled after it). */
  end: string;
  state?: string;
  campaign?: string;
  q?: string;
  limit: number;
  offset: number;
}

// 'sending' covers 'claimed' too: both are on their way.
const WHERE = `WHERE ${inStore('write_key', '$1')} AND created_at >= $2 AND (CAST($3 AS TEXT) = '' OR created_at < $3)
  AND (CAST($4 AS TEXT) = '' OR state = $4 OR ($4 = 'sending' AND state = 'claimed'))
  AND (CAST($5 AS TEXT) = '' OR campaign = $5)
  AND (CAST($6 AS TEXT) = '' OR phone LIKE $6 ESCAPE '!' OR LOWER(COALESCE(body, '')) LIKE $7 ESCAPE '!')`;

export async function listOutbox(db: Sql, f: OutboxFilter): Promise<{ total: number; messages: OutboxRow[] }> {
  const { text, digits } = searchPatterns(f.q);
  const state = MESSAGE_STATES.find((s) => s === f.state) ?? '';
  const campaign = CAMPAIGNS.find((c) => c === f.campaign) ?? '';
  // With no digits typed, the phone pattern can match nothing; text still searches bodies.
  const params = [f.store, f.start, f.end, state, campaign, text ? digits || '~' : '', text];
  const [count] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM campaigns_outbox ${WHERE}`, params);
  const rows = await db.query<Record<string, any>>(
    `SELECT id, write_key, campaign, step, phone, anonymous_id, state, channel, body, error, segments, due_at, sent_at, created_at FROM campaigns_outbox ${WHERE}
     ORDER BY id DESC LIMIT $8 OFFSET $9`,
    [...params, f.limit, f.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    messages: rows.map((r) => ({
      id: Number(r.id),
      writeKey: r.write_key,
      campaign: r.campaign,
      step: Number(r.step),
      phone: r.phone,
      anonymousId: r.anonymous_id,
      state: r.state === 'claimed' ? 'sending' : r.state,
      body: messageText(r.channel, r.body),
      error: r.error,
      segments: r.segments === null ? null : Number(r.segments),
      dueAt: r.due_at,
      sentAt: r.sent_at,
      createdAt: r.created_at,
    })),
  };
}

/** A failed message goes back to the queue, due now, with its attempts counted afresh. */
export async function retryMessage(db: Sql, id: number, now: Date): Promise<boolean> {
  const { changes } = await db.run(
    `UPDATE campaigns_outbox SET state = 'pending', due_at = $1, attempts = 0, error = NULL, lease_until = NULL, finished_at = NULL, sent_at = NULL
     WHERE id = $2 AND state = 'failed'`,
    [now.toISOString(), id],
  );
  return changes === 1;
}
