// Post-purchase upsell widget (lazy chunk `upsell`, loaded by src/thank-you/plugin.ts on thank-you
// pages only). Shows the collector's signed offers (or offers given inline), records
// Promotion Viewed once per order and offer when at least half visible, Promotion Clicked,
// Upsell Accepted and Upsell Declined; when every offer is settled, the survey takes its place.
import type { PluginHost } from '../../core/types.js';
import type { SurveyModule, WidgetOptions } from '../../thank-you/plugin.js';
import type { InlineOffer } from '../../thank-you/order.js';
import { acceptOffer, fetchOffers } from './api.js';
import { renderCard } from './card.js';
import { h, onceId, pickLocale, safeUrl } from './dom.js';
import { attachWidget } from './shadow.js';
import { upsellTexts } from './texts.js';
import { upsellCss } from './styles.js';

export async function showUpsell(host: PluginHost, options: WidgetOptions): Promise<void> {
  const { order } = options;
  const { collector, writeKey } = host.options;
  let given = options.offers;
  try {
    given ??= collector ? await fetchOffers(collector, writeKey, order) : [];
  } catch (error) {
    host.warn(`offers: ${String(error)}`);
  }
  const offers = (given ?? []).filter(
    (offer) => offer?.id && offer.product?.name && offer.choices?.length && (!offer.expires_at || Date.parse(offer.expires_at) > Date.now()),
  );
  if (!offers.length) return showSurvey(host, options, null);

  const { dir, lang, locale, t } = pickLocale(upsellTexts, host.options.locale);
  const { el, root } = attachWidget(options.container, upsellCss, options.nonce, 'upsell');
  el.dir = dir;
  el.lang = lang;
  let open = offers.length;
  const stops: (() => void)[] = [];
  const finished = () => {
    if (--open) return;
    stops.forEach((stop) => stop());
    // The survey reuses the same reserved box, so nothing around it moves.
    setTimeout(() => showSurvey(host, options, el).catch((error) => host.warn(`survey: ${String(error)}`)), 1500);
  };

  const list = h('div', { class: 'list' });
  const observer =
    typeof IntersectionObserver == 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.intersectionRatio < 0.5) continue;
              observer?.unobserve(entry.target);
              const index = Number((entry.target as HTMLElement).dataset.index);
              void promotion(host, 'Promotion Viewed', order.order_id, offers[index], index, true);
            }
          },
          { threshold: 0.5 },
        )
      : undefined;

  offers.forEach((offer, index) => {
    const card = renderCard(offer, t, locale, Date.now, {
      clicked: () => void promotion(host, 'Promotion Clicked', order.order_id, offer, index),
      decline() {
        void host.track('Upsell Declined', upsellProperties(order.order_id, offer, offer.choices[0], 1));
      },
      settled: finished,
      async accept(choice, quantity) {
        const properties = upsellProperties(order.order_id, offer, choice, quantity);
        if (!choice.token) {
          // An inline offer: the store's own link adds it to a cart.
          await host.track('Upsell Accepted', properties, { messageId: onceId('upsell', order.order_id, offer.id), urgent: true });
          const url = safeUrl(choice.accept_url);
          if (url) location.assign(url);
          return { text: url ? t.checkout : t.added, done: true };
        }
        const answer = await acceptOffer(collector, writeKey, order, offer.id, choice.token, quantity);
        if (answer.status == 410) return { text: t.expired, done: true };
        if (answer.status >= 400 || !answer.body.upsell) {
          host.warn(`offer ${offer.id} was refused: ${answer.body.message ?? answer.status}`);
          return { text: t.error, done: answer.status < 500 };
        }
        // The collector's verified value, stored before any navigation.
        await host.track('Upsell Accepted', { ...properties, value: answer.body.upsell.value }, { messageId: onceId('upsell', order.order_id, offer.id), urgent: true });
        const url = answer.body.action?.type == 'redirect' ? safeUrl(answer.body.action.url) : undefined;
        if (url) location.assign(url);
        return { text: url ? t.checkout : t.added, done: true };
      },
    });
    card.el.dataset.index = String(index);
    stops.push(card.stop);
    list.append(card.el);
    observer?.observe(card.el);
  });

  const close = el.hasAttribute('data-fixed') && h('button', { type: 'button', class: 'close', 'aria-label': t.close, text: '×' });
  if (close) close.onclick = () => (stops.forEach((stop) => stop()), observer?.disconnect(), el.remove());
  root.append(h('section', { class: 'box', 'aria-label': t.heading }, h('h2', { text: offers[0].title || t.heading }), close, list));
  performance.mark?.('homing:upsell-visible');
}

function upsellProperties(orderId: string, offer: InlineOffer, choice: InlineOffer['choices'][number], quantity: number) {
  return {
    promotion_id: offer.id,
    order_id: orderId,
    product: {
      ...(offer.product.product_id ? { product_id: offer.product.product_id } : {}),
      ...(choice.variant ? { variant: choice.variant } : {}),
      name: offer.product.name,
      price: choice.price,
      quantity,
    },
    value: Math.round(choice.price * quantity * 100) / 100,
    currency: offer.currency,
  };
}

async function promotion(host: PluginHost, event: 'Promotion Viewed' | 'Promotion Clicked', orderId: string, offer: InlineOffer, position: number, once = false): Promise<void> {
  const key = `promo:${event}:${orderId}:${offer.id}`;
  if (once && (await host.get(key))) return;
  await host.track(event, { promotion_id: offer.id, order_id: orderId, name: offer.product.name, position: position + 1 }, once ? { messageId: onceId('pv', orderId, offer.id) } : {});
  if (once) await host.set(key, 1);
}

async function showSurvey(host: PluginHost, options: WidgetOptions, replace: HTMLElement | null): Promise<void> {
  if (!options.survey) return;
  const container = replace?.parentElement && !replace.hasAttribute('data-fixed') ? replace.parentElement : options.container;
  if (replace?.hasAttribute('data-fixed')) replace.remove();
  const survey = await host.load<SurveyModule>('survey');
  await survey.showSurvey(host, { ...options, container });
}
