// One offer: image, name, price and discount, variant and quantity choice, a countdown to expiry,
// accept and decline. Accept is disabled from the click until the answer: no double orders.
import type { InlineOffer } from '../../thank-you/order.js';
import { fill, h, safeUrl } from './dom.js';
import type { UpsellTexts } from './texts.js';

export interface CardCallbacks {
  /** First interaction with the offer (a choice or a button). */
  clicked(): void;
  /** Resolves with the text to show, and whether the offer is settled (true) or may be tried again. */
  accept(choice: InlineOffer['choices'][number], quantity: number): Promise<{ text: string; done: boolean }>;
  decline(): void;
  /** The offer is over (accepted, declined, refused or expired): called once per card. */
  settled(): void;
}

export function renderCard(offer: InlineOffer, t: UpsellTexts, locale: string, now: () => number, on: CardCallbacks): { el: HTMLElement; stop(): void } {
  const money = (value: number) => {
    // Iranian stores price in toman (10 rials) while platforms and offers hold rials: shown as the
    // store's pages and the owner's app show them (collector/src/app/format.ts), "۱۶۲٬۰۰۰ تومان".
    if (offer.currency?.toUpperCase() == 'IRR') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(value / 10))} ${t.toman}`;
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: offer.currency }).format(value);
    } catch {
      return `${value} ${offer.currency}`;
    }
  };
  const choices = offer.choices;
  let choice = choices[0];
  const image = safeUrl(offer.product.image_url);
  const link = safeUrl(offer.product.url);
  const name = h('span', { text: offer.product.name });
  const price = h('strong', { class: 'price' });
  const regular = h('s', { class: 'regular' });
  const showPrice = () => {
    price.textContent = money(choice.price);
    regular.textContent = choice.regular_price && choice.regular_price > choice.price ? money(choice.regular_price) : '';
  };
  showPrice();

  let interacted = false;
  const touched = () => {
    if (!interacted) on.clicked();
    interacted = true;
  };
  const variant =
    choices.length > 1 &&
    h('select', { 'aria-label': t.option }, ...choices.map((c, i) => h('option', { value: i, text: c.name ?? c.variant ?? String(i + 1) })));
  if (variant) variant.onchange = () => (touched(), (choice = choices[Number(variant.value)] ?? choice), showPrice());
  const max = Math.max(1, Math.min(10, offer.max_quantity ?? 1));
  const quantity = max > 1 && h('select', { 'aria-label': t.quantity }, ...Array.from({ length: max }, (_, i) => h('option', { value: i + 1, text: new Intl.NumberFormat(locale).format(i + 1) })));
  if (quantity) quantity.onchange = touched;

  const accept = h('button', { type: 'button', class: 'accept', text: t.accept });
  const decline = h('button', { type: 'button', class: 'decline', text: t.decline });
  const status = h('p', { class: 'status', role: 'status' });
  // The visible clock ticks every second but is hidden from screen readers; the polite live
  // region speaks only at 5 and 1 minutes left and at expiry.
  const clock = h('span', { 'aria-hidden': 'true' });
  const spoken = h('span', { class: 'sr', 'aria-live': 'polite' });
  const expires = offer.expires_at ? Date.parse(offer.expires_at) : NaN;
  // In the shopper's digits (۱۴:۵۹ in Persian).
  const digits = new Intl.NumberFormat(locale);
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  let lastMinute = Infinity;
  let timer: ReturnType<typeof setInterval> | undefined;
  let over = false;
  const settle = (text: string) => {
    accept.disabled = decline.disabled = true;
    status.textContent = text;
    clearInterval(timer);
    // Expiry can come while an accept is in flight: the widget hears of the end once.
    if (over) return;
    over = true;
    on.settled();
  };
  const tick = () => {
    const left = Math.max(0, Math.ceil((expires - now()) / 1000));
    const minutes = Math.ceil(left / 60);
    clock.textContent = fill(t.ends, { t: `${digits.format(Math.floor(left / 60))}:${twoDigits.format(left % 60)}` });
    if (!left) {
      settle(t.expired);
      spoken.textContent = t.expired;
    } else if (minutes < lastMinute && (minutes == 5 || minutes == 1) && lastMinute != Infinity) {
      spoken.textContent = minutes == 1 ? t.one : fill(t.left, { n: digits.format(minutes) });
    }
    lastMinute = minutes;
  };
  if (expires) {
    tick();
    timer = setInterval(tick, 1000);
  }

  accept.onclick = async () => {
    if (accept.disabled) return;
    touched();
    accept.disabled = decline.disabled = true;
    accept.setAttribute('aria-busy', 'true');
    status.textContent = t.adding;
    const result = await on.accept(choice, quantity ? Number(quantity.value) : 1).catch(() => ({ text: t.error, done: false }));
    accept.removeAttribute('aria-busy');
    if (result.done) settle(result.text);
    else {
      status.textContent = result.text;
      accept.disabled = decline.disabled = false;
    }
  };
  decline.onclick = () => {
    touched();
    settle(t.declined);
    on.decline();
  };

  const discount = offer.discount_percent ? h('span', { class: 'badge', text: fill(t.save, { p: new Intl.NumberFormat(locale).format(offer.discount_percent) }) }) : undefined;
  const el = h(
    'article',
    { class: 'card', 'aria-label': offer.product.name },
    image ? h('img', { src: image, alt: '', width: 88, height: 88, decoding: 'async' }) : h('span', { class: 'noimg' }),
    h(
      'div',
      { class: 'body' },
      h('h3', {}, link ? Object.assign(h('a', { href: link, target: '_blank', rel: 'noopener' }, name), { onclick: touched }) : name),
      h('p', { class: 'prices' }, price, ' ', regular, ' ', discount),
      h('div', { class: 'choices' }, variant, quantity),
      expires ? h('p', { class: 'clock' }, clock, spoken) : undefined,
      h('div', { class: 'actions' }, accept, decline),
      status,
    ),
  );
  return { el, stop: () => clearInterval(timer) };
}
