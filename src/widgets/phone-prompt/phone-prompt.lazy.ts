// The phone prompt: a small bottom sheet shown after the first add-to-cart when no number is
// known ("Save your cart: get a reminder by SMS"), with an optional first name for the greeting.
// Loaded only on the pages that show it.
// Shadow DOM keeps the theme's CSS out and ours in; the consent box starts unticked; Esc or the
// close button dismisses it (remembered by the caller) and focus goes back where it was.
import type { PromptTraits } from '../../capture/phone.lazy.js';
import { CSS } from './styles.js';
import { stringsFor } from './strings.js';
import { readBirthday } from './birthday.js';

export interface PhonePromptOptions {
  /** data-locale; the page's `lang`, then the browser's language, when absent. */
  locale?: string;
  /**
   * Returns false when the number is not valid (the sheet then says so and stays open). `extra`:
   * the optional fields the shopper filled in (a first name, marked as the prompt's; a birthday as
   * Gregorian MM-DD, read in the shopper's digits, order and calendar by ./birthday.ts). Not
   * called while the birthday typed cannot be read: the sheet says so instead.
   */
  onSave(raw: string, consent: boolean, extra?: PromptTraits): boolean;
  onDismiss(): void;
}

let sheet: CSSStyleSheet | undefined;

export function showPhonePrompt(options: PhonePromptOptions, doc: Document = document): HTMLElement {
  const { lang, strings, rtl } = stringsFor(options.locale || doc.documentElement.lang || navigator.language);
  const host = doc.createElement('homing-phone-prompt');
  host.dir = rtl ? 'rtl' : 'ltr';
  host.lang = lang;
  const root = host.attachShadow({ mode: 'open' });
  try {
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // A browser without constructable stylesheets gets an unstyled but working sheet.
  }
  // Attributes only: one path for all of them keeps this chunk small.
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  };

  const phone = el('input', { type: 'tel', id: 'phone', name: 'phone', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr', required: '', 'aria-describedby': 'error' });
  const name = el('input', { id: 'name', name: 'name', autocomplete: 'given-name', maxlength: '30' });
  const consent = el('input', { type: 'checkbox', id: 'consent' });
  // In the sheet's direction: a day/month typed right to left still reads in logical order. A
  // decimal keypad: a numeric one has no separator key on iPhones.
  const birthday = el('input', { id: 'bday', name: 'birthday', autocomplete: 'bday', inputmode: 'decimal', 'aria-describedby': 'error' });
  const error = el('p', { class: 'error', id: 'error', role: 'alert' });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': strings.close }, '×');
  const form = el(
    'form',
    { novalidate: '' },
    el('label', { for: 'phone' }, strings.phone),
    phone,
    el('label', { for: 'name' }, strings.name),
    name,
    el('label', { class: 'consent' }, consent, strings.consent),
    el('label', { for: 'bday' }, strings.birthday),
    birthday,
    error,
    el('button', { type: 'submit', class: 'save' }, strings.save),
  );
  const dialog = el('div', { class: 'sheet', role: 'dialog', 'aria-labelledby': 'title', 'aria-describedby': 'text' },
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
    // '' when the field is empty, undefined when what is there is no day and month.
    const typed = birthday.value.trim();
    const day = typed && readBirthday(typed, lang);
    if (first) (extra.first_name = first), (extra.name_source = 'prompt');
    if (day) extra.birthday = day;
    // The birthday is read before anything is saved: a number never goes without the birthday typed with it.
    const wrong = day == undefined ? birthday : options.onSave(phone.value, consent.checked, first || day ? extra : undefined) ? undefined : phone;
    for (const field of [phone, birthday]) field.setAttribute('aria-invalid', String(field == wrong));
    if (wrong) {
      error.textContent = wrong == phone ? strings.invalid : strings.badBirthday;
      wrong.focus();
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
