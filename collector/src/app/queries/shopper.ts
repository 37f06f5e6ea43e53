// One shopper of one store: who (phone, consent), their carts and orders, and a timeline of what
// they did and what was sent to them: events, SMS, clicks on SMS links, orders.
import type { Sql } from '../../feature.js';
import type { Tables } from './scope.js';

export interface TimelineEntry {
  at: string;
  kind: 'event' | 'page' | 'identify' | 'message' | 'click' | 'order';
  /** Event name, message state, order id. */
  title: string;
  /** Shopper or store text shown as is (escaped): a product, an SMS body. */
  detail?: string;
  value?: number | null;
  currency?: string | null;
  messageId?: number;
}

export interface Shopper {
  anonymousId: string;
  phone: string | null;
  consent: boolean;
  firstSeen: string;
  lastSeen: string;
  timeline: TimelineEntry[];
}

const LIMIT = 300;

function describe(type: string, event: string | null, properties: string | null): Pick<TimelineEntry, 'kind' | 'title' | 'detail'> {
  let p: Record<string, any> = {};
  try {
    p = properties ? JSON.parse(properties) : {};
  } catch {
    // Stored as JSON by the collector.
  }
  if (type === 'page') return { kind: 'page', title: 'page', detail: typeof p.path === 'string' ? p.path : undefined };
  if (type === 'identify') return { kind: 'identify', title: 'identify' };
  const name = typeof p.name === 'string' ? p.name : typeof p.product_id === 'string' ? p.product_id : undefined;
  return { kind: 'event', title: event ?? type, detail: name };
}

export async function shopper(db: Sql, tables: Tables, writeKey: string, anonymousId: string): Promise<Shopper | undefined> {
  const [who] = await db.query<{ phone: string | null; phone_consent: number | null; first_seen: string; last_seen: string }>(
    'SELECT phone, phone_consent, first_seen, last_seen FROM identities WHERE write_key = $1 AND anonymous_id = $2',
    [writeKey, anonymousId],
  );
  const events = await db.query<{ type: string; event: string | null; timestamp: string; properties: string | null }>(
    'SELECT type, event, timestamp, properties FROM events WHERE write_key = $1 AND anonymous_id = $2 ORDER BY timestamp DESC LIMIT $3',
    [writeKey, anonymousId, LIMIT],
  );
  if (!who && !events.length) return undefined;
  const phone = who?.phone ?? null;
  const timeline: TimelineEntry[] = events.map((ev) => ({ at: ev.timestamp, ...describe(ev.type, ev.event, ev.properties) }));

  const orders = await db.query<{ order_id: string; value: number | null; currency: string | null; created_at: string }>(
    'SELECT order_id, value, currency, created_at FROM orders WHERE write_key = $1 AND anonymous_id = $2 ORDER BY created_at DESC LIMIT $3',
    [writeKey, anonymousId, LIMIT],
  );
  for (const o of orders) timeline.push({ at: o.created_at, kind: 'order', title: o.order_id, value: o.value === null ? null : Number(o.value), currency: o.currency });

  if (tables.campaigns) {
    const messages = await db.query<{ id: number; state: string; body: string | null; sent_at: string | null; created_at: string; campaign: string }>(
      `SELECT id, state, body, sent_at, created_at, campaign FROM campaigns_outbox
       WHERE write_key = $1 AND (anonymous_id = $2 OR (CAST($3 AS TEXT) <> '' AND phone = $3)) ORDER BY id DESC LIMIT $4`,
      [writeKey, anonymousId, phone ?? '', LIMIT],
    );
    for (const m of messages) timeline.push({ at: m.sent_at ?? m.created_at, kind: 'message', title: m.state, detail: m.body ?? undefined, messageId: Number(m.id) });
    if (tables.links && messages.length) {
      const clicks = await db.query<{ clicked_at: string; outbox_id: number }>(
        `SELECT k.clicked_at, l.outbox_id FROM links_clicks k JOIN links_links l ON l.code = k.code
         WHERE l.write_key = $1 AND (l.anonymous_id = $2 OR (CAST($3 AS TEXT) <> '' AND l.phone = $3)) ORDER BY k.clicked_at DESC LIMIT $4`,
        [writeKey, anonymousId, phone ?? '', LIMIT],
      );
      for (const k of clicks) timeline.push({ at: k.clicked_at, kind: 'click', title: 'click', messageId: k.outbox_id === null ? undefined : Number(k.outbox_id) });
    }
  }
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    anonymousId,
    phone,
    consent: Number(who?.phone_consent) === 1,
    firstSeen: who?.first_seen ?? events[events.length - 1]!.timestamp,
    lastSeen: who?.last_seen ?? events[0]!.timestamp,
    timeline: timeline.slice(0, LIMIT),
  };
}
