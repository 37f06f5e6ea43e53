// The campaigns section of the dashboard and its summary: per campaign and step, messages sent,
// held back (wrong country, budget spent, phone over its cap: counted per reason), failed, unknown, clicked (plain SMS has no read receipts, so clicks are the first signal),
// recovered orders and revenue, opt-outs; and a recovery funnel drawn as inline SVG.
import { messageText } from './message-text.js';
import type { FeatureContext } from '../feature.js';
import { escapeHtml } from '../html.js';
import type { CampaignsConfig } from './config.js';
import { HOLD_REASONS, type HoldReason } from './holds.js';
import { countSegments } from './segments.js';
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

/** Horizontal funnel: sent → clicked → recovered, each bar labelled with its count and share of sent. */
export function funnelSvg(stages: { label: string; value: number }[]): string {
  const width = 420;
  const barHeight = 26;
  const gap = 10;
  const labelWidth = 110;
  const max = Math.max(1, stages[0]?.value ?? 1);
  const rows = stages.map((s, i) => {
    const y = i * (barHeight + gap);
    const w = Math.max(2, Math.round(((width - labelWidth - 90) * s.value) / max));
    const share = i === 0 || !stages[0]!.value ? '' : ` (${Math.round((1000 * s.value) / stages[0]!.value) / 10}%)`;
    return `<text x="0" y="${y + 18}" font-size="13">${escapeHtml(s.label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="#2f6fdf" opacity="${1 - i * 0.25}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="13">${s.value}${share}</text>`;
  });
  const height = stages.length * (barHeight + gap);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="recovery funnel" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}

const HOLD_LABELS: Record<HoldReason, string> = {
  country: "number of another country than the store's",
  budget: "store's daily budget spent",
  phone_cap: 'phone over its daily cap',
};


const money = (revenue: Record<string, number>) =>
  Object.entries(revenue).map(([c, v]) => `${v.toLocaleString('en-US')} ${c}`).join(', ') || '0';

export async function campaignsReport(ctx: FeatureContext, config: CampaignsConfig, providerName: string): Promise<{ summary: CampaignsSummary; html: string }> {
  const summary = await campaignsSummary(ctx, config, providerName);
  const recent = await ctx.db.query<{ id: number; campaign: string; step: number; phone: string; channel: string; state: string; body: string | null; sent_at: string | null; due_at: string; error: string | null; segments: number | null }>(
    `SELECT id, campaign, step, phone, channel, state, body, sent_at, due_at, error, segments FROM campaigns_outbox ORDER BY id DESC LIMIT 20`,
  );
  const rows = summary.steps
    .map(
      (s) => `<tr><td>${escapeHtml(s.campaign)}</td><td>${s.step + 1}</td><td>${s.sent}</td><td>${s.held}</td><td>${s.failed}</td><td>${s.unknown}</td><td>${s.pending}</td><td>${s.cancelled}</td>` +
        `<td>${s.clicked}</td><td>${s.recovered_orders}</td><td>${escapeHtml(money(s.revenue))}</td><td>${s.opt_outs}</td><td>${s.segments}</td></tr>`,
    )
    .join('');
  const templates = Object.entries(config.campaigns)
    .flatMap(([name, c]) => c.steps.flatMap((step, i) => Object.entries(step.template).map(([locale, text]) => {
      // Count with a typical name and link so the number matches what shoppers will receive.
      const sample = text.replace('{name}', 'Sara').replace('{link}', `${ctx.config.publicUrl}/r/AbCd2345`).replace('{code}', step.discountCode ?? '').replace('{product}', 'Product name').replace('{order}', '100234').replace('{days}', '7').replace('{store}', 'shop.example');
      const count = countSegments(sample);
      return `<tr><td>${escapeHtml(name)}</td><td>${i + 1}</td><td>${escapeHtml(step.after)}</td><td>${escapeHtml(locale)}</td><td dir="auto">${escapeHtml(text)}</td><td>${count.encoding}</td><td>${count.units}</td><td>${count.segments}</td></tr>`;
    })))
    .join('');
  const outbox = recent
    .map((m) => `<tr><td>${Number(m.id)}</td><td>${escapeHtml(m.campaign)} ${Number(m.step) + 1}</td><td>${escapeHtml(m.phone)}</td><td>${escapeHtml(m.state)}</td><td>${escapeHtml(m.sent_at ?? m.due_at)}</td><td dir="auto">${escapeHtml(messageText(m.channel, m.body) ?? m.error ?? '')}</td></tr>`)
    .join('');
  const t = summary.totals;
  const notices = summary.notices.map((n) => `<p class="warning" data-notice="campaigns"><b>${escapeHtml(n)}</b></p>`).join('\n');
  const heldText = HOLD_REASONS.map((r) => `${HOLD_LABELS[r]}: <b data-held="${r}">${summary.held[r]}</b>`).join(', ');
  const html = `<h2>Recovery campaigns</h2>
${notices}<p>Provider: <b>${escapeHtml(providerName)}</b>. Plain SMS has no read receipts: engagement is counted from link clicks.
Recovered: <b>${t.recovered_orders}</b> orders, <b>${escapeHtml(money(t.revenue))}</b> (last click within ${config.attributionDays} days).</p>
<p>Held back (not sent, kept in the outbox): ${heldText}.</p>
${funnelSvg([{ label: 'Sent', value: t.sent }, { label: 'Clicked', value: t.clicked }, { label: 'Recovered', value: t.recovered_orders }])}
<table><thead><tr><th>Campaign</th><th>Step</th><th>Sent</th><th>Held</th><th>Failed</th><th>Unknown</th><th>Pending</th><th>Stopped</th><th>Clicked</th><th>Recovered orders</th><th>Revenue</th><th>Opt-outs</th><th>Segments</th></tr></thead><tbody>${rows || '<tr><td colspan="13">No message yet</td></tr>'}</tbody></table>
<h3>Templates</h3>
<p><a href="/campaigns/editor">Open the template editor</a> (live segment count).</p>
<table><thead><tr><th>Campaign</th><th>Step</th><th>After</th><th>Locale</th><th>Text</th><th>Encoding</th><th>Length</th><th>Segments</th></tr></thead><tbody>${templates}</tbody></table>
<h3>Outbox (latest 20)</h3>
<table><thead><tr><th>#</th><th>Message</th><th>To</th><th>State</th><th>When</th><th>Text</th></tr></thead><tbody>${outbox || '<tr><td colspan="6">Empty</td></tr>'}</tbody></table>`;
  return { summary, html };
}
