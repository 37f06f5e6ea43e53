// A WooCommerce block theme's product grid and mini-cart, reduced to their Store API calls
// (woocommerce/assets/js/base, the "wc/store/cart" data store): the nonce comes from the Store
// API's own answers, an add is POST cart/add-item, a removal goes through /batch, and the blocks
// announce both with native DOM events on document.body.
let nonce = '';
const api = (path, init = {}) =>
  fetch(`/wp-json/wc/store/v1/${path}`, { credentials: 'same-origin', ...init, headers: { 'Content-Type': 'application/json', Nonce: nonce, ...init.headers } }).then(async (response) => {
    nonce = response.headers.get('Nonce') ?? nonce;
    return response.json();
  });
const announce = (name) => document.body.dispatchEvent(new CustomEvent(name, { bubbles: true, cancelable: true, detail: { preserveCartData: false } }));
const renderMiniCart = (cart) => {
  document.querySelector('.wc-block-mini-cart__badge').textContent = cart.items_count;
  document.querySelector('.wc-block-mini-cart__products').innerHTML = cart.items
    .map((item) => `<li>${item.name} × ${item.quantity} <button type="button" class="wc-block-cart-item__remove-link" data-key="${item.key}">Remove</button></li>`)
    .join('');
};
api('cart').then(renderMiniCart);
document.addEventListener('click', (event) => {
  const add = event.target.closest('.wc-block-components-product-button__button');
  if (add) {
    add.classList.add('is-loading');
    api('cart/add-item', { method: 'POST', body: JSON.stringify({ id: Number(add.dataset.productId), quantity: 1 }) }).then((cart) => {
      add.classList.remove('is-loading');
      renderMiniCart(cart);
      announce('wc-blocks_added_to_cart');
    });
  }
  const remove = event.target.closest('.wc-block-cart-item__remove-link');
  if (remove) {
    const request = { method: 'POST', path: '/wc/store/v1/cart/remove-item', body: { key: remove.dataset.key }, headers: { Nonce: nonce } };
    api('batch', { method: 'POST', body: JSON.stringify({ requests: [request] }) }).then(({ responses }) => {
      renderMiniCart(responses[responses.length - 1].body);
      announce('wc-blocks_removed_from_cart');
    });
  }
});
