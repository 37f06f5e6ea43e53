// Retention: one store over a date range (presets 90, 180, 365 days): KPI cards each with a line
// in plain words, the monthly cohorts as a heat map (numbers in every cell, in a box that scrolls
// on its own on a phone), the RFM groups with what to do about each, and what every campaign's
// messages brought in those dates. Numbers: ../../retention/report.ts, ../../campaigns/report.ts.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage, type AppView } from '../shell.js';
import { parseRange } from '../range.js';
import { tablesOf } from '../queries/scope.js';
import { card, rangePicker } from '../widgets.js';
import { campaignsConfig } from '../stores.js';
import { DEFAULT_CHURN_DAYS, retentionReport, type RetentionReport } from '../../retention/report.js';
import { storeSettings } from '../../campaigns/stores.js';
import { CAMPAIGNS, type CampaignsConfig } from '../../campaigns/config.js';
import { DEFAULT_VIP_SEGMENT } from '../../campaigns/lifecycle/settings.js';
import { stepReports, type StepReport } from '../../campaigns/report.js';
import type { Key } from '../i18n/index.js';

export const RETENTION_PRESETS = [90, 180, 365] as const;

/** "Nov 2026"; in a calendar whose months are not the Gregorian ones (Persian) the two months it spans ("فروردین–اردیبهشت ۱۴۰۵"). */
function monthLabel(view: AppView, month: string): string {
  const first = new Date(`${month}-01T12:00:00Z`);
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0, 12));
  const gregorian = new Intl.DateTimeFormat(view.lang.intl).resolvedOptions().calendar === 'gregory';
  if (gregorian) return new Intl.DateTimeFormat(view.lang.intl, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(first);
  const monthYear = new Intl.DateTimeFormat(view.lang.intl, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  const [from, to] = [monthYear.format(first), monthYear.format(last)];
  if (from === to) return from;
  const sameYear = new Intl.DateTimeFormat('en', { calendar: new Intl.DateTimeFormat(view.lang.intl).resolvedOptions().calendar, timeZone: 'UTC', year: 'numeric' });
  const start = sameYear.format(first) === sameYear.format(last) ? new Intl.DateTimeFormat(view.lang.intl, { timeZone: 'UTC', month: 'short' }).format(first) : from;
  return `${start}–${to}`;
}

/** Heat steps: the cell's class by share; the number is always written in the cell too. */
const heat = (share: number) => (share <= 0 ? 0 : share < 0.05 ? 1 : share < 0.1 ? 2 : share < 0.2 ? 3 : share < 0.35 ? 4 : 5);

function kpis(view: AppView, r: RetentionReport): string {
  const { t, fmt } = view;
  const money = (n: number) => fmt.money(n, r.currency);
  const item = (id: string, key: Key, value: string, hint: string) => card(t(key), value, hint, id);
  return [
    item('customers', 'retention.customers', fmt.number(r.customers), t('retention.customers.hint')),
    item('newCustomers', 'retention.new', fmt.number(r.newCustomers), t('retention.new.hint')),
    item('returningCustomers', 'retention.returning', fmt.number(r.returningCustomers), t('retention.returning.hint')),
    item('repeatPurchaseRate', 'retention.repeatRate', fmt.percent(r.repeatPurchaseRate, 1), t('retention.repeatRate.hint')),
    item('ordersPerCustomer', 'retention.ordersPerCustomer', fmt.number(r.ordersPerCustomer), t('retention.ordersPerCustomer.hint')),
    item('averageOrderValue', 'retention.aov', money(r.averageOrderValue), t('retention.aov.hint')),
    item('revenue', 'retention.revenue', money(r.revenue), t('retention.revenue.hint')),
    item('medianDaysBetweenOrders', 'retention.medianGap', r.medianDaysBetweenOrders === null ? '–' : t('retention.days', { n: fmt.number(r.medianDaysBetweenOrders, 1) }), t('retention.medianGap.hint')),
    item('churnRate', 'retention.churn', fmt.percent(r.churnRate, 1), t('retention.churn.hint', { days: fmt.number(r.churnDays) })),
    item('clv', 'retention.clv', money(r.clv), t('retention.clv.hint')),
  ].join('');
}

function cohortTable(view: AppView, r: RetentionReport): string {
  const { t, fmt } = view;
  const cohorts = r.cohorts.filter((c) => c.customers > 0);
  if (!cohorts.length) return `<p>${e(t('retention.none'))}</p>`;
  const months = Math.max(0, ...cohorts.map((c) => c.active.length - 1));
  const head = Array.from({ length: months }, (_, k) => `<th scope="col" class="num">${e(t('retention.cohort.later', { n: fmt.number(k + 1) }))}</th>`).join('');
  const rows = cohorts
    .map((c) => {
      const label = monthLabel(view, c.month);
      const cells = Array.from({ length: months }, (_, i) => {
        const k = i + 1;
        if (k >= c.active.length) return '<td class="num heat-none"></td>';
        const share = fmt.percent(c.active[k]!, c.customers);
        const title = t('retention.cohort.cell', { share, month: label, n: fmt.number(c.active[k]!) });
        return `<td class="num heat h${heat(c.retention[k]!)}" title="${e(title)}" data-month="${e(c.month)}" data-k="${k}">${e(share)}</td>`;
      }).join('');
      return `<tr><th scope="row">${e(label)}</th><td class="num" data-cohort="${e(c.month)}">${e(fmt.number(c.customers))}</td>${cells}</tr>`;
    })
    .join('');
  return `<div class="scroll-box" role="region" tabindex="0" aria-labelledby="cohorts-h"><table class="cohorts"><thead><tr><th scope="col">${e(t('retention.cohort.month'))}</th><th scope="col" class="num">${e(t('retention.cohort.customers'))}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function segmentTable(view: AppView, r: RetentionReport, vipSegment: string | undefined): string {
  const { t, fmt } = view;
  const label = (key: Key) => `data-label="${e(t(key))}"`;
  const rows = r.rfm
    .map((s) => {
      const vip = s.segment === vipSegment ? `<div class="muted" data-vip>${e(t('retention.segment.vip'))}</div>` : '';
      return `<tr data-segment="${e(s.segment)}"><td ${label('retention.segment')}><div><b>${e(t(`segment.${s.segment}`))}</b>${vip}</div></td>
<td class="num" ${label('retention.segment.customers')} data-customers>${e(fmt.number(s.customers))}</td>
<td class="num" ${label('retention.segment.revenue')} data-revenue>${e(fmt.money(s.revenue, r.currency))}</td>
<td ${label('retention.segment.todo')}>${e(t(`segment.${s.segment}.todo`))}</td></tr>`;
    })
    .join('');
  return `<table class="stack segments"><thead><tr>${(['retention.segment', 'retention.segment.customers', 'retention.segment.revenue', 'retention.segment.todo'] as const)
    .map((k) => `<th scope="col">${e(t(k))}</th>`)
    .join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Every configured step of every campaign (the owner sees the ones that sent nothing too), and any other step with messages. */
function resultRows(config: CampaignsConfig | undefined, steps: StepReport[]): { row: StepReport; enabled: boolean }[] {
  const empty = (campaign: string, step: number, channel: string): StepReport => ({
    campaign, step, channel, scheduled: 0, sent: 0, held: 0, failed: 0, unknown: 0, cancelled: 0, pending: 0, clicked: 0, clicks: 0, recovered_orders: 0, revenue: {}, opt_outs: 0, segments: 0,
  });
  const byKey = new Map(steps.map((s) => [`${s.campaign}:${s.step}:${s.channel}`, s]));
  const out: { row: StepReport; enabled: boolean }[] = [];
  for (const name of CAMPAIGNS) {
    const campaign = config?.campaigns[name];
    const configured = campaign?.steps.map((s, i) => `${name}:${i}:${s.channel ?? 'sms'}`) ?? [];
    const keys = [...new Set([...configured, ...steps.filter((s) => s.campaign === name).map((s) => `${s.campaign}:${s.step}:${s.channel}`)])];
    keys.sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]) || a.localeCompare(b));
    for (const key of keys) {
      const [, step, channel] = key.split(':');
      out.push({ row: byKey.get(key) ?? empty(name, Number(step), channel!), enabled: campaign?.enabled ?? false });
    }
  }
  return out;
}

