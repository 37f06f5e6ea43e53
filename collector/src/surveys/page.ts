// The standalone survey page a shopper opens from an SMS link. No script at all (works with any
// CSP and without JavaScript): a plain form posting back to the same URL.
import { escapeHtml } from '../html.js';
import { surveyTexts, type SurveyLang } from './texts.js';

export function surveyPage(lang: SurveyLang, state: { action?: string; done?: boolean; error?: string; invalid?: boolean }): string {
  const t = surveyTexts[lang];
  let body: string;
  if (state.invalid) body = `<p role="alert">${escapeHtml(t.invalid)}</p>`;
  else if (state.done) body = `<p role="status">${escapeHtml(t.thanks)}</p>`;
  else {
    const stars = t.stars
      .map((label, i) => `<label><input type="radio" name="rating" value="${i + 1}" required> <span>${i + 1}</span> <small>${escapeHtml(label)}</small></label>`)
      .join('');
    body =
      `<form method="post" action="${escapeHtml(state.action)}">` +
      (state.error ? `<p role="alert">${escapeHtml(state.error)}</p>` : '') +
      `<fieldset><legend>${escapeHtml(t.rating)}</legend>${stars}</fieldset>` +
      `<label for="c">${escapeHtml(t.comment)}</label><textarea id="c" name="comment" maxlength="2000" rows="4"></textarea>` +
      `<button type="submit">${escapeHtml(t.send)}</button></form>`;
  }
  return `<!doctype html><html lang="${lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:0 auto;padding:1rem;color:#1a1a1a}fieldset{border:0;padding:0;margin:0 0 1rem;display:grid;gap:.25rem}label{display:block}textarea{width:100%;box-sizing:border-box;font:inherit}button{margin-top:1rem;min-height:44px;padding:0 1.5rem;font:inherit;background:#1f5fa8;color:#fff;border:0;border-radius:6px}</style>
</head><body><h1>${escapeHtml(t.title)}</h1>${body}</body></html>`;
}
