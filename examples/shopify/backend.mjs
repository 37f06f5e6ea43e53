// A fake Shopify storefront backend for the example theme and the real-browser tests: the Ajax
// Cart API (https://shopify.dev/docs/api/ajax/reference/cart) with the request and response
// shapes of the real one: /cart/add(.js), /cart/change(.js), /cart/update(.js), /cart/clear(.js),
// GET /cart.js, under a locale prefix too (/fr/cart/add.js); money in cents; the cart token in
// the `cart` cookie; JSON for Ajax calls, a 302 to /cart for a plain form post; `sections` for
// the Section Rendering API that Dawn asks for. Theme pages are served at Shopify's own paths.
// Also what Shopify does around the cart: cart permalinks and /discount/CODE links (the recovery
// SMS lead there), and a stand-in for the hosted checkout and thank-you page (./checkout.mjs).
// Like Shopify, it tells the store's app what happened at checkout with signed webhooks
// (./webhook-payloads.mjs, sent by ../webhooks.mjs): checkouts/create once the shopper has typed
// a phone, orders/create and orders/paid when they pay.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { checkoutPage, checkoutTotals, thankYouPage } from './checkout.mjs';
import { findCoupon } from '../coupons.mjs';
import { demoStores } from '../demo-stores.mjs';
import { demoOrigin, sendWebhook } from '../webhooks.mjs';
import { checkoutPayload, orderPayload } from './webhook-payloads.mjs';

const here = new URL('.', import.meta.url);
export const currency = 'CAD';

export const products = [
  { id: 7001, handle: 'classic-mug', title: 'Classic Mug', vendor: 'Homing Demo', type: 'Kitchen', image: '/examples/shopify/mug.svg',
    variants: [{ id: 41001, title: 'Red', price: 1999, sku: 'MUG-RED' }, { id: 41002, title: 'Blue', price: 2099, sku: 'MUG-BLUE' }] },
  { id: 7002, handle: 'canvas-tote', title: 'Canvas Tote', vendor: 'Homing Demo', type: 'Bags', image: '/examples/shopify/tote.svg',
    variants: [{ id: 41003, title: 'Default Title', price: 2450, sku: 'TOTE' }] },
];
const variants = new Map(products.flatMap((product) => product.variants.map((variant) => [variant.id, { product, variant }])));
const carts = new Map();
/** Orders placed through the checkout, by checkout token (read by the tests too). */
export const orders = new Map();
let nextOrderNumber = 1001;
let nextCheckoutId = 35000000001;
const writeKey = 'wk_shopify';
const { country } = demoStores[writeKey];

const cartError = (status, description) => ({ status, message: 'Cart Error', description });

function lineItem({ variantId, quantity, properties }, index) {
  const { product, variant } = variants.get(variantId);
  const single = variant.title === 'Default Title';
  return {
    id: variantId, properties: properties ?? {}, quantity, variant_id: variantId, key: `${variantId}:${(index + 1).toString(16).padStart(32, 'a')}`,
    title: single ? product.title : `${product.title} - ${variant.title}`, price: variant.price, original_price: variant.price,
    presentment_price: variant.price / 100, discounted_price: variant.price, line_price: variant.price * quantity,
    original_line_price: variant.price * quantity, total_discount: 0, discounts: [], sku: variant.sku, grams: 350, vendor: product.vendor,
    taxable: true, product_id: product.id, product_has_only_default_variant: single, gift_card: false, final_price: variant.price,
    final_line_price: variant.price * quantity, url: `/products/${product.handle}?variant=${variantId}`,
    featured_image: { aspect_ratio: 1, alt: product.title, height: 600, url: product.image, width: 600 }, image: product.image,
    handle: product.handle, requires_shipping: true, product_type: product.type, product_title: product.title,
    product_description: `${product.title} from the demo store.`, variant_title: single ? null : variant.title,
    variant_options: [variant.title], options_with_values: [{ name: single ? 'Title' : 'Color', value: variant.title }],
    line_level_discount_allocations: [], line_level_total_discount: 0, has_components: false,
  };
}

