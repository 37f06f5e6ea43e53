// A WooCommerce block theme's product grid, mini-cart, Cart block and Checkout block, reduced to
// their Store API calls (woocommerce/assets/js/blocks, the "wc/store/cart" and "wc/store/checkout"
// data stores) and their markup's class names: the REST root from <link rel="https://api.w.org/">,
// the nonce from the Store API's own answers, adds announced with the blocks' DOM events, and
// "Place Order" as POST /wc/store/v1/checkout, which answers where the order-received page is.
const root = document.querySelector('link[rel="https://api.w.org/"]').href;
let nonce = '';
async function api(path, init = {}) {
  const response = await fetch(`${root}wc/store/v1/${path}`, { credentials: 'same-origin', ...init, headers: { 'Content-Type': 'application/json', Nonce: nonce } });
  nonce = response.headers.get('Nonce') ?? nonce;
  const body = await response.json();
  if (!response.ok) throw new Error(body.message);
  return body;
}
const element = (tag, className, text) => Object.assign(document.createElement(tag), { className, textContent: text ?? '' });

function money(minor, totals) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: totals.currency_code }).format(Number(minor) / 10 ** totals.currency_minor_unit);
}

/** The order summary both blocks show: lines, subtotal, the coupon's discount, total. */
function renderTotals(container, cart) {
  const t = cart.totals;
  const row = (label, value, className = '') => {
    const item = element('div', `wc-block-components-totals-item ${className}`);
    item.append(element('span', 'wc-block-components-totals-item__label', label), element('span', 'wc-block-components-totals-item__value', value));
    return item;
  };
  container.replaceChildren(
    ...cart.items.map((item) => row(`${item.name} × ${item.quantity}`, money(item.totals.line_total, t), 'wc-block-cart-items__row')),
    row('Subtotal', money(t.total_items, t)),
    ...cart.coupons.map((coupon) => row(`Coupon: ${coupon.code}`, `−${money(coupon.totals.total_discount, t)}`, 'wc-block-components-totals-discount')),
    row('Total', money(t.total_price, t), 'wc-block-components-totals-footer-item'),
  );
  document.body.dataset.cartRendered = String(cart.items_count);
}

function renderMiniCart(cart) {
  document.querySelector('.wc-block-mini-cart__badge').textContent = cart.items_count;
}

api('cart').then((cart) => {
  renderMiniCart(cart);
  const summary = document.querySelector('.wc-block-components-order-summary');
  if (summary) renderTotals(summary, cart);
});

document.addEventListener('click', async (event) => {
  const add = event.target.closest('.wc-block-components-product-button__button');
  if (!add) return;
  add.classList.add('is-loading');
  const cart = await api('cart/add-item', { method: 'POST', body: JSON.stringify({ id: Number(add.dataset.productId), quantity: 1 }) });
  add.classList.remove('is-loading');
  add.textContent = `${cart.items.find((item) => item.id === Number(add.dataset.productId))?.quantity ?? 1} in cart`;
  renderMiniCart(cart);
  document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true, detail: { preserveCartData: false } }));
});

document.querySelector('.wc-block-checkout__form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const address = { first_name: form.get('billing_first_name'), phone: form.get('billing_phone'), email: form.get('email') ?? '' };
  const error = document.querySelector('.wc-block-components-notice-banner');
  try {
    const order = await api('checkout', { method: 'POST', body: JSON.stringify({ billing_address: address, shipping_address: address, payment_method: 'cod', additional_fields: { 'homing/sms-consent': form.get('sms_consent') === 'on' } }) });
    location.assign(order.payment_result.redirect_url);
  } catch (problem) {
    error.textContent = problem.message;
    error.hidden = false;
  }
});
