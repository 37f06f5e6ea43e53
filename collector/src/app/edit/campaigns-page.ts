// /app/campaigns: each campaign's switch, send days and window, and its messages: delay in human
// units, discount (one code, or a unique code per message for a percent or an amount), texts in
// English, Persian, Hebrew and Arabic with a live segment count and a phone-shaped preview.
import { RFM_SEGMENTS } from '../../retention/segments.js';
import { escapeHtml as e } from '../../html.js';
import { CAMPAIGNS, PLACEHOLDERS, type CampaignName } from '../../campaigns/config.js';
import type { Translate } from '../i18n/index.js';
import { editEn } from '../i18n/edit-en.js';
import { field, input, jsonBlock, scriptStrings, select, uid } from './parts.js';

export const TEXT_LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'fa', name: 'فارسی' },
  { locale: 'he', name: 'עברית' },
  { locale: 'ar', name: 'العربية' },
] as const;
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface StepDocument {
  after: string;
  discountCode?: string;
  discount?: { type: 'percent' | 'fixed_cart'; amount: number };
  template: Record<string, string>;
}
export interface CampaignDocument {
  enabled: boolean;
  steps: StepDocument[];
  sendDays?: string[];
  sendWindow?: { start: string; end: string };
  /** VIP: the RFM group it texts. */
  segment?: string;
}
export interface PreviewSample {
  name: string;
  store: string;
  link: string;
  product: string;
  order: string;
}

/** "90m" → 90 minutes, "36h" → 36 hours, "2d" → 2 days; seconds shown as minutes. */
export function humanDelay(after: string): { amount: number; unit: 'm' | 'h' | 'd' } {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(String(after).trim());
  if (!m) return { amount: 1, unit: 'd' };
  const amount = Number(m[1]);
  return m[2] === 's' ? { amount: Math.round((amount / 60) * 100) / 100, unit: 'm' } : { amount, unit: m[2] as 'm' | 'h' | 'd' };
}

function stepHtml(t: Translate, name: CampaignName, step: StepDocument, index: number): string {
  const { amount, unit } = humanDelay(step.after);
  const s = `c-${name}-s${index}-`;
  const kind = step.discount ? step.discount.type : step.discountCode ? 'code' : '';
  const texts = TEXT_LOCALES.map(({ locale, name: language }) => {
    const id = `${s}text-${locale}`;
    return `<div class="text field" data-locale="${locale}">
<label for="${id}">${e(language)}</label>
<textarea id="${id}" name="text-${locale}" lang="${locale}" dir="auto" rows="3">${e(step.template[locale] ?? '')}</textarea>
<output class="count muted" for="${id}" aria-live="polite"></output>
<p class="field-problem error" role="alert" hidden></p>
<div class="phone" aria-label="${e(t('edit.preview'))}: ${e(language)}"><div class="bubble" dir="auto" lang="${locale}"></div></div>
<button type="button" class="test-sms secondary">${e(t('edit.sendTest'))}</button> <span class="test-status" role="status"></span>
</div>`;
  }).join('');
  // What this screen does not edit (an e-mail step's channel and texts) goes back unchanged on save.
  const { after: _after, discountCode: _code, discount: _discount, template: _template, ...kept } = step as StepDocument & Record<string, unknown>;
  const email = kept.channel === 'email';
  return `<li class="step" data-step="${index}" data-kept="${e(JSON.stringify(kept))}"><fieldset><legend class="step-title">${e(t('edit.step', { n: index + 1 }))}</legend>
<div class="row">${field(t('edit.delay'), input('delay', amount, 'type="number" min="0" step="any" inputmode="decimal" required'), { id: `${s}delay`, hint: t(name === 'abandoned_cart' ? 'edit.delayHint.abandoned_cart' : 'edit.delayHint.order') })}
${field(t('edit.unit'), select('unit', unit, (['m', 'h', 'd'] as const).map((u) => [u, t(`edit.unit.${u}`)])), { id: `${s}unit` })}</div>
<div class="row">${field(t('edit.discount'), select('discountKind', kind, [['', t('edit.discount.none')], ['code', t('edit.discount.code')], ['percent', t('edit.discount.percent')], ['fixed_cart', t('edit.discount.fixed_cart')]]), { id: `${s}discount` })}
${field(t('edit.discountCode'), input('discountCode', step.discountCode ?? '', 'autocomplete="off" dir="ltr"'), { id: `${s}code`, cls: 'discount-code' })}
${field(t('edit.discountAmount'), input('discountAmount', step.discount?.amount ?? '', 'type="number" min="0" step="any" inputmode="decimal"'), { id: `${s}amount`, cls: 'discount-amount' })}</div>
<p class="muted">${e(t('edit.placeholders', { list: PLACEHOLDERS[name].map((p) => `{${p}}`).join(' ') }))}</p>
${email ? `<p class="muted">${e(t('edit.emailStep'))}</p>` : `<div class="texts">${texts}</div>`}
<button type="button" class="remove-step secondary">${e(t('edit.removeStep'))}</button>
</fieldset></li>`;
}

