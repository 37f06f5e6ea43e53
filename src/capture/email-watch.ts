// E-mail fields (checkout, account, a store's own form), read like phone fields (./phone-watch.ts):
// the value of a field that is an e-mail field (type, autocomplete, name or id), once the shopper
// left or changed it. Only the address is recorded; whether the shopper agreed to marketing e-mail
// is the store's to say (the platform's checkout, or an `email_consent` trait). The collector
// checks the address again.
import { safe } from './safe.js';

/** Reads the address behind an input the shopper left or changed: trimmed, lower-cased. */
export const emailFieldCheck = (listener: (email: string) => void) =>
  safe((el: EventTarget | undefined) => {
    if (!(el instanceof HTMLInputElement) || el.type == 'password' || !/mail/i.test(`${el.type} ${el.name} ${el.id} ${el.autocomplete}`)) return;
    const email = el.value.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) listener(email);
  });
