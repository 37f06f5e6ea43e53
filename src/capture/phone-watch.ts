// Phone fields wherever and whenever a theme renders them (checkout, account, popups, the
// WooCommerce block checkout rendered by React after load): one delegated listener on the
// document, no per-field observers. Only the value of a field that is a phone field is read;
// password, card, CVV and hidden fields never are.
import { safe } from './safe.js';

export type PhoneListener = (raw: string, consent: boolean, field: HTMLInputElement) => void;

const PHONE_NAME = /phone|mobil|handy|\btel\b|telefon/i;
const NEVER = /pass|card|cc-|cvv|cvc|csc|iban|otp|code/i;
const SMS_CONSENT = /sms|consent|text|whatsapp|marketing/i;
/** When a typed number is read: once the shopper is done with the field. */
const PHONE_EVENTS = ['change', 'focusout'];

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

/** Reads the phone number behind an input the shopper left or changed (a phone field, or the SMS consent box next to one). */
export function phoneFieldCheck(listener: PhoneListener): (target: EventTarget | undefined) => void {
  return safe((target: EventTarget | undefined) => {
    let field = target as HTMLInputElement;
    // Ticking the SMS consent box after typing the number changes what the shopper agreed to.
    if (field.type == 'checkbox' && SMS_CONSENT.test(`${field.name} ${field.id}`)) field = [...(field.form?.elements ?? [])].find(isPhoneField) as HTMLInputElement;
    if (isPhoneField(field) && field.value.trim()) listener(field.value, consentNear(field), field);
  });
}

/** `also`: another check of the same fields' events (the e-mail fields', ./email-watch.ts). */
export function watchPhoneFields(listener: PhoneListener, doc: Document = document, also?: (target: EventTarget | undefined) => void): void {
  const check = phoneFieldCheck(listener);
  // composedPath()[0]: the real input even inside an open shadow root (custom checkout widgets).
  const onEvent = (event: Event) => {
    const field = event.composedPath()[0];
    check(field);
    also?.(field);
  };
  for (const type of PHONE_EVENTS) doc.addEventListener(type, onEvent, true);
}
