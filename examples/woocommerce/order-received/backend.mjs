// WooCommerce's order-received page for the demo store and the real-browser tests, at its real
// URL `/checkout/order-received/{id}/?key=wc_order_...` (a wrong key gets WooCommerce's 404-like
// answer), plus the Homing plugin's upsell restore action (`/?homing_upsell=...&homing_sig=...`:
// a new cart holding the accepted product at the offered price, then the checkout), as the PHP
// plugin in ../plugin does it.
//   ?json=0       leave out the plugin's JSON block (the script reads the overview markup instead)
//   ?lang=fa      Persian page (also ar, he)
import { readFile } from 'node:fs/promises';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { texts } from './texts.mjs';

const here = new URL('.', import.meta.url);

export const orders = new Map([
  ['1042', {
    key: 'wc_order_6Yx1demo', date: '2026-11-23', email: 'sam@example.com', currency: 'USD',
    items: [
      { product_id: '201', variant: '', sku: 'PHONE-X', name: 'Phone X 128 GB', price: 499, quantity: 1, categories: ['phones'] },
      { product_id: '305', variant: '3051', sku: 'CASE-BLK', name: 'Slim case – Black', price: 12.5, quantity: 2, categories: ['accessories'] },
    ],
  }],
  ['1043', {
    key: 'wc_order_9Qa2demo', date: '2026-11-23', email: 'sara@example.com', currency: 'IRR', lang: 'fa',
    items: [{ product_id: '202', variant: '', sku: 'PHONE-Y', name: 'گوشی Y', price: 250000000, quantity: 1, categories: ['phones'] }],
  }],
]);

/** Carts created by the restore action, newest last (read by the tests). */
export const restoredCarts = [];

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** WooCommerce's price markup (wc_price): the symbol in its own span, formatted by Intl.NumberFormat in the page's language. */
function price(value, order, t) {
  const parts = new Intl.NumberFormat(t.locale, { style: 'currency', currency: order.currency }).formatToParts(value);
  const symbol = `<span class="woocommerce-Price-currencySymbol">${escape(parts.find((part) => part.type === 'currency')?.value ?? '')}</span>`;
  const number = escape(parts.filter((part) => !['currency', 'literal'].includes(part.type)).map((part) => part.value).join(''));
  const symbolFirst = !t.symbolAfter && parts.findIndex((part) => part.type === 'currency') < parts.findIndex((part) => part.type === 'integer');
  return `<span class="woocommerce-Price-amount amount"><bdi>${symbolFirst ? `${symbol}${number}` : `${number}&nbsp;${symbol}`}</bdi></span>`;
}

/** A product page for the items of the orders above: the order's product links lead somewhere. */
function productPage(item, order, t, lang) {
  return `<!doctype html><html lang="${lang}" dir="${lang === 'en' ? 'ltr' : 'rtl'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/examples/favicon.svg" type="image/svg+xml"><title>${escape(item.name)} – ${escape(t.site)}</title>
<link rel="stylesheet" href="/examples/woocommerce/order-received/theme.css"></head>
<body class="product"><header class="site-header"><a href="/examples/woocommerce/shop/" class="site-title">${escape(t.site)}</a></header>
<main id="primary" class="site-main"><h1 class="product_title entry-title">${escape(item.name)}</h1><p class="price">${price(item.price, order, t)}</p>
<p><a href="/examples/woocommerce/shop/">${escape(t.back)}</a></p></main></body></html>`;
}

