// /app/stores: the picked store's settings (write key to copy, URL, origins, countries, language,
// daily SMS budget, platform secrets), the SMS provider, and a form to create a store. Secrets are
// write-only: the API gives {"set": true}, the page shows "set" and offers replace or clear.
import { escapeHtml as e } from '../../html.js';
import type { AppView } from '../shell.js';
import { editEn } from '../i18n/edit-en.js';
import { field, scriptStrings, scriptTag, secretField, select, uid } from './parts.js';

export type StoreDocument = Record<string, any>;
const platforms = (t: AppView['t']): [string, string][] => [
  ['', '—'],
  ['woocommerce', 'WooCommerce'],
  ['shopify', 'Shopify'],
  ['generic', t('edit.stores.platform.generic')],
];
const LOCALES: [string, string][] = [
  ['', '—'],
  ['en', 'English'],
  ['fa', 'فارسی'],
  ['he', 'עברית'],
  ['ar', 'العربية'],
];

const pathInput = (path: string, value: unknown, attrs = '') => (id: string) => `<input id="${e(id)}" data-path="${e(path)}" value="${e(value ?? '')}" ${attrs}>`;
const pathSelect = (path: string, value: unknown, options: [string, string][]) => (id: string) =>
  select('', value, options)(id).replace('<select ', `<select data-path="${e(path)}" `).replace(' name=""', '');

function storeFields(view: AppView, doc: StoreDocument): string {
  const t = view.t;
  return `<div class="row">${field(t('edit.stores.name'), pathInput('name', doc.name, 'dir="auto"'))}
${field(t('edit.stores.url'), pathInput('url', doc.url, 'type="url" dir="ltr" placeholder="https://shop.example"'))}
${field(t('edit.stores.platform'), pathSelect('platform', doc.platform ?? '', platforms(t)))}</div>
${field(t('edit.stores.origins'), (id) => `<textarea id="${e(id)}" data-path="allowedOrigins" dir="ltr" rows="2">${e((doc.allowedOrigins ?? []).join('\n'))}</textarea>`)}
<div class="row">${field(t('edit.stores.country'), pathInput('country', doc.country, 'dir="ltr" maxlength="2" size="3" autocapitalize="characters"'))}
${field(t('edit.stores.countries'), pathInput('countries', (doc.countries ?? []).join(', '), 'dir="ltr"'))}
${field(t('edit.stores.locale'), pathSelect('locale', doc.locale ?? '', LOCALES))}
${field(t('edit.stores.budget'), pathInput('dailySmsBudget', doc.dailySmsBudget, 'type="number" min="0" step="1"'))}</div>
<fieldset><legend>${e(t('edit.stores.woocommerce'))}</legend>${secretField(t, t('edit.stores.webhookSecret'), 'woocommerce.webhookSecret', doc.woocommerce?.webhookSecret)}
${secretField(t, t('edit.stores.restoreSecret'), 'restoreSecret', doc.restoreSecret)}</fieldset>
<fieldset><legend>${e(t('edit.stores.shopify'))}</legend>${field(t('edit.stores.shopDomain'), pathInput('shopify.shopDomain', doc.shopify?.shopDomain, 'dir="ltr" placeholder="shop.myshopify.com"'))}
${secretField(t, t('edit.stores.webhookSecret'), 'shopify.webhookSecret', doc.shopify?.webhookSecret)}
${secretField(t, t('edit.stores.adminToken'), 'shopify.adminAccessToken', doc.shopify?.adminAccessToken)}</fieldset>
<ul class="form-problems error" role="alert" tabindex="-1" hidden></ul>`;
}

type ProviderField = 'from' | 'messagingServiceSid' | 'sender' | 'url' | 'accountSid' | 'authToken' | 'apiKey' | 'secret';
const PROVIDERS: { provider: string; fields: ProviderField[]; secrets: ProviderField[] }[] = [
  { provider: 'outbox', fields: [], secrets: [] },
  { provider: 'twilio', fields: ['from', 'messagingServiceSid'], secrets: ['accountSid', 'authToken'] },
  { provider: 'kavenegar', fields: ['sender'], secrets: ['apiKey'] },
  { provider: 'webhook', fields: ['url'], secrets: ['secret'] },
];

function providerForm(view: AppView, general: Record<string, any>): string {
  const t = view.t;
  const current = general.provider ?? { provider: 'outbox' };
  const groups = PROVIDERS.map(
    (p) =>
      `<div class="provider-fields" data-provider="${p.provider}"${p.provider === current.provider ? '' : ' hidden'}>${p.fields
        .map((f) => field(t(`edit.provider.field.${f}`), pathInput(f, p.provider === current.provider ? current[f] : '', 'dir="ltr"')))
        .join('')}${p.secrets.map((s) => secretField(t, t(`edit.provider.field.${s}`), s, p.provider === current.provider ? current[s] : undefined)).join('')}</div>`,
  ).join('');
  const id = uid('provider');
  return `<form class="general" novalidate data-general="${e(JSON.stringify(general))}"><h2 id="${id}">${e(t('edit.provider'))}</h2>
${field(t('edit.provider.name'), select('provider', current.provider, PROVIDERS.map((p) => [p.provider, p.provider])))}${groups}
<ul class="form-problems error" role="alert" tabindex="-1" hidden></ul>
<p class="actions"><button type="submit">${e(t('edit.save'))}</button> <span class="form-status" role="status"></span></p></form>`;
}

export function storesBody(view: AppView, settings: { general?: Record<string, any>; stores?: Record<string, StoreDocument> }): string {
  const t = view.t;
  const stores = settings.stores ?? {};
  const key = view.store && Object.hasOwn(stores, view.store) ? view.store : Object.keys(stores)[0];
  const doc = key ? stores[key]! : undefined;
  const copyId = uid('copy');
  const storeForm = doc
    ? `<form class="store" novalidate data-write-key="${e(key)}" data-store="${e(JSON.stringify(doc))}"><h2 dir="auto">${e(doc.name || key)}</h2>
<div class="field"><span class="muted" id="${copyId}">${e(t('edit.stores.writeKey'))}</span><div class="copy-row"><code dir="ltr" aria-labelledby="${copyId}">${e(key)}</code>
<button type="button" class="copy secondary" data-copy="${e(key)}">${e(t('edit.stores.copy'))}</button><span role="status"></span></div></div>
${storeFields(view, doc)}
<p class="actions"><button type="submit">${e(t('edit.save'))}</button> <span class="form-status" role="status"></span></p></form>`
    : '';
  const createForm = `<details class="rule"><summary>+ ${e(t('edit.stores.new'))}</summary><form class="new-store" novalidate data-store="{}">${storeFields(view, { allowedOrigins: [] })}
<p class="actions"><button type="submit">${e(t('edit.stores.create'))}</button> <span class="form-status" role="status"></span></p></form></details>`;
  return `<h1>${e(t('edit.title.stores'))}</h1>${storeForm}${createForm}${settings.general ? providerForm(view, settings.general) : ''}
${scriptStrings(t, Object.keys(editEn))}${scriptTag('edit-stores.js')}`;
}
