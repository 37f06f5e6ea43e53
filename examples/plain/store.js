// A store on no known platform: its own cart in memory, its own single-page navigation. Homing
// learns about the cart from the data-homing-* attributes on the buttons; nothing here calls it.
const cart = new Map();
const count = document.getElementById('cart-count');
const render = () => {
  count.textContent = String([...cart.values()].reduce((sum, n) => sum + n, 0));
  document.getElementById('cart-lines').innerHTML = [...cart].map(([id, n]) => `<li>${id} × ${n}</li>`).join('');
};
document.addEventListener('click', (event) => {
  const add = event.target.closest('[data-homing-add-to-cart]');
  const remove = event.target.closest('[data-homing-remove-from-cart]');
  const id = (add ?? remove)?.closest('[data-homing-product-id]')?.dataset.homingProductId;
  if (add) cart.set(id, (cart.get(id) ?? 0) + 1);
  if (remove && cart.has(id)) cart.get(id) > 1 ? cart.set(id, cart.get(id) - 1) : cart.delete(id);
  if (add || remove) render();
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
route();
