// Overview: the picked store's numbers over a date range (or all stores' when the owner asks):
// cards, carts / orders / SMS per day, the funnel from cart to recovered order, and downloads.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage } from '../shell.js';
import { parseRange } from '../range.js';
import { overview } from '../queries/overview.js';
import { tablesOf } from '../queries/scope.js';
import { card, dayChart, funnel, rangePicker } from '../widgets.js';
import { campaignNotices } from '../stores.js';

const HOLD_REASONS = ['country', 'budget', 'phone_cap'] as const;

export function registerOverview(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  appPage(app, ctx, features, {
    path: '/app',
    nav: 'overview',
    title: 'overview.title',
    allStores: true,
    async render(view) {
      const { t, fmt } = view;
      const range = parseRange(view.query, view.now, fmt.timeZone);
      const abandonedBefore = new Date(view.now.getTime() - ctx.config.abandonedAfterMinutes * 60_000).toISOString();
      const o = await overview(ctx.db, tables, { store: view.store, start: range.start, end: range.end }, abandonedBefore, range.dayList);
      const cards = [
        card(t('overview.cartsCaptured'), fmt.number(o.carts), undefined, 'carts'),
        card(t('overview.withPhone'), fmt.number(o.withPhone), fmt.percent(o.withPhone, o.carts), 'withPhone'),
        card(t('overview.withConsent'), fmt.number(o.withConsent), fmt.percent(o.withConsent, o.carts), 'withConsent'),
        card(t('overview.abandoned'), fmt.number(o.abandoned), undefined, 'abandoned'),
        card(t('overview.orders'), fmt.number(o.orders), undefined, 'orders'),
        card(t('overview.revenue'), fmt.moneyList(o.revenue), undefined, 'revenue'),
        ...(tables.campaigns
          ? [
              card(t('overview.recoveredOrders'), fmt.number(o.recoveredOrders), undefined, 'recoveredOrders'),
              card(t('overview.recoveredRevenue'), fmt.moneyList(o.recoveredRevenue), undefined, 'recoveredRevenue'),
            ]
          : []),
        ...(tables.offers ? [card(t('overview.upsellRevenue'), fmt.moneyList(o.upsellRevenue), undefined, 'upsellRevenue')] : []),
        ...(tables.surveys
          ? [card(t('overview.surveyAverage'), o.surveyAverage === null ? '–' : `${fmt.number(o.surveyAverage)} / ${fmt.number(5)}`, t('overview.surveyAnswers', { n: fmt.number(o.surveyAnswers) }), 'surveyAverage')]
          : []),
        ...(tables.campaigns
          ? [
              card(t('overview.smsSent'), fmt.number(o.smsSent), undefined, 'smsSent'),
              card(t('overview.smsClicked'), fmt.number(o.smsClicked), fmt.percent(o.smsClicked, o.smsSent), 'smsClicked'),
              card(t('overview.optOuts'), fmt.number(o.optOuts), undefined, 'optOuts'),
              card(t('overview.segments'), fmt.number(o.segments), undefined, 'segments'),
            ]
          : []),
      ];
      const steps = [
        { label: t('overview.cartsCaptured'), value: o.carts },
        { label: t('overview.withPhone'), value: o.withPhone },
        { label: t('overview.withConsent'), value: o.withConsent },
        ...(tables.campaigns
          ? [
              { label: t('state.messaged'), value: o.messaged },
              { label: t('overview.smsClicked'), value: o.smsClicked },
              { label: t('overview.recoveredOrders'), value: o.recoveredOrders },
            ]
          : []),
      ];
      const exportLink = (kind: string, label: string) =>
        `<li><a href="${e(view.href({ from: range.from, to: range.to, days: undefined }, `/app/export/${kind}.csv`))}" download>${e(label)}</a></li>`;
      const notices = campaignNotices(ctx, features, view.store ? [view.store] : view.stores.map((s) => s.writeKey))
        .map((text) => `<p class="notice" role="status" data-notice="campaigns" dir="auto">${e(text)}</p>`)
        .join('');
      const held = HOLD_REASONS.filter((r) => o.held[r])
        .map((r) => `${e(t(`held.${r}`))}: <b data-held="${r}">${e(fmt.number(o.held[r]!))}</b>`)
        .join(' · ');
      return `<h1>${e(t('overview.title'))}</h1>
${notices}${rangePicker(view, range)}
<section class="cards" aria-label="${e(t('overview.title'))}">${cards.join('')}</section>
${held ? `<p class="notice">${e(t('overview.held'))}: ${held}</p>` : ''}
<h2>${e(t('overview.perDay'))}</h2>
${dayChart(
  view,
  o.series.map((d) => d.day),
  [
    { label: 'overview.seriesCarts', values: o.series.map((d) => d.carts) },
    { label: 'overview.seriesOrders', values: o.series.map((d) => d.orders) },
    ...(tables.campaigns ? [{ label: 'overview.seriesSms' as const, values: o.series.map((d) => d.sms) }] : []),
  ],
)}
<h2>${e(t('overview.funnel'))}</h2>
${funnel(view, steps)}
<h2>${e(t('overview.exports'))}</h2>
<ul>${exportLink('carts', t('overview.exportCarts'))}${exportLink('orders', t('overview.exportOrders'))}${tables.campaigns ? exportLink('messages', t('overview.exportMessages')) : ''}${tables.surveys ? exportLink('surveys', t('overview.exportSurveys')) : ''}</ul>`;
    },
  });
}
