// Shopify's hosted checkout and thank-you page, reduced to what the demo needs: the cart's lines,
// the discount code from a cart permalink (`?discount=CODE`), contact fields (name, phone, the SMS
// marketing box), "Pay now", and a thank-you page showing that order.
//
// On a real Shopify store these pages are Shopify's own and run no theme script: the Homing
// Custom Pixel (./pixel) records the checkout phone and the order there. This stand-in runs the
// storefront's script tag instead, so the demo works on one origin without a Shopify account;
// the thank-you page prints the order as a JSON block, which is what lets the script tag show
// the post-purchase offer and the survey.
import { discountOf, findCoupon } from '../coupons.mjs';

export const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (cents, currency) => new Intl.NumberFormat('en-CA', { style: 'currency', currency }).format(cents / 100);

/** Totals of a cart (Ajax API JSON) with its discount code, in cents. */
export function checkoutTotals(cart, code) {
  const coupon = findCoupon(code);
  const subtotal = cart.items_subtotal_price;
  const discount = discountOf(subtotal, coupon);
  return { coupon, subtotal, discount, total: subtotal - discount };
}

function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Homing Demo</title>
<link rel="icon" href="/examples/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/examples/shopify/theme.css">
<script async src="/dist/homing.iife.js" data-write-key="wk_shopify" data-collector="/" data-country="CA" data-locale="en-CA"></script>
</head>
<body class="checkout">
<header><a href="/collections/all">Homing Demo (Shopify Dawn-style theme)</a></header>
<main>
${body}
</main>
</body>
</html>`;
}

function summary(lines, currency, { coupon, subtotal, discount, total }) {
  const rows = lines.map((item) => `<tr class="line"><td>${escapeHtml(item.title)} × ${item.quantity}</td><td>${money(item.line_price, currency)}</td></tr>`).join('');
  const discountRow = coupon ? `<tr class="discount"><td>Discount <strong class="discount-code">${escapeHtml(coupon.code)}</strong> (${coupon.percent}%)</td><td class="discount-amount">−${money(discount, currency)}</td></tr>` : '';
  return `<table class="order-summary">${rows}
  <tr><td>Subtotal</td><td>${money(subtotal, currency)}</td></tr>${discountRow}
  <tr class="total"><th>Total</th><th class="total-value">${money(total, currency)}</th></tr></table>`;
}

/** The checkout page for a cart (Ajax API JSON). */
export function checkoutPage(cart, code, action) {
  if (!cart.items.length) return page('Checkout', '<h1>Checkout</h1><p>Your cart is empty. <a href="/collections/all">Continue shopping</a></p>');
  const totals = checkoutTotals(cart, code);
  return page(
    'Checkout',
    `<h1>Checkout</h1>
${summary(cart.items, cart.currency, totals)}
<form method="post" action="${escapeHtml(action)}" class="checkout-form">
  <input type="hidden" name="discount" value="${escapeHtml(totals.coupon?.code ?? '')}">
  <p><label for="checkout_name">Name</label><input id="checkout_name" name="name" autocomplete="name" required></p>
  <p><label for="checkout_phone">Phone</label><input id="checkout_phone" name="phone" type="tel" autocomplete="tel" required></p>
  <p><label><input type="checkbox" name="sms_consent" id="checkout_sms_consent" value="1"> Text me about my order and offers</label></p>
  <p class="muted">Payment: this demo takes none.</p>
  <button type="submit" class="button" id="pay-now">Pay now</button>
</form>
<script>
  // Shopify's checkout saves the contact details as they are typed (what its checkouts/create
  // webhook then tells the store's app), whether or not the shopper goes on to pay.
  const form = document.querySelector('.checkout-form');
  form.addEventListener('change', () => fetch(form.getAttribute('action') + '/contact', { method: 'POST', body: new URLSearchParams(new FormData(form)) }).catch(() => {}));
</script>`,
  );
}

/** The thank-you page of an order made by the checkout (see backend.mjs). */
export function thankYouPage(order) {
  // What Homing needs to record the order and choose its offers; `<` escaped so no text ends the script.
  const json = JSON.stringify({
    order_id: order.id,
    // Shopify's checkout token, which only the buyer's thank-you page knows: the collector shows
    // the order's offers only to whoever has it.
    order_key: order.checkoutToken,
    cart_id: order.cartToken,
    value: order.total / 100,
    currency: order.currency,
    products: order.lines.map((item) => ({
      product_id: String(item.product_id), variant: String(item.variant_id), sku: item.sku, name: item.product_title,
      price: item.final_price / 100, quantity: item.quantity, url: item.url, collections: [item.product_type.toLowerCase()],
    })),
  }).replace(/</g, '\\u003c');
  return page(
    `Thank you, order #${order.id}`,
    `<p class="muted">Confirmation #${escapeHtml(order.id)}</p>
<h1>Thank you, ${escapeHtml(order.name)}!</h1>
<p>Your order is confirmed. We'll text <strong>${escapeHtml(order.phone)}</strong> when it ships.</p>
${summary(order.lines, order.currency, order)}
<!-- The upsell, then the survey, appear here; the height is reserved so nothing moves. -->
<div data-homing-thank-you class="homing-reserved"></div>
<p><a href="/collections/all" class="button">Continue shopping</a></p>
<script type="application/json" id="homing-order">${json}</script>`,
  );
}