function cartJson(token, cart) {
  const items = cart.lines.map(lineItem);
  const total = items.reduce((sum, item) => sum + item.final_line_price, 0);
  return {
    token, note: cart.note, attributes: {}, original_total_price: total, total_price: total, total_discount: 0,
    total_weight: items.reduce((sum, item) => sum + item.grams * item.quantity, 0), item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items, requires_shipping: items.length > 0, currency, items_subtotal_price: total, cart_level_discount_applications: [],
    // A code from a permalink or /discount/CODE waits here and is applied at checkout.
    discount_codes: cart.discount ? [{ code: cart.discount, applicable: Boolean(findCoupon(cart.discount)) }] : [],
  };
}

/** Form fields from urlencoded, multipart (a FormData posted by fetch) or JSON bodies. */
export function parseBody(req, body) {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body || '{}');
  const fields = {};
  const put = (name, value) => {
    // items[0][id]=1 and updates[41001]=2 style names, like Rails/Shopify parse them
    const path = name.replace(/\]/g, '').split('[');
    let node = fields;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else node = node[key] ??= {};
    });
  };
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
    for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
      const match = /name="([^"]+)"[^]*?\r\n\r\n([^]*)\r\n$/.exec(part);
      if (match) put(match[1], match[2]);
    }
    return fields;
  }
  for (const [name, value] of new URLSearchParams(body)) put(name, value);
  return fields;
}

const asList = (value) => (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []);

function renderSections(names, cart) {
  const json = cartJson('', cart);
  const sections = {};
  for (const name of String(names ?? '').split(',').filter(Boolean)) {
    if (name === 'cart-icon-bubble') sections[name] = `<div id="shopify-section-cart-icon-bubble"><span class="cart-count-bubble" data-count="${json.item_count}">${json.item_count}</span></div>`;
    else if (name === 'cart-drawer')
      sections[name] = `<div id="shopify-section-cart-drawer"><ul class="drawer__items">${json.items
        .map((item) => `<li data-variant="${item.variant_id}">${item.title} × ${item.quantity}</li>`)
        .join('')}</ul></div>`;
    else sections[name] = null;
  }
  return sections;
}

function send(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
}

const pages = { '/cart': 'cart.html', '/products/classic-mug': 'product.html', '/products/canvas-tote': 'product.html', '/collections/all': 'index.html' };

