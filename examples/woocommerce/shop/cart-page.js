// The classic cart page (WooCommerce's assets/js/frontend/cart.js behaviour): "Update cart"
// posts the cart form to the cart page with `update_cart`, swaps the answer in and announces
// `updated_cart_totals`. The form itself is drawn here from the Store API, since this page is static.
jQuery(function ($) {
  // A restore link that failed says why (the plugin's wc_add_notice).
  const notice = { invalid: 'This cart link is not valid.', expired: 'This cart link has expired.' }[new URLSearchParams(location.search).get('notice')];
  if (notice) $('.woocommerce-notices-wrapper').text(notice);
  const $form = $('.woocommerce-cart-form');
  const render = () =>
    fetch('/wp-json/wc/store/v1/cart')
      .then((response) => response.json())
      .then((cart) => {
        $form.find('tbody').html(
          cart.items
            .map(
              (item) => `<tr class="woocommerce-cart-form__cart-item cart_item"><td class="product-name">${item.name}</td>
              <td><input type="number" class="input-text qty text" name="cart[${item.key}][qty]" value="${item.quantity}" min="0" aria-label="${item.name} quantity"></td></tr>`,
            )
            .join(''),
        );
        renderCartTotals(document.querySelector('.cart_totals'), cart);
        document.body.dataset.cartRendered = String(cart.items_count);
      });
  render();
  $form.on('submit', function (event) {
    event.preventDefault();
    $.ajax({
      type: $form.attr('method'),
      url: $form.attr('action'),
      data: `${$form.serialize()}&update_cart=Update+cart`,
      dataType: 'html',
      success: () => render().then(() => $(document.body).trigger('updated_cart_totals')),
    });
  });
});
