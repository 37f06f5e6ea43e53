// A fake WooCommerce backend for the example shop and the real-browser tests, with the request
// and response shapes of the real plugin:
// - classic AJAX: POST ?wc-ajax=add_to_cart | remove_from_cart | get_refreshed_fragments, answering
//   { fragments, cart_hash } (WC_AJAX in includes/class-wc-ajax.php);
// - a full-page `form.cart` post carrying `add-to-cart`, answered with a redirect (PRG);
// - the cart page's "Update cart" post (`update_cart`, `cart[key][qty]`);
// - the Store API (https://developer.woocommerce.com/docs/apis/store-api/): GET /wc/store/v1/cart,
//   POST cart/add-item, cart/remove-item, cart/update-item, and /batch, with money as minor-unit
//   strings and `currency_minor_unit`, the `Cart-Token` (a JWT naming the session) and `Nonce`
//   headers, and the nonce check on writes. Also under ?rest_route=.
// A `wc_currency=IRR` cookie switches the store to Iranian rial (currency_minor_unit 0).
// Also the Homing plugin's abandoned-cart link (`?homing_cart=...&homing_sig=...`, ./restore-link.mjs)
// with coupons, and the checkout's "Place order", which creates the order shown on the
// order-received page (../order-received/backend.mjs) and, once the shopper has their answer,
// WooCommerce's signed `order.created` webhook to the collector (../../webhooks.mjs).
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseBody } from '../../shopify/backend.mjs';
import { discountOf, findCoupon } from '../../coupons.mjs';
import { demoStores, restoreSecret } from '../../demo-stores.mjs';
import { orders } from '../order-received/backend.mjs';
import { absint, formatCouponCode, verifyCart } from './restore-link.mjs';
import { wooOrderPayload } from './order-webhook.mjs';
import { sendWebhook } from '../../webhooks.mjs';

const SECRET = randomBytes(16);
export const catalogue = {
  12: { name: 'Beanie', sku: 'woo-beanie', slug: 'beanie', category: 'accessories', prices: { USD: 1800, IRR: 18500000 } },
  34: { name: 'Hoodie with Logo', sku: 'woo-hoodie-logo', slug: 'hoodie-with-logo', category: 'hoodies', prices: { USD: 4500, IRR: 46000000 } },
  57: { name: 'T-Shirt - Blue', sku: 'woo-tshirt-blue', slug: 't-shirt', category: 'tshirts', parent: 56, variation: { attribute: 'Color', value: 'Blue' }, prices: { USD: 2000, IRR: 20500000 } },
};
/** The demo's WordPress sites: the classic shop and the block store, each with its cart page. */
const sites = { '/examples/woocommerce/shop/': 'cart.html', '/examples/woocommerce/blocks/': 'cart.html' };
const blocksSite = '/examples/woocommerce/blocks/';
let nextOrderNumber = 2001;
const currencies = {
  USD: { currency_code: 'USD', currency_symbol: '$', currency_minor_unit: 2, currency_decimal_separator: '.', currency_thousand_separator: ',', currency_prefix: '$', currency_suffix: '' },
  IRR: { currency_code: 'IRR', currency_symbol: '﷼', currency_minor_unit: 0, currency_decimal_separator: '.', currency_thousand_separator: ',', currency_prefix: '', currency_suffix: ' ﷼' },
};
const sessions = new Map();
const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function cartToken(customerId) {
  const body = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ user_id: customerId, exp: Math.floor(Date.now() / 1000) + 172800, iss: 'store-api' })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}