export default async function shopifyBackend(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  // Shopify's locale-aware URLs: /fr/cart/add.js, /en-ca/products/...
  const locale = /^\/([a-z]{2}(?:-[a-z]{2})?)(?=\/)/.exec(url.pathname)?.[1];
  const path = locale ? url.pathname.slice(locale.length + 1) : url.pathname;
  const root = locale ? `/${locale}/` : '/';
  const match = /^\/cart(?:\/(add|change|update|clear))?(\.js|\.json)?$/.exec(path);
  const checkout = /^\/checkouts\/cn\/([^/]+)(\/thank-you|\/contact)?$/.exec(path);
  const discountLink = /^\/discount\/([^/]+)$/.exec(path)?.[1];
  // Cart permalinks (/cart/{variant}:{qty},...?discount=CODE) fill a new cart and open checkout:
  // https://shopify.dev/docs/apps/build/checkout/create-cart-permalinks
  const permalink = /^\/cart\/(\d+:\d+(?:,\d+:\d+)*)$/.exec(path)?.[1];
  if (!match && !pages[path] && !permalink && !checkout && !discountLink) return false;

  let token = /(?:^|;\s*)cart=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  token = token && decodeURIComponent(token);
  const setCookie = {};
  if (!token || !carts.has(token)) {
    token = `hWN${randomBytes(9).toString('hex')}?key=${randomBytes(8).toString('hex')}`;
    carts.set(token, { lines: [], note: null });
    setCookie['set-cookie'] = `cart=${encodeURIComponent(token)}; Path=/; SameSite=Lax`;
  }
  const cart = carts.get(token);
  const checkoutId = encodeURIComponent(token.split('?')[0]);

  if (checkout) {
    if (checkout[2] === '/contact') {
      if (req.method !== 'POST') return false;
      saveContact(res, parseBody(req, body), token, cart);
      return true;
    }
    if (checkout[2]) {
      const order = orders.get(checkout[1]);
      if (!order) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(thankYouPage(order));
      return true;
    }
    if (req.method === 'POST') return placeOrder(req, res, body, token, cart);
    const code = url.searchParams.get('discount') ?? cart.discount;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...setCookie });
    res.end(checkoutPage(cartJson(token, cart), code, `/checkouts/cn/${checkoutId}`));
    return true;
  }
  // https://{shop}/discount/CODE?redirect=/products/x: remembers the code for checkout, then goes on.
  if (discountLink && req.method === 'GET') {
    cart.discount = decodeURIComponent(discountLink);
    const next = url.searchParams.get('redirect') ?? '/';
    res.writeHead(302, { location: next.startsWith('/') && !next.startsWith('//') ? next : '/', ...setCookie }).end();
    return true;
  }

  if (permalink && req.method === 'GET') {
    cart.lines = permalink.split(',').map((pair) => pair.split(':').map(Number)).filter(([variantId, quantity]) => variants.has(variantId) && quantity > 0).map(([variantId, quantity]) => ({ variantId, quantity, properties: {} }));
    cart.discount = url.searchParams.get('discount') ?? undefined;
    res.writeHead(302, { location: `/checkouts/cn/${checkoutId}${cart.discount ? `?discount=${encodeURIComponent(cart.discount)}` : ''}`, ...setCookie }).end();
    return true;
  }

  if (req.method === 'GET' && (pages[path] || (path === '/cart' && !match[2]))) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...setCookie });
    res.end(await readFile(new URL(pages[path], here)));
    return true;
  }
  const [, action, extension] = match;
  if (!action) {
    // The cart page's form: the checkout button sends the shopper to Shopify's hosted checkout.
    if (req.method === 'POST') {
      res.writeHead(302, { location: `/checkouts/cn/${checkoutId}`, ...setCookie }).end();
      return true;
    }
    send(res, 200, cartJson(token, cart), setCookie);
    return true;
  }
  if (req.method !== 'POST') return false;

  const wantsJson = Boolean(extension) || /json|javascript/.test(req.headers.accept ?? '') || req.headers['x-requested-with'] === 'XMLHttpRequest';
  let fields;
  try {
    fields = parseBody(req, body);
  } catch {
    send(res, 400, cartError(400, 'Invalid JSON'), setCookie);
    return true;
  }
  const reply = (value) => {
    if (!wantsJson) {
      res.writeHead(302, { location: fields.return_to ?? `${root}cart`, ...setCookie }).end();
      return true;
    }
    const sections = fields.sections ? { sections: renderSections(Array.isArray(fields.sections) ? fields.sections.join(',') : fields.sections, cart) } : {};
    send(res, 200, { ...value, ...sections }, setCookie);
    return true;
  };
  const setQuantity = (index, quantity) => {
    if (quantity <= 0) cart.lines.splice(index, 1);
    else cart.lines[index].quantity = quantity;
  };

  if (action === 'add') {
    const requested = fields.items ? asList(fields.items) : [{ id: fields.id, quantity: fields.quantity, properties: fields.properties }];
    const added = [];
    for (const item of requested) {
      const variantId = Number(item.id);
      if (!variants.has(variantId)) return send(res, 404, cartError(404, 'Cannot find variant'), setCookie), true;
      const quantity = Math.max(1, parseInt(item.quantity ?? '1', 10) || 1);
      let index = cart.lines.findIndex((line) => line.variantId === variantId);
      if (index < 0) index = cart.lines.push({ variantId, quantity: 0, properties: item.properties }) - 1;
      cart.lines[index].quantity += quantity;
      added.push(lineItem(cart.lines[index], index));
    }
    return reply(fields.items ? { items: added } : added[0]);
  }
  if (action === 'change') {
    const quantity = parseInt(fields.quantity ?? '1', 10);
    let index = fields.line !== undefined ? Number(fields.line) - 1 : cart.lines.findIndex((line, i) => lineItem(line, i).key === String(fields.id) || line.variantId === Number(fields.id));
    if (!(index >= 0 && index < cart.lines.length)) return send(res, 400, cartError(400, 'no valid id or line parameter'), setCookie), true;
    setQuantity(index, quantity);
  } else if (action === 'update') {
    const updates = fields.updates ?? {};
    const entries = Array.isArray(updates) ? updates.map((quantity, i) => [cart.lines[i]?.variantId, quantity]) : Object.entries(updates);
    for (const [id, value] of entries) {
      const variantId = Number(String(id).split(':')[0]);
      const quantity = parseInt(value, 10) || 0;
      const index = cart.lines.findIndex((line) => line.variantId === variantId);
      if (index >= 0) setQuantity(index, quantity);
      else if (quantity > 0 && variants.has(variantId)) cart.lines.push({ variantId, quantity });
    }
  } else if (action === 'clear') cart.lines.length = 0;
  return reply(cartJson(token, cart));
}

