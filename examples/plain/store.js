// A store on no known platform: its cart in a cookie of the shopper's browser, its own single-page
// navigation, a cart page that is also the checkout. Homing learns about the cart from the
// data-homing-* attributes on the buttons; nothing here calls it. The order is placed by the
// store's server (backend.mjs), which prices the cookie's cart from its own catalogue.
import { cartCookie, priceCart, stores } from '/examples/plain/catalogue.mjs';
import { findCoupon } from '/examples/coupons.mjs';

const storeId = document.body.dataset.store;
const store = stores[storeId];
const readCart = () => {
  const raw = document.cookie.split('; ').find((c) => c.startsWith(`${cartCookie(storeId)}=`))?.split('=')[1];
  try {
    return raw ? JSON.parse(decodeURIComponent(raw)) : { lines: {} };
  } catch {
    return { lines: {} };
  }
};
const writeCart = (cart) => (document.cookie = `${cartCookie(storeId)}=${encodeURIComponent(JSON.stringify(cart))}; Path=/; SameSite=Lax; Max-Age=2592000`);
const cart = readCart();

// A link from an SMS (`?discount=CODE`): the code waits in the cart and shows in the totals.
const linked = findCoupon(new URLSearchParams(location.search).get('discount'));
const text = (tag, value, attributes = {}) => Object.assign(document.createElement(tag), { textContent: value, ...attributes });
if (linked) {
  cart.discount = linked.code;
  writeCart(cart);
  // Said at once, on whichever page the link opened: the shopper sees the code was taken.
  const [before, after] = store.t.applied;
  const notice = text('p', `${before} `, { id: 'discount-notice', className: 'notice', role: 'status' });
  notice.append(text('bdi', linked.code), ` ${after.replace('{p}', store.count(linked.percent))}`);
  document.querySelector('header').after(notice);
}

// <bdi>: a Latin code next to Persian digits would otherwise swap places with the amount in a right-to-left line.
const discountLine = (priced) => {
  const line = text('p', `${store.t.discount} `, { className: 'discount' });
  line.append(text('bdi', priced.coupon.code), ': −', text('bdi', store.format(priced.discount)));
  return line;
};
const render = () => {
  const priced = priceCart(store, cart, findCoupon(cart.discount));
  document.getElementById('cart-count').textContent = store.count(priced.lines.reduce((sum, line) => sum + line.quantity, 0));
  document.getElementById('cart-lines').replaceChildren(...priced.lines.map((line) => text('li', `${line.name} × ${store.count(line.quantity)} — ${store.format(line.price * line.quantity)}`)));
  const totals = document.getElementById('cart-totals');
  totals.replaceChildren(
    text('p', priced.lines.length ? `${store.t.subtotal}: ${store.format(priced.subtotal)}` : store.t.empty),
    ...(priced.coupon ? [discountLine(priced)] : []),
    text('p', `${store.t.total}: ${store.format(priced.total)}`, { className: 'total' }),
  );
  document.getElementById('checkout').hidden = !priced.lines.length;
};

document.addEventListener('click', (event) => {
  const add = event.target.closest('[data-homing-add-to-cart]');
  const remove = event.target.closest('[data-homing-remove-from-cart]');
  const id = (add ?? remove)?.closest('[data-homing-product-id]')?.dataset.homingProductId;
  if (add) cart.lines[id] = (cart.lines[id] ?? 0) + 1;
  if (remove && cart.lines[id]) cart.lines[id] > 1 ? cart.lines[id]-- : delete cart.lines[id];
  if (add || remove) {
    writeCart(cart);
    render();
  }
  const link = event.target.closest('a[data-route]');
  if (link) {
    event.preventDefault();
    history.pushState({}, '', link.href);
    route();
  }
});
const route = () => {
  const onCart = location.pathname.endsWith('/cart');
  document.getElementById('shop').hidden = onCart;
  document.getElementById('cart').hidden = !onCart;
};
addEventListener('popstate', route);
render();
route();
