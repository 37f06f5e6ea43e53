// /app/offers: the store's thank-you offer rules, each in an editor with a live preview of the
// card shoppers see, and a form for a new rule. Saved through the admin API (../../offers/routes.ts).
import { escapeHtml as e } from '../../html.js';
import type { OfferRule } from '../../offers/types.js';
import type { Translate } from '../i18n/index.js';
import { editEn } from '../i18n/edit-en.js';
import { field, input, scriptStrings, scriptTag, select, uid } from './parts.js';

function productHtml(t: Translate, product: Partial<OfferRule['offer'][number]>): string {
  const { product_id, name, price, image_url, url, ...rest } = product;
  return `<fieldset class="product" data-product="${e(JSON.stringify(rest))}"><legend>${e(t('edit.offers.product'))}</legend><div class="row">
${field(t('edit.offers.productId'), input('product_id', product_id ?? '', 'dir="ltr" autocomplete="off"'))}
${field(t('edit.offers.productName'), input('product_name', name ?? '', 'dir="auto"'))}
${field(t('edit.offers.price'), input('price', price ?? '', 'type="number" min="0" step="any" inputmode="decimal"'))}
${field(t('edit.offers.imageUrl'), input('image_url', image_url ?? '', 'type="url" dir="ltr"'))}
${field(t('edit.offers.url'), input('url', url ?? '', 'type="url" dir="ltr"'))}</div>
<button type="button" class="remove-product secondary">${e(t('edit.blacklist.remove'))}</button></fieldset>`;
}

function ruleForm(t: Translate, rule: Partial<OfferRule>, stores: { writeKey: string; name: string }[], isNew: boolean): string {
  const keys: [string, string][] = [...stores.map((s): [string, string] => [s.writeKey, s.name]), ['*', t('edit.allStores')]];
  const previewId = uid('preview');
  return `<form class="offer-rule" novalidate data-rule="${e(JSON.stringify(rule))}"${isNew ? '' : ` data-id="${e(rule.id)}"`}>
<div class="row">${field(t('edit.offers.id'), input('id', rule.id ?? '', `dir="ltr" autocomplete="off" pattern="[A-Za-z0-9_.:-]+"${isNew ? ' required' : ' readonly'}`))}
${field(t('edit.offers.name'), input('name', rule.name ?? '', 'dir="auto"'))}
${field(t('edit.offers.forStore'), select('write_key', rule.write_key ?? stores[0]?.writeKey ?? '*', keys, 'dir="auto"'))}</div>
<p><label class="check"><input type="checkbox" name="active"${rule.active === false ? '' : ' checked'}> ${e(t('edit.offers.active'))}</label></p>
<div class="row">${field(t('edit.offers.currency'), input('currency', rule.currency ?? '', 'dir="ltr" maxlength="3" size="4" autocapitalize="characters" required'))}
${field(t('edit.offers.minOrder'), input('min_order_value', rule.min_order_value ?? '', 'type="number" min="0" step="any" inputmode="decimal"'))}
${field(t('edit.offers.maxOrder'), input('max_order_value', rule.max_order_value ?? '', 'type="number" min="0" step="any" inputmode="decimal"'))}
${field(t('edit.offers.priority'), input('priority', rule.priority ?? '', 'type="number" step="1"'))}</div>
${field(t('edit.offers.productIds'), input('product_ids', (rule.when?.product_ids ?? []).join(', '), 'dir="ltr"'))}
${field(t('edit.offers.collections'), input('collections', (rule.when?.collections ?? []).join(', '), 'dir="auto"'))}
${(rule.offer?.length ? rule.offer : [{}]).map((p) => productHtml(t, p)).join('')}
<p><button type="button" class="add-product secondary">+ ${e(t('edit.offers.product'))}</button></p>
<div class="row">${field(t('edit.offers.percent'), input('percent', rule.discount?.percent ?? '', 'type="number" min="0" max="100" step="any" inputmode="decimal"'))}
${field(t('edit.offers.expires'), input('expires_in_minutes', rule.expires_in_minutes ?? '', 'type="number" min="1" step="1"'))}
${field(t('edit.offers.maxQuantity'), input('max_quantity', rule.max_quantity ?? '', 'type="number" min="1" max="100" step="1"'))}</div>
<h3 id="${previewId}">${e(t('edit.offers.preview'))}</h3>
<div class="upsell-preview" role="img" aria-labelledby="${previewId}"></div>
<ul class="form-problems error" role="alert" tabindex="-1" hidden></ul>
<p class="actions"><button type="submit">${e(t('edit.save'))}</button>${isNew ? '' : ` <button type="button" class="delete-rule secondary">${e(t('edit.delete'))}</button>`} <span class="form-status" role="status"></span></p>
</form>`;
}

export function offersBody(t: Translate, rules: OfferRule[], stores: { writeKey: string; name: string }[], store: string): string {
  const list = rules.length
    ? rules
        .map(
          (rule) =>
            `<details class="rule" id="rule-${e(rule.id)}"><summary><span dir="auto">${e(rule.name || rule.id)}</span> <span class="muted">(${e(rule.id)}${rule.active === false ? ' · ✕' : ''})</span> · ${e(t('edit.offers.edit'))}</summary>${ruleForm(t, rule, stores, false)}</details>`,
        )
        .join('')
    : `<p class="muted">${e(t('edit.offers.none'))}</p>`;
  const fresh: Partial<OfferRule> = { write_key: store || stores[0]?.writeKey || '*', active: true, currency: '', offer: [] };
  return `<h1>${e(t('edit.title.offers'))}</h1><h2>${e(t('edit.offers.rules'))}</h2>${list}
<details class="rule" id="new-rule"><summary>+ ${e(t('edit.offers.new'))}</summary>${ruleForm(t, fresh, stores, true)}</details>
${scriptStrings(t, Object.keys(editEn))}${scriptTag('edit-offers.js')}`;
}
