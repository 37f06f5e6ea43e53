// The campaigns' summary: per campaign and step, messages sent, held back (wrong country, budget
// spent, phone over its cap: counted per reason), failed, unknown, clicked (plain SMS has no read
// receipts, so clicks are the first signal), recovered orders and revenue, opt-outs.
import type { FeatureContext } from '../feature.js';
import type { CampaignsConfig } from './config.js';
import { HOLD_REASONS, type HoldReason } from './holds.js';
import { storesOnHold } from './stores.js';
import { ORDER_STANDS } from '../state/ordered.js';

export interface StepReport {
  campaign: string;
  step: number;
  /** sms or email (the outbox row's channel). */
  channel: string;
  scheduled: number;
  sent: number;
  held: number;
  failed: number;
  unknown: number;
  cancelled: number;
  pending: number;
  clicked: number;
  clicks: number;
  recovered_orders: number;
  revenue: Record<string, number>;
  opt_outs: number;
  segments: number;
}

export interface CampaignsSummary {
  provider: string;
  /** Stores whose campaigns send nothing, and what to set. */
  notices: string[];
  /** Messages held back, per reason. */
  held: Record<HoldReason, number>;
  steps: StepReport[];
  totals: { sent: number; clicked: number; recovered_orders: number; revenue: Record<string, number>; opt_outs: number };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Which messages a report counts: one store ('' or absent: all) and a range of instants (ISO, end exclusive). */
export interface ReportScope {
  store?: string;
  start?: string;
  end?: string;
}

/** A message counts in the range it was sent in (else made in), a click, order or opt-out in the range it happened in. */
const scoped = (store: string, at: string) => `(CAST($1 AS TEXT) = '' OR ${store} = $1) AND ${at} >= $2 AND ${at} < $3`;
const scopeParams = (scope: ReportScope) => [scope.store ?? '', scope.start ?? '', scope.end ?? '9999-12-31T23:59:59.999Z'];

export async function campaignsSummary(ctx: FeatureContext, config: CampaignsConfig, providerName: string, scope: ReportScope = {}): Promise<CampaignsSummary> {
  const db = ctx.db;
  const params = scopeParams(scope);
  const heldRows = await db.query<{ reason: string; n: number }>(
    `SELECT error AS reason, COUNT(*) AS n FROM campaigns_outbox WHERE state = 'held' AND ${scoped('write_key', 'created_at')} GROUP BY error`,
    params,
  );
  const held = Object.fromEntries(HOLD_REASONS.map((r) => [r, 0])) as Record<HoldReason, number>;
  for (const r of heldRows) if (HOLD_REASONS.includes(r.reason as HoldReason)) held[r.reason as HoldReason] += Number(r.n);
  const notices = storesOnHold(config, scope.store ? [scope.store] : Object.keys(ctx.config.writeKeys), ctx.config.defaultCountry);
  const list = await stepReports(ctx, scope);
  const revenue: Record<string, number> = {};
  for (const s of list) for (const [c, v] of Object.entries(s.revenue)) revenue[c] = round((revenue[c] ?? 0) + v);
  const sum = (k: 'sent' | 'clicked' | 'recovered_orders' | 'opt_outs') => list.reduce((t, s) => t + s[k], 0);
  return { provider: providerName, notices, held, steps: list, totals: { sent: sum('sent'), clicked: sum('clicked'), recovered_orders: sum('recovered_orders'), revenue, opt_outs: sum('opt_outs') } };
}

/** One row per campaign, step and channel (sms, email) with messages in the scope. */
export async function stepReports(ctx: Pick<FeatureContext, 'db'>, scope: ReportScope = {}): Promise<StepReport[]> {
  const db = ctx.db;
  const params = scopeParams(scope);
  const states = await db.query<{ campaign: string; step: number; channel: string; state: string; n: number; segments: number | null }>(
    `SELECT campaign, step, channel, state, COUNT(*) AS n, SUM(segments) AS segments FROM campaigns_outbox
     WHERE ${scoped('write_key', 'COALESCE(sent_at, created_at)')} GROUP BY campaign, step, channel, state`,
    params,
  );
  const clicks = await db.query<{ campaign: string; step: number; channel: string; clicked: number; clicks: number }>(
    `SELECT l.campaign, l.step, m.channel, COUNT(DISTINCT l.outbox_id) AS clicked, COUNT(*) AS clicks
     FROM links_clicks k JOIN links_links l ON l.code = k.code JOIN campaigns_outbox m ON m.id = l.outbox_id
     WHERE ${scoped('m.write_key', 'k.clicked_at')} GROUP BY l.campaign, l.step, m.channel`,
    params,
  );
  const recovered = await db.query<{ campaign: string; step: number; channel: string | null; currency: string | null; n: number; revenue: number | null }>(
    // A cancelled or refunded order (the platform's signed webhooks say so) recovered nothing.
    `SELECT a.campaign, a.step, m.channel, a.currency, COUNT(*) AS n, SUM(a.value) AS revenue FROM campaigns_attributions a
     LEFT JOIN orders o ON o.write_key = a.write_key AND o.order_id = a.order_id
     LEFT JOIN campaigns_outbox m ON m.id = a.outbox_id
     WHERE ${ORDER_STANDS} AND ${scoped('a.write_key', 'a.ordered_at')} GROUP BY a.campaign, a.step, m.channel, a.currency`,
    params,
  );
  const optOuts = await db.query<{ campaign: string; step: number; channel: string; n: number }>(
    `SELECT o.campaign, o.step, o.channel, COUNT(*) AS n FROM campaigns_optouts x JOIN campaigns_outbox o ON o.id = x.last_outbox_id
     WHERE ${scoped('o.write_key', 'x.opted_out_at')} GROUP BY o.campaign, o.step, o.channel`,
    params,
  );
  const steps = new Map<string, StepReport>();
  const entry = (campaign: string, step: number, channel: string | null) => {
    const key = `${campaign}:${Number(step)}:${channel ?? 'sms'}`;
    let e = steps.get(key);
    if (!e) {
      e = { campaign, step: Number(step), channel: channel ?? 'sms', scheduled: 0, sent: 0, held: 0, failed: 0, unknown: 0, cancelled: 0, pending: 0, clicked: 0, clicks: 0, recovered_orders: 0, revenue: {}, opt_outs: 0, segments: 0 };
      steps.set(key, e);
    }
    return e;
  };
  for (const r of states) {
    const e = entry(r.campaign, r.step, r.channel);
    const n = Number(r.n);
    e.scheduled += n;
    if (r.state === 'sent') {
      e.sent += n;
      e.segments += Number(r.segments ?? 0);
    } else if (r.state === 'held') e.held += n;
    else if (r.state === 'failed') e.failed += n;
    else if (r.state === 'unknown') e.unknown += n;
    else if (r.state === 'cancelled') e.cancelled += n;
    else e.pending += n;
  }
  for (const r of clicks) Object.assign(entry(r.campaign, r.step, r.channel), { clicked: Number(r.clicked), clicks: Number(r.clicks) });
  for (const r of recovered) {
    const e = entry(r.campaign, r.step, r.channel);
    e.recovered_orders += Number(r.n);
    if (r.revenue !== null) e.revenue[r.currency ?? ''] = round((e.revenue[r.currency ?? ''] ?? 0) + Number(r.revenue));
  }
  for (const r of optOuts) entry(r.campaign, r.step, r.channel).opt_outs += Number(r.n);
  return [...steps.values()].sort((a, b) => a.campaign.localeCompare(b.campaign) || a.step - b.step || a.channel.localeCompare(b.channel));
}
