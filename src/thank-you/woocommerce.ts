// WooCommerce's order-received page (`/checkout/order-received/{id}/?key=wc_order_...`, body class
// `woocommerce-order-received`). Order data comes from the JSON block the Homing WordPress plugin
// prints (examples/woocommerce/plugin); without it, from the standard order-overview markup of
// templates/checkout/thankyou.php and order/order-details.php.
import { asciiDigits } from '../capture/phone.js';
import type { ThankYouOrder } from './order.js';

const ORDER_RECEIVED = /\/order-received\/(\d+)/;

export function isOrderReceivedPage(path = location.pathname): boolean {
  return document.body?.classList.contains('woocommerce-order-received') || ORDER_RECEIVED.test(path);
}

/** `<script type="application/json" id="homing-order">` printed by the plugin (or any store). */
export function readJsonBlock<T>(id: string, doc: Document = document): T | undefined {
  const text = doc.getElementById(id)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The order from the overview list and the order-details table: what the shopper sees. */
export function readOrderOverview(doc: Document = document, href = location.href): ThankYouOrder | undefined {
  // The same page tells a failed payment ("Unfortunately your order cannot be processed"): no order.
  if (doc.querySelector('.woocommerce-thankyou-order-failed')) return undefined;
  const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';
  const fromUrl = new URL(href).pathname.match(ORDER_RECEIVED)?.[1];
  const order_id = fromUrl ?? text(doc.querySelector('.woocommerce-order-overview__order strong'));
  if (!order_id) return undefined;
  const order: ThankYouOrder = { order_id };
  const total = amount(doc.querySelector('.woocommerce-order-overview__total .amount'));
  if (total !== undefined) order.value = total;
  const currency = (window as any).wcSettings?.currency?.code;
  if (typeof currency == 'string' && /^[A-Z]{3}$/.test(currency)) order.currency = currency;
  const products = [...doc.querySelectorAll('.woocommerce-table--order-details .order_item')].map((row) => {
    const quantity = Number(asciiDigits(text(row.querySelector('.product-quantity'))).replace(/\D/g, '')) || 1;
    const line = amount(row.querySelector('.product-total .amount'));
    const link = row.querySelector<HTMLAnchorElement>('.product-name a');
    const name = text(link ?? row.querySelector('.product-name'))
      .replace(/\s*[×x]\s*[\d۰-۹٠-٩]+\s*$/, '')
      .trim();
    return {
      name,
      quantity,
      ...(line !== undefined ? { price: Math.round((line / quantity) * 100) / 100 } : {}),
      ...(link?.href ? { url: link.href } : {}),
    };
  });
  if (products.length) order.products = products;
  return order;
}

/**
 * "1,250,000", "1.250,00", "$59.50", "۱٬۲۵۰٬۰۰۰ تومان": a separator followed by one or two final
 * digits is the decimal point; every other separator groups thousands.
 */
export function amount(el: Element | null): number | undefined {
  // Without the currency symbol's own text ("د.إ", "Rs.") and the separators around the number.
  const symbol = el?.querySelector('.woocommerce-Price-currencySymbol')?.textContent ?? '';
  const raw = asciiDigits((el?.textContent ?? '').replace(symbol, ''))
    .replace(/[^\d.,٫٬]/g, '')
    .replace(/^\D+|\D+$/g, '');
  if (!/\d/.test(raw)) return undefined;
  const decimal = raw.match(/[.,٫](\d{1,2})$/);
  const whole = (decimal ? raw.slice(0, -decimal[0].length) : raw).replace(/\D/g, '');
  return Number(`${whole || 0}.${decimal?.[1] ?? 0}`);
}
