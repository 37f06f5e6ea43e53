// The phone prompt: a small bottom sheet shown after the first add-to-cart when no number is
// known ("Save your cart: get a reminder by SMS"), with an optional first name for the greeting.
// Loaded only on the pages that show it.
// Shadow DOM keeps the theme's CSS out and ours in; the consent box starts unticked; Esc or the
// close button dismisses it (remembered by the caller) and focus goes back where it was.
import type { PromptTraits } from '../../capture/phone.lazy.js';
import { CSS } from './styles.js';
import { stringsFor } from './strings.js';

export interface PhonePromptOptions {
  /** data-locale; the page's `lang`, then the browser's language, when absent. */
  locale?: string;
  /**
   * Returns false when the number is not valid (the sheet then says so and stays open). `extra`:
   * the optional fields the shopper filled in (a first name, marked as the prompt's; a birthday in
   * the MM-DD or YYYY-MM-DD form, which the collector checks as a date).
   */
  onSave(raw: string, consent: boolean, extra?: PromptTraits): boolean;
  onDismiss(): void;
}

let sheet: CSSStyleSheet | undefined;

export function showPhonePrompt(options: PhonePromptOptions, doc: Document = document): HTMLElement {
  const { lang, strings, rtl } = stringsFor(options.locale || doc.documentElement.lang || navigator.language);
  const host = doc.createElement('homing-phone-prompt');
  host.setAttribute('dir', rtl ? 'rtl' : 'ltr');
  host.setAttribute('lang', lang);
  const root = host.attachShadow({ mode: 'open' });
  try {
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // A browser without constructable stylesheets gets an unstyled but working sheet.
  }
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key.startsWith('aria-') || key == 'role' || key == 'for' || key == 'autocomplete' || key == 'inputmode') node.setAttribute(key, String(value));
      else (node as any)[key] = value;
    }
    node.append(...children);
    return node;
  };

  const phone = el('input', { type: 'tel', id: 'phone', name: 'phone', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr', required: true, 'aria-describedby': 'error' });
  const name = el('input', { type: 'text', id: 'name', name: 'name', autocomplete: 'given-name', maxLength: 30 });
  const consent = el('input', { type: 'checkbox', id: 'consent', name: 'consent', checked: false });
  const birthday = el('input', { id: 'bday', name: 'birthday', autocomplete: 'bday' as AutoFill, inputmode: 'numeric', placeholder: 'MM-DD', dir: 'ltr' });
  const error = el('p', { className: 'error', id: 'error', role: 'alert' });
  const close = el('button', { type: 'button', className: 'close', 'aria-label': strings.close }, '×');
  const form = el(
    'form',
    { noValidate: true },
    el('label', { for: 'phone' }, strings.phone),
    phone,
    el('label', { for: 'name' }, strings.name),
    name,
    el('label', { className: 'consent' }, consent, strings.consent),
    el('label', { for: 'bday' }, strings.birthday),
    birthday,
    error,
    el('button', { type: 'submit', className: 'save' }, strings.save),
  );
  const dialog = el('div', { className: 'sheet', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'title', 'aria-describedby': 'text' },
    el('h2', { id: 'title' }, strings.title),
    el('p', { id: 'text' }, strings.text),
    form,
    close,
  );
  root.append(dialog);

  const returnFocus = doc.activeElement as HTMLElement | null;
  let saved = false;
  const remove = () => {
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
    returnFocus?.focus?.();
  };
  // Closing before saving is a dismissal the caller remembers; closing the thank-you is not.
  const closeSheet = () => {
    remove();
    if (!saved) options.onDismiss();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key == 'Escape') closeSheet();
  };
  close.addEventListener('click', closeSheet);
  doc.addEventListener('keydown', onKey, true);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const extra: PromptTraits = {};
    const first = name.value.trim();
    const day = birthday.value.trim();
    if (first) (extra.first_name = first), (extra.name_source = 'prompt');
    if (/^(\d{4}-)?\d\d-\d\d$/.test(day)) extra.birthday = day;
    if (!options.onSave(phone.value, consent.checked, first || extra.birthday ? extra : undefined)) {
      error.textContent = strings.invalid;
      phone.setAttribute('aria-invalid', 'true');
      phone.focus();
      return;
    }
    saved = true;
    form.replaceWith(el('p', { role: 'status' }, strings.thanks));
    close.focus();
  });
  doc.body.append(host);
  phone.focus();
  return host;
}