function campaignHtml(t: Translate, name: CampaignName, doc: CampaignDocument, storeHasWebhooks: boolean): string {
  const days = new Set(doc.sendDays?.length ? doc.sendDays : DAYS);
  const id = uid(`c-${name}`);
  // Campaign settings this screen does not edit (a lifecycle campaign's intervals, segment...) are kept on save.
  const { enabled: _enabled, steps: _steps, sendDays: _days, sendWindow: _window, segment: _segment, ...kept } = doc as CampaignDocument & Record<string, unknown>;
  // The VIP campaign's audience: one RFM group (the Retention screen links here).
  const segment = name === 'vip'
    ? `<p>${field(t('edit.vipSegment'), select('segment', String(doc.segment ?? 'Champions'), RFM_SEGMENTS.map((g) => [g, t(`segment.${g}`)])), { id: `${id}-segment` })}</p>`
    : '';
  // Review requests go only for orders a signed platform webhook confirmed: without webhooks, none.
  const note = name === 'review_request' && doc.enabled && !storeHasWebhooks ? `<p class="notice" data-notice="webhooks">${e(t('edit.reviewNeedsWebhooks'))}</p>` : '';
  return `<section id="campaign-${name}" aria-labelledby="${id}"><form class="campaign" data-campaign="${name}" data-kept="${e(JSON.stringify(kept))}" data-placeholders="${e(PLACEHOLDERS[name].join(','))}" data-step-label="${e(t('edit.step'))}" novalidate>
<h2 id="${id}">${e(t(`edit.campaign.${name}`))}</h2>
<p><label class="check"><input type="checkbox" name="enabled"${doc.enabled ? ' checked' : ''}> ${e(t('edit.enabled'))}</label></p>${note}
<fieldset class="days field"><legend>${e(t('edit.sendDays'))}</legend>${DAYS.map((d) => `<label class="check"><input type="checkbox" name="day" value="${d}"${days.has(d) ? ' checked' : ''}> ${e(t(`edit.day.${d}`))}</label>`).join(' ')}<p class="field-problem error" role="alert" hidden></p></fieldset>
<fieldset class="window"><legend>${e(t('edit.sendWindow'))}</legend><div class="row">
${field(t('edit.windowStart'), input('windowStart', doc.sendWindow?.start ?? '', 'type="time"'))}
${field(t('edit.windowEnd'), input('windowEnd', doc.sendWindow?.end ?? '', 'type="time"'))}</div><p class="muted">${e(t('edit.sendWindowHint'))}</p></fieldset>
${segment}
<ol class="steps">${doc.steps.map((step, i) => stepHtml(t, name, step, i)).join('')}</ol>
${name === 'abandoned_cart' || name === 'win_back' ? `<p><button type="button" class="add-step secondary">${e(t('edit.addStep'))}</button></p>` : ''}
<ul class="form-problems error" role="alert" tabindex="-1" hidden></ul>
<p class="actions"><button type="submit">${e(t('edit.save'))}</button> <span class="form-status" role="status"></span></p>
</form></section>`;
}

/** `storeHasWebhooks`: the picked store has a WooCommerce or Shopify webhook secret. */
export function campaignsBody(t: Translate, campaigns: Partial<Record<CampaignName, CampaignDocument>>, stores: { writeKey: string; name: string }[], store: string, sample: PreviewSample, storeHasWebhooks: boolean): string {
  const test = `<section class="test-sms-panel" aria-labelledby="test-sms-h"><h2 id="test-sms-h">${e(t('edit.testSms'))}</h2><div class="row">
${field(t('edit.store'), select('store', store || stores[0]?.writeKey || '', stores.map((s) => [s.writeKey, s.name])), { id: 'test-store' })}
${field(t('edit.testPhone'), input('phone', '', 'type="tel" autocomplete="tel" dir="ltr"'), { id: 'test-phone' })}</div></section>`;
  const forms = CAMPAIGNS.filter((name) => campaigns[name]).map((name) => campaignHtml(t, name, campaigns[name]!, storeHasWebhooks)).join('');
  return `${test}${forms}${scriptStrings(t, Object.keys(editEn))}${jsonBlock('edit-sample', sample)}`;
}