function customerFromToken(token) {
  const [header, payload, signature] = String(token).split('.');
  if (!signature || createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url') !== signature) return undefined;
  return JSON.parse(Buffer.from(payload, 'base64url')).user_id;
}
const nonceFor = (customerId) => createHmac('sha256', SECRET).update(`wc_store_api:${customerId}`).digest('hex').slice(0, 10);
const lineKey = (id) => createHmac('md5', 'cart').update(String(id)).digest('hex');

function storeApiItem(line, currency) {
  const product = catalogue[line.id];
  const unit = product.prices[currency];
  const money = currencies[currency];
  const raw = (value) => String(value * 10 ** (6 - money.currency_minor_unit));
  return {
    key: line.key, id: line.id, type: product.parent ? 'variation' : 'simple', quantity: line.quantity,
    quantity_limits: { minimum: 1, maximum: 9999, multiple_of: 1, editable: true }, name: product.name,
    short_description: '', description: `<p>${product.name}</p>`, sku: product.sku, low_stock_remaining: null, backorders_allowed: false,
    show_backorder_badge: false, sold_individually: false, permalink: `/examples/woocommerce/shop/product.html?p=${product.slug}`,
    images: [{ id: line.id, src: `/examples/woocommerce/shop/${product.slug}.svg`, thumbnail: `/examples/woocommerce/shop/${product.slug}.svg`, srcset: '', sizes: '', name: product.slug, alt: product.name }],
    variation: product.variation ? [{ raw_attribute: `attribute_pa_${product.variation.attribute.toLowerCase()}`, ...product.variation }] : [],
    item_data: [],
    prices: { price: String(unit), regular_price: String(unit), sale_price: String(unit), price_range: null, ...money, raw_prices: { precision: 6, price: raw(unit), regular_price: raw(unit), sale_price: raw(unit) } },
    totals: { line_subtotal: String(unit * line.quantity), line_subtotal_tax: '0', line_total: String(unit * line.quantity), line_total_tax: '0', ...money },
    catalog_visibility: 'visible', extensions: {},
  };
}

function storeApiCart(session) {
  const items = session.lines.map((line) => storeApiItem(line, session.currency));
  const subtotal = items.reduce((sum, item) => sum + Number(item.totals.line_total), 0);
  const coupon = findCoupon(session.coupon);
  const discount = discountOf(subtotal, coupon);
  const total = String(subtotal - discount);
  const address = { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '', phone: '' };
  const coupons = coupon ? [{ code: session.coupon, discount_type: 'percent', totals: { total_discount: String(discount), total_discount_tax: '0', ...currencies[session.currency] } }] : [];
  return {
    items, coupons, fees: [],
    totals: { total_items: String(subtotal), total_items_tax: '0', total_fees: '0', total_fees_tax: '0', total_discount: String(discount), total_discount_tax: '0', total_shipping: null, total_shipping_tax: null, total_price: total, total_tax: '0', tax_lines: [], ...currencies[session.currency] },
    shipping_address: address, billing_address: { ...address, email: '' }, needs_payment: items.length > 0, needs_shipping: items.length > 0,
    payment_requirements: ['products'], has_calculated_shipping: false, shipping_rates: [],
    items_count: session.lines.reduce((sum, line) => sum + line.quantity, 0), items_weight: 0, cross_sells: [], errors: [], payment_methods: ['cod'], extensions: {},
  };
}

const cartHash = (session) => createHmac('md5', 'hash').update(JSON.stringify(session.lines) + session.currency).digest('hex');

function fragments(session) {
  const cart = storeApiCart(session);
  const items = cart.items
    .map((item) => `<li class="woocommerce-mini-cart-item mini_cart_item"><a href="#" class="remove remove_from_cart_button" aria-label="Remove ${item.name} from cart" data-product_id="${item.id}" data-cart_item_key="${item.key}" data-product_sku="${item.sku}">×</a>${item.name} × ${item.quantity}</li>`)
    .join('');
  return {
    'div.widget_shopping_cart_content': `<div class="widget_shopping_cart_content">${items ? `<ul class="woocommerce-mini-cart cart_list product_list_widget">${items}</ul>` : '<p class="woocommerce-mini-cart__empty-message">No products in the cart.</p>'}</div>`,
    'span.cart-contents-count': `<span class="cart-contents-count">${cart.items_count}</span>`,
  };
}

function addToCart(session, id, quantity) {
  if (!catalogue[id]) return false;
  const line = session.lines.find((l) => l.id === id);
  if (line) line.quantity += quantity;
  else session.lines.push({ key: lineKey(id), id, quantity });
  return true;
}
function setQuantity(session, key, quantity) {
  const index = session.lines.findIndex((line) => line.key === key);
  if (index < 0) return false;
  if (quantity > 0) session.lines[index].quantity = quantity;
  else session.lines.splice(index, 1);
  return true;
}

const json = (res, status, value, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
  return true;
};
const storeError = (code, message, status) => ({ status, body: { code, message, data: { status } } });

/** One Store API route; returns { status, body }. */
function storeApi(session, method, route, body, headers) {
  if (route === 'cart' && method === 'GET') return { status: 200, body: storeApiCart(session) };
  if (method !== 'POST') return storeError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  // Writes need the session's Nonce, unless the request names its cart with a Cart-Token.
  if (!headers['cart-token'] && headers.nonce !== session.nonce && headers['x-wc-store-api-nonce'] !== session.nonce)
    return storeError('woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.', 401);
  if (route === 'cart/add-item') {
    if (!addToCart(session, Number(body.id), Number(body.quantity ?? 1))) return storeError('woocommerce_rest_cart_invalid_product', 'This product cannot be added to the cart.', 400);
    return { status: 201, body: storeApiCart(session) };
  }
  if (route === 'cart/remove-item' || route === 'cart/update-item') {
    if (!setQuantity(session, body.key, route === 'cart/remove-item' ? 0 : Number(body.quantity)))
      return storeError('woocommerce_rest_cart_invalid_key', 'Cart item no longer exists or is invalid.', 409);
    return { status: 200, body: storeApiCart(session) };
  }
  return storeError('rest_no_route', 'No route was found matching the URL and request method.', 404);
}

// WordPress serves jQuery from wp-includes; a plugin may ship its own copy (examples/.../cart.html).
const scripts = {
  '/wp-includes/js/jquery/jquery.min.js': 'jquery/dist/jquery.min.js',
  '/wp-content/plugins/homing-demo-slider/js/jquery.js': 'jquery/dist/jquery.js',
};

export default async function wooBackend(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  if (scripts[url.pathname] && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(await readFile(new URL(`../../../node_modules/${scripts[url.pathname]}`, import.meta.url)));
    return true;
  }
  // The block store is a WordPress site in a subdirectory: its REST root is /examples/woocommerce/blocks/wp-json/.
  const blocksApi = url.pathname.startsWith(`${blocksSite}wp-json/`);
  const restPath = blocksApi ? url.pathname.slice(blocksSite.length - 1) : url.pathname;
  const route = (url.searchParams.get('rest_route') ?? restPath.replace(/^\/wp-json/, '')).replace(/^\/wc\/store(\/v1)?\/?/, '');
  const isStoreApi = /^(\/wp-json)?\/wc\/store\//.test(url.searchParams.get('rest_route') ?? restPath);
  const wcAjax = url.searchParams.get('wc-ajax');
  const site = blocksApi ? blocksSite : Object.keys(sites).find((path) => url.pathname.startsWith(path));
  const isRestoreLink = site && url.pathname === site && url.searchParams.has('homing_cart');
  const isAddLink = site && req.method === 'GET' && url.searchParams.has('add-to-cart');
  if (!isStoreApi && !wcAjax && !isRestoreLink && !isAddLink && !(site && req.method === 'POST')) return false;

  // The session: the Cart-Token's customer when one is sent, else the session cookie.
  const cookies = Object.fromEntries((req.headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((c) => c.split('=')));
  // Each site has its own session cookie, so the two demo stores keep separate carts.
  const sessionCookie = site === blocksSite ? 'wp_woocommerce_session_homing_blocks' : 'wp_woocommerce_session_homing';
  let customerId = req.headers['cart-token'] ? customerFromToken(req.headers['cart-token']) : cookies[sessionCookie];
  if (req.headers['cart-token'] && !customerId) return json(res, 401, { code: 'woocommerce_rest_invalid_token', message: 'Invalid Cart-Token.', data: { status: 401 } });
  const sessionHeaders = {};
  if (!customerId || !sessions.has(customerId)) {
    customerId = `t_${randomBytes(13).toString('hex')}`;
    sessions.set(customerId, { lines: [], nonce: nonceFor(customerId) });
    sessionHeaders['set-cookie'] = `${sessionCookie}=${customerId}; Path=/; SameSite=Lax`;
  }
  const session = sessions.get(customerId);
  session.currency = cookies.wc_currency === 'IRR' ? 'IRR' : 'USD';
  const apiHeaders = { ...sessionHeaders, 'cart-token': cartToken(customerId), nonce: session.nonce, 'x-wc-store-api-nonce': session.nonce };

  if (isStoreApi) {
    let payload;
    try {
      payload = body ? JSON.parse(body) : {};
    } catch {
      return json(res, 400, { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } }, apiHeaders);
    }
    if (route === 'batch' && req.method === 'POST') {
      const responses = (payload.requests ?? []).map((request) => {
        const result = storeApi(session, request.method ?? 'POST', String(request.path).replace(/^\/wc\/store(\/v1)?\//, ''), request.body ?? {}, { ...lower(req.headers), ...lower(request.headers ?? {}) });
        return { body: result.body, status: result.status, headers: {} };
      });
      return json(res, 207, { responses }, apiHeaders);
    }
    // The block checkout's "Place Order" (POST /wc/store/v1/checkout) answers where to go next.
    if (route === 'checkout' && req.method === 'POST') {
      if (req.headers.nonce !== session.nonce) return json(res, 401, storeError('woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.', 401).body, apiHeaders);
      const address = payload.billing_address ?? {};
      // The plugin's consent box is an additional checkout field of the order (location `order`).
      const consent = payload.additional_fields?.['homing/sms-consent'] === true;
      const placed = placeOrder(session, { billing_first_name: address.first_name, billing_phone: address.phone, billing_email: address.email, sms_consent: consent ? 'on' : undefined }, customerId, site ?? '/examples/woocommerce/shop/');
      if (!placed.id) return json(res, 400, storeError('woocommerce_rest_cart_empty', 'Cannot create order from empty cart.', 400).body, apiHeaders);
      return json(res, 200, { order_id: Number(placed.id), order_key: placed.key, status: 'processing', payment_result: { payment_status: 'success', payment_details: [], redirect_url: placed.location } }, apiHeaders);
    }
    const result = storeApi(session, req.method, route, payload, req.headers);
    return json(res, result.status, result.body, apiHeaders);
  }

  if (isRestoreLink) return restoreCart(res, url, session, site, sessionHeaders);
  // The add-to-cart link itself (`?add-to-cart=12`, followed without JavaScript or opened in a new
  // tab): WooCommerce adds on GET too, then sends the shopper back without the parameter.
  if (isAddLink) {
    addToCart(session, Number(url.searchParams.get('add-to-cart')), Number(url.searchParams.get('quantity') ?? 1) || 1);
    url.searchParams.delete('add-to-cart');
    url.searchParams.delete('quantity');
    res.writeHead(302, { location: url.pathname + url.search, ...sessionHeaders }).end();
    return true;
  }
  const fields = req.method === 'POST' ? parseBody(req, body) : {};
  if (fields.woocommerce_checkout_place_order !== undefined) {
    const { location } = placeOrder(session, fields, customerId, site);
    res.writeHead(303, { location, ...sessionHeaders }).end();
    return true;
  }
  if (wcAjax) {
    if (wcAjax === 'add_to_cart') {
      const id = Number(fields.product_id);
      if (!addToCart(session, id, Number(fields.quantity ?? 1) || 1)) return json(res, 200, { error: true, product_url: '/examples/woocommerce/shop/' }, sessionHeaders);
    } else if (wcAjax === 'remove_from_cart') {
      if (!setQuantity(session, fields.cart_item_key, 0)) return json(res, 200, { success: false }, sessionHeaders);
    } else if (wcAjax !== 'get_refreshed_fragments') return json(res, 200, -1, sessionHeaders);
    return json(res, 200, { fragments: fragments(session), cart_hash: session.lines.length ? cartHash(session) : '' }, sessionHeaders);
  }

  // Full-page posts to a shop page: form.cart (add-to-cart) or the cart page's "Update cart".
  if (fields['add-to-cart']) {
    addToCart(session, Number(fields.variation_id) || Number(fields['add-to-cart']), Number(fields.quantity ?? 1) || 1);
    res.writeHead(302, { location: req.url, ...sessionHeaders }).end();
    return true;
  }
  if (fields.update_cart !== undefined && fields.cart) {
    for (const [key, value] of Object.entries(fields.cart)) setQuantity(session, key, Number(value.qty));
    // WooCommerce answers with the cart page itself; its cart.js swaps the form and totals in.
    res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', ...sessionHeaders });
    res.end(await readFile(new URL('cart.html', import.meta.url)));
    return true;
  }
  return false;
}

const lower = (headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** Homing_Restore::maybe_restore_cart: the same lines back in the cart, the coupon applied, then the cart page. */
function restoreCart(res, url, session, site, headers) {
  const [claims, reason] = verifyCart(url.searchParams.get('homing_cart') ?? '', url.searchParams.get('homing_sig') ?? '', restoreSecret, Math.floor(Date.now() / 1000));
  const cartUrl = `${site}${sites[site]}`;
  if (!claims) {
    // The plugin adds a notice and sends the shopper to the cart: `?notice=` stands in for the notice.
    res.writeHead(302, { location: `${cartUrl}?notice=${reason === 'expired' ? 'expired' : 'invalid'}`, ...headers }).end();
    return true;
  }
  session.lines = [];
  session.coupon = undefined;
  for (const line of claims.i) if (Array.isArray(line) && line.length >= 3) addToCart(session, absint(line[1]) || absint(line[0]), Math.max(1, absint(line[2])));
  const coupon = formatCouponCode(claims.c);
  if (coupon && findCoupon(coupon)) session.coupon = coupon;
  res.writeHead(302, { location: cartUrl, ...headers }).end();
  return true;
}

/**
 * "Place order": the session's cart becomes an order at the store's prices (never the form's), the
 * cart is emptied; answers where the shopper goes next. `site` names the store (and its write key).
 */
function placeOrder(session, fields, customerId, site) {
  const cart = storeApiCart(session);
  if (!cart.items.length) return { location: `${site}${sites[site]}` };
  const writeKey = Object.keys(demoStores).find((key) => demoStores[key].path === site);
  const { currency_minor_unit: decimals } = currencies[session.currency];
  const minor = 10 ** decimals;
  const id = String(nextOrderNumber++);
  const key = `wc_order_${randomBytes(6).toString('hex')}`;
  const order = {
    key, date: new Date().toISOString().slice(0, 10), email: String(fields.billing_email ?? ''), currency: session.currency,
    writeKey, cartId: customerId, coupon: cart.coupons[0]?.code,
    discount: Number(cart.totals.total_discount) / minor, billing: { name: String(fields.billing_first_name ?? ''), phone: String(fields.billing_phone ?? '') },
    items: session.lines.map((line) => {
      const product = catalogue[line.id];
      return { product_id: String(product.parent ?? line.id), variant: product.parent ? String(line.id) : '', sku: product.sku, name: product.name, price: product.prices[session.currency] / minor, quantity: line.quantity, categories: [product.category] };
    }),
  };
  orders.set(id, order);
  // The classic checkout's box and the plugin's own name for it; a ticked box posts `on`.
  const consent = [fields.sms_consent, fields.homing_sms_consent].some((value) => value !== undefined && value !== '' && value !== '0');
  const total = Number(cart.totals.total_price) / minor;
  // WooCommerce fires the webhook from its queue, after the order is created and the shopper redirected.
  sendWebhook('woocommerce', writeKey, 'order.created', wooOrderPayload(id, order, { total, decimals, country: demoStores[writeKey].country, consent }));
  session.lines = [];
  session.coupon = undefined;
  return { id, key, location: `/checkout/order-received/${id}/?key=${key}` };
}
