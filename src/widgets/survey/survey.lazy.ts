// Post-purchase survey widget (lazy chunk `survey`): a 1-5 rating and an optional comment,
// recorded as `Survey Submitted` once per order. Shown on the thank-you page (after the offers,
// in the same reserved box) and on any page that gives it an order, such as a page an SMS links to.
import type { PluginHost } from '../../core/types.js';
import type { WidgetOptions } from '../../thank-you/plugin.js';
import { fill, h, onceId, pickLocale } from '../upsell/dom.js';
import { attachWidget } from '../upsell/shadow.js';
import { surveyTexts } from './texts.js';

const css = `.box{height:100%;display:flex;flex-direction:column;gap:8px;padding:10px 12px;background:#fff;color:#1a1a1a;font:14px/1.4 system-ui,sans-serif;border:1px solid #ddd;border-radius:12px}
h2{margin:0;font-size:16px}fieldset{border:0;margin:0;padding:0;display:flex;gap:6px}
label{flex:1}input{position:absolute;opacity:0}
span{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid #bbb;border-radius:8px;cursor:pointer;font-size:16px}
input:checked+span{background:#1f5fa8;color:#fff;border-color:#1f5fa8}input:focus-visible+span{outline:2px solid #1f5fa8;outline-offset:2px}
textarea{flex:1;min-height:0;resize:none;font:inherit;padding:6px;border:1px solid #bbb;border-radius:8px}
button{min-height:44px;font:inherit;border:0;border-radius:8px;background:#1f5fa8;color:#fff}p{margin:0}`;

export async function showSurvey(host: PluginHost, options: WidgetOptions): Promise<void> {
  const orderId = options.order.order_id;
  const key = `survey:${orderId}`;
  if (await host.get(key)) return;
  const { dir, lang, locale, t } = pickLocale(surveyTexts, host.options.locale);
  const { el, root } = attachWidget(options.container, css, options.nonce, 'survey');
  el.dir = dir;
  el.lang = lang;
  const digits = new Intl.NumberFormat(locale);
  const stars = [1, 2, 3, 4, 5].map((n) =>
    h('label', {}, h('input', { type: 'radio', name: 'rating', value: n, 'aria-label': fill(t.star, { n: digits.format(n) }) }), h('span', { 'aria-hidden': 'true', text: digits.format(n) })),
  );
  const comment = h('textarea', { maxlength: 2000, 'aria-label': t.comment, placeholder: t.comment });
  const status = h('p', { role: 'status' });
  const send = h('button', { type: 'submit', text: t.send });
  const form = h('form', { class: 'box' }, h('h2', { id: 'q', text: t.title }), h('fieldset', { 'aria-labelledby': 'q' }, ...stars), comment, send, status);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const rating = Number(root.querySelector<HTMLInputElement>('input:checked')?.value);
    if (!rating) return void (status.textContent = t.pick);
    send.disabled = true;
    // Cut by characters, never inside a surrogate pair (the collector refuses lone surrogates).
    const text = Array.from(comment.value.trim()).slice(0, 2000).join('');
    // The order key shows the collector this is the buyer's answer (it then stops the survey SMS).
    const { order_key } = options.order;
    await host.track('Survey Submitted', { order_id: orderId, rating, ...(text ? { comment: text } : {}), ...(order_key ? { order_key } : {}) }, { messageId: onceId('survey', orderId), urgent: true });
    // The answer is recorded; failing to remember it locally must not reach the page.
    await host.set(key, rating).catch((error) => host.warn(`survey: ${String(error)}`));
    form.replaceChildren(h('h2', { text: t.thanks }));
  };
  root.append(form);
}
