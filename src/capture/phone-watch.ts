// Phone fields wherever and whenever a theme renders them (checkout, account, popups, the
// WooCommerce block checkout rendered by React after load): one delegated listener on the
// document, no per-field observers. Only the value of a field that is a phone field is read;
// password, card, CVV and hidden fields never are.
import { safe } from './safe.js';

export type PhoneListener = (raw: string, consent: boolean, field: HTMLInputElement) => void;

const PHONE_NAME = /phone|mobil|handy|\btel\b|telefon/i;
const NEVER = /pass|card|cc-|cvv|cvc|csc|iban|otp|code/i;
const SMS_CONSENT = /sms|consent|text|whatsapp|marketing/i;

export function isPhoneField(el: unknown): el is HTMLInputElement {
  if (!(el instanceof HTMLInputElement) || /^(password|hidden|checkbox|radio)$/.test(el.type)) return false;
  const autocomplete = el.getAttribute('autocomplete') ?? '';
  if (NEVER.test(`${el.name} ${el.id} ${autocomplete}`)) return false;
  return el.type == 'tel' || /\btel\b/.test(autocomplete) || PHONE_NAME.test(`${el.name} ${el.id}`);
}

/** An SMS/marketing consent checkbox in the same form (Shopify's "Text me with news", a store's own). */
function consentNear(field: HTMLInputElement): boolean {
  for (const box of field.form?.querySelectorAll<HTMLInputElement>('input[type=checkbox]') ?? []) {
    if (SMS_CONSENT.test(`${box.name} ${box.id}`)) return box.checked;
  }
  return false;
}

export function watchPhoneFields(listener: PhoneListener, doc: Document = document): () => void {
  const onEvent = safe((event: Event) => {
    // composedPath()[0]: the real input even inside an open shadow root (custom checkout widgets).
    let field = event.composedPath()[0] as HTMLInputElement;
    // Ticking the SMS consent box after typing the number changes what the shopper agreed to.
    if (field.type == 'checkbox' && SMS_CONSENT.test(`${field.name} ${field.id}`)) field = [...(field.form?.elements ?? [])].find(isPhoneField) as HTMLInputElement;
    if (isPhoneField(field) && field.value.trim()) listener(field.value, consentNear(field), field);
  });
  for (const type of ['change', 'focusout']) doc.addEventListener(type, onEvent, true);
  return () => {
    for (const type of ['change', 'focusout']) doc.removeEventListener(type, onEvent, true);
  };
}
