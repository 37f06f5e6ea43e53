// Why a message was not sent, in the owner's language. The campaign engine records its reasons in
// English for the log and the API (a hold's code: `country`, `budget`, `phone_cap`; a message it
// stopped: the sentences below); the Outbox shows the known ones translated and any other (a
// provider's error, a reason naming a setting) as it is.
import type { Key, Translate } from './i18n/index.js';

const REASONS = new Map<string, Key>([
  ['country', 'held.country'],
  ['budget', 'held.budget'],
  ['phone_cap', 'held.phone_cap'],
  ['the cart is gone', 'outbox.why.cart_gone'],
  ['the order is gone', 'outbox.why.order_gone'],
  ['no offer rule matches the order', 'outbox.why.no_offer'],
  ['already rated', 'outbox.why.rated'],
  ['already reviewed', 'outbox.why.reviewed'],
  ['the product is no longer in the order', 'outbox.why.product_gone'],
  ['the order names no product to rate', 'outbox.why.nothing_to_rate'],
  ['no signed platform webhook confirmed the order', 'outbox.why.unconfirmed'],
]);

export const ENGINE_REASONS = [...REASONS.keys()];

export function reasonText(reason: string, t: Translate): string {
  const key = REASONS.get(reason);
  return key ? t(key) : reason;
}
