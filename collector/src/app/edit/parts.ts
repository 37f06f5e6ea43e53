// Small pieces the editing pages share: labelled fields with a place for their problem, the page's
// texts for its script, and the write-only control of a secret.
import { escapeHtml as e } from '../../html.js';
import type { Translate } from '../i18n/index.js';
import { ASSETS } from '../assets.js';

let counter = 0;
/** An id unique in the page (for label/for pairs). */
export const uid = (prefix: string) => `${prefix}-${(++counter).toString(36)}`;

/** A labelled control with its problem line (filled by the script next to the field). */
export function field(label: string, control: (id: string) => string, { id = uid('f'), hint = '', cls = '' }: { id?: string; hint?: string; cls?: string } = {}): string {
  const hintId = hint ? `${id}-hint` : '';
  return `<div class="field ${cls}"><label for="${e(id)}">${e(label)}</label>${control(id)}${hint ? `<p class="muted" id="${hintId}">${e(hint)}</p>` : ''}<p class="field-problem error" role="alert" hidden></p></div>`;
}

export const input = (name: string, value: unknown, attrs = '') => (id: string) =>
  `<input id="${e(id)}" name="${e(name)}" value="${e(value ?? '')}" ${attrs}>`;

export const select = (name: string, value: unknown, options: [string, string][], attrs = '') => (id: string) =>
  `<select id="${e(id)}" name="${e(name)}" ${attrs}>${options.map(([v, label]) => `<option value="${e(v)}"${String(value ?? '') === v ? ' selected' : ''}>${e(label)}</option>`).join('')}</select>`;

/** The page's texts (keys edit.js.*) for its script, as JSON no markup can break out of. */
export function scriptStrings(t: Translate, keys: readonly string[]): string {
  const strings = Object.fromEntries(keys.filter((k) => k.startsWith('edit.js.')).map((k) => [k, t(k as never)]));
  return jsonBlock('edit-strings', strings);
}

export function jsonBlock(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${e(id)}">${json}</script>`;
}

/**
 * A write-only secret: the page never has its value, only whether it is set. "Keep" sends
 * {"set": true} (or nothing), "Replace" the new value typed, "Clear" null.
 */
export function secretField(t: Translate, label: string, name: string, current: unknown): string {
  const set = !!current && typeof current === 'object' && (current as { set?: unknown }).set === true;
  const id = uid('secret');
  return `<fieldset class="secret" data-secret="${e(name)}" data-set="${set}"><legend>${e(label)}: <span class="badge">${e(t(set ? 'edit.secret.set' : 'edit.secret.unset'))}</span></legend>
<div class="choices">${(['keep', 'replace', ...(set ? ['clear' as const] : [])] as const)
    .map((choice) => `<label><input type="radio" name="${e(`${id}-mode`)}" value="${choice}"${choice === 'keep' ? ' checked' : ''}> ${e(t(`edit.secret.${choice}`))}</label>`)
    .join(' ')}</div>
<div class="field"><label for="${e(id)}" class="sr">${e(label)}</label><input id="${e(id)}" type="password" autocomplete="new-password" class="secret-value" hidden><p class="field-problem error" role="alert" hidden></p></div></fieldset>`;
}

/** The page's script from /app/assets/, versioned so a new release is never served from cache. */
export function scriptTag(name: string): string {
  const file = ASSETS.get(name);
  return `<script src="/app/assets/${e(name)}${file ? `?v=${encodeURIComponent(file.etag.slice(1, 9))}` : ''}" defer></script>`;
}
