// The thank-you page, loaded only there: finds the order (an order given to the plugin, the
// `#homing-order` JSON block, or WooCommerce's order-overview markup), records `Order Completed`
// once per order id however often the page is reloaded, then loads the upsell widget (offers from
// the collector or a `#homing-offers` block) and the survey.
import { orderMessageId } from '../core/context.js';
import type { PluginHost } from '../core/types.js';
import type { InlineOffer, ThankYouOrder } from './order.js';
import type { SurveyModule, ThankYouOptions, UpsellModule, WidgetOptions } from './plugin.js';
import { isOrderReceivedPage, readJsonBlock, readOrderOverview } from './woocommerce.js';

export function startThankYou(host: PluginHost, options: ThankYouOptions): Promise<void> {
  return run(host, options).catch((error) => host.warn(`thank-you page: ${String(error)}`));
}

async function run(host: PluginHost, options: ThankYouOptions): Promise<void> {
  const order = findOrder(options);
  if (!order) return;
  const offers = options.offers ?? readJsonBlock<InlineOffer[]>('homing-offers');
  const selector = options.container ?? '[data-homing-thank-you]';
  const widget: WidgetOptions = {
    order,
    offers,
    container: typeof selector == 'string' ? document.querySelector(selector) : selector,
    nonce: options.nonce ?? document.querySelector<HTMLScriptElement>('script[data-write-key]')?.nonce,
    survey: options.survey !== false,
  };
  // Fetched while the order is being stored.
  const upsell = options.upsell !== false && (offers || host.options.collector) ? host.load<UpsellModule>('upsell') : undefined;
  await recordOrder(host, order);
  if (upsell) await (await upsell).showUpsell(host, widget);
  else if (widget.survey) await (await host.load<SurveyModule>('survey')).showSurvey(host, widget);
}

/**
 * Records `Order Completed` once per order id in this browser (the thank-you page and
 * `homing.orderCompleted()` share the mark), under the messageId every sender of that order uses.
 */
export async function recordOrder(host: PluginHost, order: ThankYouOrder): Promise<void> {
  const key = `order:${order.order_id}`;
  if (await host.get(key)) return;
  await host.track('Order Completed', order, { messageId: orderMessageId(host.options.writeKey, order.order_id), urgent: true });
  await host.set(key, Date.now());
}

function findOrder(options: ThankYouOptions): ThankYouOrder | undefined {
  const woo = isOrderReceivedPage();
  const order = options.order ?? readJsonBlock<ThankYouOrder>('homing-order') ?? (woo ? readOrderOverview() : undefined);
  const id = order?.order_id;
  // WooCommerce's order key is in the order-received URL (`?key=wc_order_...`).
  const key = woo ? new URL(location.href).searchParams.get('key') : null;
  return id == null || id === '' ? undefined : { ...(key ? { order_key: key } : {}), ...order, order_id: String(id) };
}
