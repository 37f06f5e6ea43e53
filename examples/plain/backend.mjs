// The tea stores' server: "Place order" turns the cart cookie into an order priced from the
// catalogue (never from the browser), and the thank-you page shows that order in the store's
// language, with the order as a JSON block so Homing records it and shows the upsell and survey.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { findCoupon } from '../coupons.mjs';
import { parseBody } from '../shopify/backend.mjs';
import { cartCookie, priceCart, stores } from './catalogue.mjs';

/** Orders by id (read by the tests too). */
export const orders = new Map();
const here = new URL('.', import.meta.url);
const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export default async function plainBackend(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/examples/plain/checkout' && req.method === 'POST') {
    const fields = parseBody(req, body);
    const storeId = Object.hasOwn(stores, fields.store) ? fields.store : 'en';
    const store = stores[storeId];
    const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${cartCookie(storeId)}=`))?.split('=')[1];
    let cart;
    try {
      cart = JSON.parse(decodeURIComponent(cookie ?? '')) ?? {};
    } catch {
      cart = {};
    }
    const priced = priceCart(store, cart, findCoupon(cart.discount));
    if (!priced.lines.length) {
      res.writeHead(303, { location: store.page }).end();
      return true;
    }
    const id = String(3001 + orders.size);
    const token = randomBytes(8).toString('hex');
    orders.set(id, { id, token, storeId, name: String(fields.name ?? ''), phone: String(fields.phone ?? ''), ...priced });
    res.writeHead(303, { location: `/examples/plain/thank-you/${id}?key=${token}`, 'set-cookie': `${cartCookie(storeId)}=; Path=/; Max-Age=0; SameSite=Lax` }).end();
    return true;
  }
  // The cart is a route of the store's page (store.js); reloaded or opened from a link, it is the same page.
  const cartOf = Object.values(stores).find((store) => store.cart === url.pathname);
  if (cartOf && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(await readFile(new URL(cartOf.file, here)));
    return true;
  }
  const thankYou = /^\/examples\/plain\/thank-you\/(\d+)$/.exec(url.pathname);
  if (!thankYou || req.method !== 'GET') return false;
  const order = orders.get(thankYou[1]);
  if (!order || url.searchParams.get('key') !== order.token) return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(thankYouPage(order));
  return true;
}

function thankYouPage(order) {
  const store = stores[order.storeId];
  const json = JSON.stringify({
    order_id: order.id,
    // The key only this order's buyer was shown (the link they were sent to): the collector shows
    // the order's offers only to whoever has it.
    order_key: order.token,
    value: order.total,
    currency: store.currency,
    products: order.lines.map(({ product_id, name, price, quantity }) => ({ product_id, name, price, quantity })),
  }).replace(/</g, '\\u003c');
  const lines = order.lines.map((line) => `<li>${escapeHtml(line.name)} × ${escapeHtml(store.count(line.quantity))} — ${escapeHtml(store.format(line.price * line.quantity))}</li>`).join('');
  // <bdi>: a Latin code next to Persian digits would otherwise swap places with the amount in a right-to-left line.
  const discount = order.coupon ? `<p class="discount">${escapeHtml(store.t.discount)} <bdi class="coupon-code">${escapeHtml(order.coupon.code)}</bdi>: −<bdi>${escapeHtml(store.format(order.discount))}</bdi></p>` : '';
  return `<!doctype html>
<html lang="${store.lang}" dir="${store.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'">
<title>${escapeHtml(store.name)}</title>
<link rel="icon" href="/examples/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/examples/plain/store.css">
<script async src="/dist/homing.iife.js" data-write-key="${store.writeKey}" data-collector="/" data-locale="${store.lang}"></script>
</head>
<body>
<header><a href="${store.page}">${escapeHtml(store.name)}</a></header>
<main>
  <h1>${escapeHtml(store.t.thanks(order.name))}</h1>
  <p>${escapeHtml(store.t.confirmed(order.id))}</p>
  <ul class="lines">${lines}</ul>
  ${discount}
  <p class="total">${escapeHtml(store.t.total)}: <strong class="total-value">${escapeHtml(store.format(order.total))}</strong></p>
  <div data-homing-thank-you class="homing-reserved"></div>
  <p><a href="${store.page}">${escapeHtml(store.t.back)}</a></p>
</main>
<script type="application/json" id="homing-order">${json}</script>
</body>
</html>`;
}