function resultsTable(view: AppView, rows: { row: StepReport; enabled: boolean }[]): string {
  const { t, fmt } = view;
  const label = (key: Key) => `data-label="${e(t(key))}"`;
  const known = new Set<string>(CAMPAIGNS);
  const body = rows
    .map(({ row: s, enabled }) => {
      const name = known.has(s.campaign) ? t(`edit.campaign.${s.campaign}` as Key) : s.campaign;
      const channel = s.channel === 'email' ? t('channel.email') : t('channel.sms');
      return `<tr data-campaign="${e(s.campaign)}" data-step="${s.step}" data-channel="${e(s.channel)}">
<td ${label('results.campaign')}>${e(name)}${enabled ? '' : ` <span class="badge muted">${e(t('results.off'))}</span>`}</td>
<td class="num" ${label('results.step')}>${e(fmt.number(s.step + 1))}</td>
<td ${label('results.channel')}><span class="badge ch-${s.channel === 'email' ? 'email' : 'sms'}">${e(channel)}</span></td>
<td class="num" ${label('results.sent')} data-sent>${e(fmt.number(s.sent))}</td>
<td class="num" ${label('results.clicked')} data-clicked>${e(fmt.number(s.clicked))}${s.sent ? ` (${e(fmt.percent(s.clicked, s.sent))})` : ''}</td>
<td class="num" ${label('results.orders')} data-orders>${e(fmt.number(s.recovered_orders))}</td>
<td class="num" ${label('results.revenue')} data-revenue>${e(fmt.moneyList(s.revenue))}</td>
<td class="num" ${label('results.optOuts')} data-optouts>${e(fmt.number(s.opt_outs))}</td></tr>`;
    })
    .join('');
  const head = (['results.campaign', 'results.step', 'results.channel', 'results.sent', 'results.clicked', 'results.orders', 'results.revenue', 'results.optOuts'] as const)
    .map((k) => `<th scope="col">${e(t(k))}</th>`)
    .join('');
  return `<table class="stack results"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function registerRetention(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  appPage(app, ctx, features, {
    path: '/app/retention',
    nav: 'retention',
    title: 'retention.title',
    async render(view) {
      const { t, fmt } = view;
      const heading = `<h1>${e(t('retention.title'))}</h1>`;
      if (!view.store) return `${heading}<p>${e(t('retention.none'))}</p>`;
      const range = parseRange(view.query, view.now, fmt.timeZone, RETENTION_PRESETS, 365);
      const config = campaignsConfig(ctx, features);
      const churnDays = (config && storeSettings(config, view.store).churnDays) ?? DEFAULT_CHURN_DAYS;
      const r = await retentionReport(ctx.db, view.store, { from: new Date(range.start), to: new Date(range.end) }, churnDays);
      const others = r.otherCurrencies.length
        ? `<p class="muted" data-other-currencies>${e(t('retention.otherCurrencies'))} ${r.otherCurrencies
            .map((o) => `<span dir="auto">${e(`${fmt.money(o.revenue, o.currency)} (${t('retention.orders', { n: fmt.number(o.orders) })})`)}</span>`)
            .join(' · ')}</p>`
        : '';
      const vipSegment = config ? (config.campaigns.vip.segment ?? DEFAULT_VIP_SEGMENT) : undefined;
      const vipLink = tables.campaigns ? `<p><a href="${e(view.href({}, '/app/campaigns'))}#campaign-vip" data-vip-link>${e(t('retention.vipLink'))}</a></p>` : '';
      const results =
        tables.campaigns && tables.links
          ? `<h2 id="results-h">${e(t('results.title'))}</h2><p class="muted">${e(t('results.hint'))}</p>
${resultsTable(view, resultRows(config, await stepReports(ctx, { store: view.store, start: range.start, end: range.end })))}`
          : '';
      return `${heading}
<p class="muted">${e(t('retention.intro'))}</p>
${rangePicker(view, range, RETENTION_PRESETS)}
${r.customers ? '' : `<p class="notice">${e(t('retention.none'))}</p>`}
<section class="cards" aria-label="${e(t('retention.title'))}">${kpis(view, r)}</section>
${others}
<h2 id="cohorts-h">${e(t('retention.cohorts'))}</h2>
<p class="muted">${e(t('retention.cohorts.hint'))}</p>
${cohortTable(view, r)}
<h2>${e(t('retention.segments'))}</h2>
<p class="muted">${e(t('retention.segments.hint'))}</p>
${segmentTable(view, r, vipSegment)}
${vipLink}
${results}`;
    },
  });
}