export function createOrderReceivedBackend({
  collector = process.env.HOMING_EXAMPLE_COLLECTOR ?? '',
  writeKey = process.env.HOMING_EXAMPLE_WRITE_KEY ?? 'wk_demo',
  restoreSecret = process.env.HOMING_OFFERS_WOOCOMMERCE_SECRET ?? 'demo-restore-secret',
} = {}) {
  let template;
  return async function orderReceivedBackend(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/' && url.searchParams.has('homing_upsell')) return restore(url, res, restoreSecret);
    if (url.pathname === '/checkout/' && url.searchParams.has('restored')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Checkout</title><h1>Checkout</h1><p id="restored">${escape(url.searchParams.get('restored'))}</p>`);
      return true;
    }
    const lang = ['fa', 'ar', 'he'].includes(url.searchParams.get('lang')) ? url.searchParams.get('lang') : 'en';
    const t = texts[lang];
    const product = url.pathname.match(/^\/product\/([a-z0-9-]+)\/?$/)?.[1];
    if (product && req.method === 'GET') {
      const found = [...orders.values()].flatMap((order) => order.items.map((item) => ({ item, order }))).find(({ item }) => item.sku.toLowerCase() === product);
      if (!found) return false;
      // In the language of its order's page (a Persian order's product is a Persian store's).
      const productLang = url.searchParams.has('lang') ? lang : found.order.lang ?? 'en';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(productPage(found.item, found.order, texts[productLang], productLang));
      return true;
    }
    const match = url.pathname.match(/^\/checkout\/order-received\/(\d+)\/?$/);
    if (!match) return false;
    const order = orders.get(match[1]);
    // Another example store's orders are its own (this map is exported so a checkout can add to it).
    if (!order) return false;
    if (url.searchParams.get('key') !== order.key) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><p>Sorry, this order is invalid and cannot be paid for.</p>');
      return true;
    }
    template ??= await readFile(new URL('page.html', here), 'utf8');
    const subtotal = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    const total = subtotal - (order.discount ?? 0);
    const rows = order.items
      .map(
        (item) => `<tr class="woocommerce-table__line-item order_item"><td class="woocommerce-table__product-name product-name"><a href="/product/${escape(item.sku.toLowerCase())}/">${escape(item.name)}</a> <strong class="product-quantity">&times;&nbsp;${escape(new Intl.NumberFormat(t.locale).format(item.quantity))}</strong></td><td class="woocommerce-table__product-total product-total">${price(item.price * item.quantity, order, t)}</td></tr>`,
      )
      .join('');
    // What the plugin prints in `woocommerce_thankyou` (see ../plugin/includes/class-homing-order-json.php).
    const json = {
      order_id: match[1],
      order_key: order.key,
      ...(order.cartId ? { cart_id: order.cartId } : {}),
      value: total,
      currency: order.currency,
      products: order.items.map(({ categories, variant, ...item }) => ({ ...item, ...(variant ? { variant } : {}), collections: categories })),
    };
    const orderJson = url.searchParams.get('json') === '0' ? '' : `<script type="application/json" id="homing-order">${JSON.stringify(json).replace(/</g, '\\u003c')}</script>`;
    const discountRow = order.discount ? `<tr class="cart-discount"><th scope="row">${escape(t.discount)} (<bdi class="coupon-code">${escape(order.coupon)}</bdi>):</th><td>-${price(order.discount, order, t)}</td></tr>` : '';
    const markup = { rows, orderJson, discountRow, subtotal: price(subtotal, order, t), total: price(total, order, t), address: t.address.map(escape).join('<br>') };
    const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(order.date));
    const number = new Intl.NumberFormat(t.locale, { useGrouping: false }).format(Number(match[1]));
    const values = { lang, dir: lang === 'en' ? 'ltr' : 'rtl', writeKey: order.writeKey ?? writeKey, collector: collector || `http://${req.headers.host}`, number, date, email: order.email, customer: order.billing?.name || t.customer };
    // {{name}}: the order's values; {{t:name}}: the page's words in its language.
    const html = template.replace(/\{\{(t:)?(\w+)\}\}/g, (_, word, name) => (word ? escape(t[name] ?? '') : markup[name] ?? escape(values[name] ?? '')));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    return true;
  };
}

function restore(url, res, secret) {
  const payload = url.searchParams.get('homing_upsell') ?? '';
  const given = Buffer.from(url.searchParams.get('homing_sig') ?? '', 'hex');
  const expected = createHmac('sha256', secret).update(payload).digest();
  let claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    claims = undefined;
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || !claims || claims.e * 1000 < Date.now()) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('This offer link is not valid any more.');
    return true;
  }
  restoredCarts.push({ order: claims.o, product_id: claims.p, variant: claims.v || undefined, quantity: claims.q, price: claims.a, currency: claims.c });
  res.writeHead(302, { location: `/checkout/?restored=${encodeURIComponent(`${claims.q} × ${claims.p} @ ${claims.a} ${claims.c}`)}` }).end();
  return true;
}

export default createOrderReceivedBackend();