/** "Pay now": the cart becomes an order (prices from the catalogue, never from the form), the cart is gone. */
function placeOrder(req, res, body, token, cart) {
  const fields = parseBody(req, body);
  const json = cartJson(token, cart);
  if (!json.items.length) {
    res.writeHead(303, { location: '/cart' }).end();
    return true;
  }
  const totals = checkoutTotals(json, fields.discount);
  const id = String(nextOrderNumber++);
  const checkoutId = encodeURIComponent(token.split('?')[0]);
  const order = { id, checkoutToken: checkoutId, cartToken: token, lines: json.items, currency, ...totals, name: String(fields.name ?? ''), phone: String(fields.phone ?? ''), smsConsent: fields.sms_consent === '1' };
  orders.set(checkoutId, order);
  carts.delete(token);
  res.writeHead(303, { location: `/checkouts/cn/${checkoutId}/thank-you`, 'set-cookie': 'cart=; Path=/; Max-Age=0; SameSite=Lax' }).end();
  // Sent after the answer, as Shopify does: the thank-you page never waits for the app.
  const payload = orderPayload(order, { country });
  sendWebhook('shopify', writeKey, 'orders/create', payload);
  sendWebhook('shopify', writeKey, 'orders/paid', payload);
  return true;
}

/**
 * The checkout keeps the contact details as the shopper types them (the page posts them here);
 * once there is a phone, Shopify's checkouts/create tells the app, and checkouts/update every change after.
 */
function saveContact(res, fields, token, cart) {
  res.writeHead(204, { 'cache-control': 'no-store' }).end();
  const contact = { name: String(fields.name ?? '').trim(), phone: String(fields.phone ?? '').trim(), consent: fields.sms_consent === '1' };
  const json = cartJson(token, cart);
  if (!contact.phone || !json.items.length || JSON.stringify(contact) === JSON.stringify(cart.contact)) return;
  cart.contact = contact;
  const topic = cart.checkout ? 'checkouts/update' : 'checkouts/create';
  cart.checkout ??= { id: nextCheckoutId++, createdAt: new Date() };
  const checkoutToken = encodeURIComponent(token.split('?')[0]);
  const url = `${demoOrigin()}/checkouts/cn/${checkoutToken}`;
  const payload = checkoutPayload({ ...cart.checkout, checkoutToken, cart: json, totals: checkoutTotals(json, fields.discount), contact, country, url });
  sendWebhook('shopify', writeKey, topic, payload);
}
