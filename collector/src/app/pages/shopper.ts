// A shopper's page: phone (masked until shown), consent, and the timeline of events, SMS sent,
// clicks and orders, newest first.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage, type AppView } from '../shell.js';
import { linkOwnUrls } from '../own-links.js';
import type { Key } from '../i18n/index.js';
import { shopper, type TimelineEntry } from '../queries/shopper.js';
import { tablesOf } from '../queries/scope.js';
import { phoneCell } from './carts.js';

const MESSAGE_STATES = new Set(['pending', 'claimed', 'sending', 'sent', 'failed', 'unknown', 'held', 'cancelled']);
/** The catalogue's names of the protocol's events; custom events show their own name. */
const EVENTS = new Map<string, Key>(
  (['Product Added', 'Product Removed', 'Cart Updated', 'Cart Viewed', 'Checkout Started', 'Order Completed', 'Promotion Viewed', 'Promotion Clicked', 'Upsell Accepted', 'Upsell Declined', 'Survey Submitted'] as const).map(
    (name) => [name, `event.${name.toLowerCase().replace(/ /g, '_')}` as Key],
  ),
);

function entryText(view: AppView, entry: TimelineEntry): string {
  const { t } = view;
  switch (entry.kind) {
    case 'page':
      return t('shopper.page');
    case 'identify':
      return t('shopper.identify');
    case 'order':
      return t('shopper.order', { id: entry.title });
    case 'click':
      return t('shopper.click');
    case 'message':
      return t('shopper.message', { state: MESSAGE_STATES.has(entry.title) ? t(`msg.${entry.title as 'sent'}`) : entry.title });
    default: {
      const key = EVENTS.get(entry.title);
      return key ? t(key) : entry.title;
    }
  }
}

export function registerShopper(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  appPage(app, ctx, features, {
    path: '/app/shopper',
    nav: 'carts',
    title: 'shopper.title',
    async render(view, _request, reply) {
      const { t, fmt } = view;
      const id = view.query.id ?? '';
      const found = id && view.store ? await shopper(ctx.db, tables, view.store, id) : undefined;
      if (!found) {
        reply.code(404);
        return `<h1>${e(t('shopper.title'))}</h1><p>${e(t('common.notFound'))}</p>`;
      }
      const items = found.timeline
        .map(
          (entry) => `<li class="kind-${entry.kind}" data-kind="${entry.kind}"><time datetime="${e(entry.at)}">${e(fmt.dateTime(entry.at))}</time> · <b><bdi dir="auto">${e(entryText(view, entry))}</bdi></b>${
            entry.value !== undefined && entry.value !== null ? ` · ${e(fmt.money(entry.value, entry.currency))}` : ''
          }${entry.detail ? `<div class="muted"><bdi dir="auto">${entry.kind === 'message' ? linkOwnUrls(entry.detail, ctx.config.publicUrl) : e(entry.detail)}</bdi></div>` : ''}</li>`,
        )
        .join('');
      return `<h1>${e(t('shopper.title'))}</h1>
<dl class="cards">
<div class="card"><dt class="label">${e(t('carts.phone'))}</dt><dd class="value">${phoneCell(view, found.phone, 'phone')}</dd></div>
<div class="card"><dt class="label">${e(t('carts.consent'))}</dt><dd class="value">${e(t(found.consent ? 'common.yes' : 'common.no'))}</dd></div>
<div class="card"><dt class="label">${e(t('carts.updated'))}</dt><dd class="value"><time datetime="${e(found.lastSeen)}">${e(fmt.relative(found.lastSeen))}</time></dd></div>
</dl>
<h2>${e(t('shopper.timeline'))}</h2>
<ol class="timeline">${items || `<li>${e(t('common.none'))}</li>`}</ol>`;
    },
  });
}
