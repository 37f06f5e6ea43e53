// What every page keeps of the phone watcher (phone.lazy.ts): a cheap look for a field where a
// phone number could be typed, present once the document is parsed or focused later (a popup, a
// checkout rendered after load). Fields the shopper leaves or changes before the watcher arrives
// are kept for it, so no number typed meanwhile is missed. The watcher itself decides what really
// is a phone field; this only says "maybe". E-mail fields count too once the shopper uses one: the
// watcher records the address typed at checkout (./email-watch.ts). A page merely showing a
// type=email field (the newsletter box in most theme footers) loads nothing. Short stems keep the every-page script small.
import { safe } from './safe.js';

const MAYBE_CONTACT = /tel|phon|mobi|handy|mail/i;
const EVENTS = ['focusin', 'change', 'focusout'];

const maybePhone = (el: unknown): el is HTMLInputElement =>
  el instanceof HTMLInputElement && MAYBE_CONTACT.test(`${el.type} ${el.name} ${el.id} ${el.autocomplete}`);

/** Calls `onFound` when a phone field may be in use (maybe more than once); returns the stop. */
export function watchForPhoneFields(onFound: () => void, seen: EventTarget[]): () => void {
  const onEvent = safe((event: Event) => {
    const field = event.composedPath()[0];
    if (!maybePhone(field)) return;
    if (event.type != 'focusin') seen.push(field);
    onFound();
  });
  for (const type of EVENTS) addEventListener(type, onEvent, true);
  return () => {
    for (const type of EVENTS) removeEventListener(type, onEvent, true);
  };
}

/** True when the page already shows a field that may take a phone number. */
export const hasPhoneField = (): boolean => [...document.querySelectorAll('input')].some((el) => maybePhone(el) && el.type != 'email');
