// One batch in, one answer out (PROTOCOL.md section 2): each event is normalized, validated and
// clock-corrected on its own; the valid ones are stored in one transaction together with the
// state they change, deduplicated on (write key, messageId); then the features hear about them.
import type { BatchResponse } from 'homing/protocol';
import type { CollectorFeature, FeatureContext, Sql, StoredEvent } from '../feature.js';
import { applyState } from '../state/apply.js';
import { normalizeEvent, type EventType } from './normalize.js';
import { toE164 } from './phone.js';
import { unstorable } from './storable.js';
import { validateEvent } from './validate.js';

export interface IngestInput {
  writeKey: string;
  events: unknown[];
  /** The sender's clock when it sent the batch (body `sentAt`, or the `SentAt` header). */
  sentAt?: string;
  /** The type a single-event endpoint implies (`/v1/t` → track). */
  impliedType?: EventType;
}

export interface IngestResult extends BatchResponse {
  stored: StoredEvent[];
}

const ROWS_PER_INSERT = 100;
const COLUMNS = 12;

function validTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** timestamp' = receivedAt - (sentAt - timestamp); without a usable sentAt, the device's timestamp. */
export function correctTimestamp(timestamp: string, sentAt: string | undefined, receivedAt: number): string {
  const ts = Date.parse(timestamp);
  const sent = validTime(sentAt);
  const corrected = sent === undefined ? ts : receivedAt - (sent - ts);
  const date = new Date(corrected);
  return Number.isNaN(date.getTime()) || Math.abs(date.getFullYear()) > 9999 ? new Date(ts).toISOString() : date.toISOString();
}

function toStored(event: Record<string, any>, writeKey: string, sentAt: string | undefined, receivedAt: number): StoredEvent {
  return {
    writeKey,
    messageId: event.messageId,
    type: event.type,
    ...(event.type === 'track' ? { event: event.event } : {}),
    ...(event.anonymousId !== undefined ? { anonymousId: event.anonymousId } : {}),
    ...(event.userId !== undefined ? { userId: event.userId } : {}),
    timestamp: correctTimestamp(event.timestamp, event.sentAt ?? sentAt, receivedAt),
    receivedAt: new Date(receivedAt).toISOString(),
    ...(event.properties !== undefined ? { properties: event.properties } : {}),
    ...(event.traits !== undefined ? { traits: event.traits } : {}),
    ...(event.context !== undefined ? { context: event.context } : {}),
  };
}

const insertSqlCache = new Map<number, string>();
function insertSql(rows: number): string {
  const cached = insertSqlCache.get(rows);
  if (cached) return cached;
  const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`);
  const sql = `INSERT INTO events (write_key, message_id, type, event, anonymous_id, user_id, timestamp, original_timestamp, received_at, properties, traits, context)
    VALUES ${values.join(', ')} ON CONFLICT (write_key, message_id) DO NOTHING RETURNING message_id`;
  insertSqlCache.set(rows, sql);
  return sql;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

async function insertEvents(tx: Sql, events: { stored: StoredEvent; original: string }[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const chunk = events.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    for (const { stored: e, original } of chunk) {
      params.push(e.writeKey, e.messageId, e.type, e.event ?? null, e.anonymousId ?? null, e.userId ?? null, e.timestamp, original, e.receivedAt, json(e.properties), json(e.traits), json(e.context));
    }
    const rows = await tx.query<{ message_id: string }>(insertSql(chunk.length), params);
    for (const row of rows) inserted.add(row.message_id);
  }
  return inserted;
}

export async function ingest(input: IngestInput, ctx: FeatureContext, features: CollectorFeature[]): Promise<IngestResult> {
  const receivedAt = ctx.now().getTime();
  const rejected: BatchResponse['rejected'] = [];
  const valid: { stored: StoredEvent; original: string }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;

  input.events.forEach((raw, index) => {
    const messageId = raw && typeof raw === 'object' && typeof (raw as any).messageId === 'string' ? ((raw as any).messageId as string) : undefined;
    // An id too long to be one is not echoed: the answer stays small whatever was sent.
    const echo = messageId !== undefined && messageId.length <= 200 ? { messageId } : {};
    const reject = (error: string) => rejected.push({ index, ...echo, error });
    const event = normalizeEvent(raw, input.impliedType);
    if (typeof event === 'string') return reject(event);
    const error = unstorable(raw as object) ?? validateEvent(event);
    if (error) return reject(error);
    if (event.type === 'identify' && typeof (event.traits as any)?.phone === 'string') {
      const e164 = toE164((event.traits as any).phone, ctx.config.defaultCountry);
      if (!e164) return reject(`traits.phone is not a valid phone number: "${String((event.traits as any).phone).slice(0, 40)}" (E.164 expected, e.g. +989121234567)`);
      event.traits = { ...(event.traits as object), phone: e164 };
    }
    if (seen.has(messageId!)) {
      duplicates++;
      return;
    }
    seen.add(messageId!);
    valid.push({ stored: toStored(event, input.writeKey, input.sentAt, receivedAt), original: new Date(event.timestamp as string).toISOString() });
  });

  let stored: StoredEvent[] = [];
  if (valid.length) {
    stored = await ctx.db.transaction(async (tx) => {
      const inserted = await insertEvents(tx, valid);
      const fresh = valid.filter((v) => inserted.has(v.stored.messageId)).map((v) => v.stored);
      await applyState(tx, fresh);
      return fresh;
    });
    duplicates += valid.length - stored.length;
  }

  if (stored.length) await tellFeatures(features, stored, ctx);
  return { accepted: stored.length, duplicates, rejected, stored };
}

/**
 * The events are stored: a feature's failure must not make the sender retry them. And one event a
 * feature cannot handle must not cost the others their turn, so after a failure the feature hears
 * the batch's events one by one, in time order (features handle an event heard twice as once).
 */
async function tellFeatures(features: CollectorFeature[], stored: StoredEvent[], ctx: FeatureContext): Promise<void> {
  for (const feature of features) {
    if (!feature.onEvents) continue;
    try {
      await feature.onEvents(stored, ctx);
      continue;
    } catch (error) {
      if (stored.length === 1) {
        ctx.log.error({ err: error, feature: feature.name, messageId: stored[0]!.messageId }, 'feature failed to handle an event');
        continue;
      }
    }
    const ordered = [...stored].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    for (const event of ordered) {
      try {
        await feature.onEvents([event], ctx);
      } catch (error) {
        ctx.log.error({ err: error, feature: feature.name, messageId: event.messageId }, 'feature failed to handle an event');
      }
    }
  }
}
