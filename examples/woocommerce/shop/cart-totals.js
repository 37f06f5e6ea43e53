// The cart's lines and totals as WooCommerce's cart and checkout templates print them
// (cart/cart-totals.php, checkout/review-order.php), drawn here from the Store API since these
// pages are static: subtotal, the coupon's discount, total, money formatted with Intl.NumberFormat.
window.renderCartTotals = function renderCartTotals(container, cart) {
  const t = cart.totals;
  const money = (minor) => new Intl.NumberFormat(document.documentElement.lang || 'en-US', { style: 'currency', currency: t.currency_code }).format(Number(minor) / 10 ** t.currency_minor_unit);
  const coupon = cart.coupons[0];
  container.innerHTML = `<table class="shop_table woocommerce-checkout-review-order-table">
    ${cart.items.map((item) => `<tr class="cart_item"><td class="product-name">${item.name} × ${item.quantity}</td><td>${money(item.totals.line_total)}</td></tr>`).join('')}
    <tr class="cart-subtotal"><th>Subtotal</th><td>${money(t.total_items)}</td></tr>
    ${coupon ? `<tr class="cart-discount coupon-${coupon.code}"><th>Coupon: <span class="coupon-code">${coupon.code}</span></th><td class="discount-amount">−${money(coupon.totals.total_discount)}</td></tr>` : ''}
    <tr class="order-total"><th>Total</th><td><strong class="total-amount">${money(t.total_price)}</strong></td></tr>
  </table>`;
};
