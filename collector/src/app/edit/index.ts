// The editing pages of the app: campaigns, offers, blacklist, stores and the settings history.
// Each renders what the admin API answers for the owner (./fetch-admin.ts) and changes things
// only through that API, from its same-origin script, as JSON.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import type { OfferRule } from '../../offers/types.js';
import type { BlockedPhone } from '../../campaigns/blacklist.js';
import { appPage, type AppView } from '../shell.js';
import { adminGet, type AdminAnswer } from './fetch-admin.js';
import { campaignsBody, type CampaignDocument, type PreviewSample } from './campaigns-page.js';
import { offersBody } from './offers-page.js';
import { blacklistBody } from './blacklist-page.js';
import { storesBody } from './stores-page.js';
import { auditBody, type AuditEntry } from './audit-page.js';
import { scriptTag } from './parts.js';

interface SettingsAnswer {
  general?: Record<string, any>;
  campaigns?: Record<string, CampaignDocument | null>;
  stores?: Record<string, Record<string, any>>;
}

const unavailable = (view: AppView, title: string, answer: AdminAnswer<unknown>) =>
  `<h1>${e(title)}</h1><p class="notice error" role="alert">${e(view.t('edit.unavailable', { status: answer.status }))}</p>`;

/** Sample values for the message preview: this store's most recent shopper name and order, its name, a short link. */
async function previewSample(ctx: FeatureContext, view: AppView, settings: SettingsAnswer): Promise<PreviewSample> {
  const store = view.store;
  const [shopper] = await ctx.db.query<{ name: string }>(
    `SELECT COALESCE(verified_name, prompt_name) AS name FROM campaigns_shoppers WHERE write_key = $1 AND COALESCE(verified_name, prompt_name) IS NOT NULL ORDER BY updated_at DESC LIMIT 1`,
    [store],
  );
  const [order] = await ctx.db.query<{ order_id: string }>('SELECT order_id FROM orders WHERE write_key = $1 ORDER BY created_at DESC LIMIT 1', [store]);
  const storeName = settings.stores && Object.hasOwn(settings.stores, store) ? settings.stores[store]?.name : undefined;
  return {
    name: shopper?.name ?? 'Sara',
    store: storeName || view.stores.find((s) => s.writeKey === store)?.name || store,
    link: `${ctx.config.publicUrl.replace(/\/+$/, '')}/r/AbCd2345`,
    product: view.t('edit.js.sampleProduct'),
    order: order?.order_id ?? '1001',
  };
}

/** The store has a platform webhook secret (shown set as {"set": true}): signed webhooks can confirm its orders. */
function hasWebhooks(settings: SettingsAnswer, store: string): boolean {
  const doc = settings.stores && Object.hasOwn(settings.stores, store) ? settings.stores[store] : undefined;
  return !!(doc?.woocommerce?.webhookSecret || doc?.shopify?.webhookSecret);
}

export function registerEditPages(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  appPage(app, ctx, features, {
    path: '/app/campaigns',
    nav: 'campaigns',
    title: 'edit.title.campaigns',
    async render(view, request) {
      const answer = await adminGet<SettingsAnswer>(app, request, '/v1/settings');
      if (!answer.ok) return unavailable(view, view.t('edit.title.campaigns'), answer);
      const campaigns = Object.fromEntries(Object.entries(answer.json.campaigns ?? {}).filter(([, c]) => c)) as Record<string, CampaignDocument>;
      const body = campaignsBody(view.t, campaigns, view.stores, view.store, await previewSample(ctx, view, answer.json), hasWebhooks(answer.json, view.store));
      return `<h1>${e(view.t('edit.title.campaigns'))}</h1>${body}${scriptTag('edit-campaigns.js')}`;
    },
  });

  appPage(app, ctx, features, {
    path: '/app/offers',
    nav: 'offers',
    title: 'edit.title.offers',
    async render(view, request) {
      const answer = await adminGet<{ rules: OfferRule[] }>(app, request, `/v1/admin/offers/rules${view.store ? `?write_key=${encodeURIComponent(view.store)}` : ''}`);
      if (!answer.ok) return unavailable(view, view.t('edit.title.offers'), answer);
      return offersBody(view.t, answer.json.rules, view.stores, view.store);
    },
  });

  appPage(app, ctx, features, {
    path: '/app/blacklist',
    nav: 'blacklist',
    title: 'edit.title.blacklist',
    allStores: true,
    async render(view, request) {
      const answer = await adminGet<{ entries: BlockedPhone[] }>(app, request, `/v1/campaigns/blacklist?writeKey=${encodeURIComponent(view.store || '*')}`);
      if (!answer.ok) return unavailable(view, view.t('edit.title.blacklist'), answer);
      return blacklistBody(view, answer.json.entries);
    },
  });

  appPage(app, ctx, features, {
    path: '/app/stores',
    nav: 'stores',
    title: 'edit.title.stores',
    async render(view, request) {
      const answer = await adminGet<SettingsAnswer>(app, request, '/v1/settings');
      if (!answer.ok) return unavailable(view, view.t('edit.title.stores'), answer);
      return storesBody(view, answer.json);
    },
  });

  appPage(app, ctx, features, {
    path: '/app/audit',
    nav: 'audit',
    title: 'edit.title.audit',
    async render(view, request) {
      const answer = await adminGet<AuditEntry[]>(app, request, '/v1/settings/audit?limit=200');
      if (!answer.ok) return unavailable(view, view.t('edit.title.audit'), answer);
      return auditBody(view, answer.json);
    },
  });
}
