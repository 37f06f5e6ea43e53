// The WooCommerce front-end scripts a classic theme runs, reduced to their cart paths and written
// for this example after the behaviour of WooCommerce's assets/js/frontend/add-to-cart.js,
// cart-fragments.js and cart.js: jQuery $.ajax to ?wc-ajax=..., results announced as jQuery
// events on document.body (`added_to_cart`, `removed_from_cart`, `wc_fragments_refreshed`,
// `updated_cart_totals`), fragments swapped into the page.
jQuery(function ($) {
  if (typeof wc_add_to_cart_params === 'undefined') return;
  const endpoint = (name) => wc_add_to_cart_params.wc_ajax_url.toString().replace('%%endpoint%%', name);
  const applyFragments = (fragments) => $.each(fragments || {}, (selector, html) => $(selector).replaceWith(html));

  $(document.body).on('click', '.add_to_cart_button.ajax_add_to_cart', function (event) {
    const $button = $(this);
    event.preventDefault();
    const data = {};
    $.each($button.data(), (key, value) => (data[key] = value));
    $button.removeClass('added').addClass('loading');
    $(document.body).trigger('adding_to_cart', [$button, data]);
    $.ajax({
      type: 'POST',
      url: endpoint('add_to_cart'),
      data,
      dataType: 'json',
      success(response) {
        if (!response) return;
        if (response.error && response.product_url) {
          window.location = response.product_url;
          return;
        }
        $(document.body).trigger('added_to_cart', [response.fragments, response.cart_hash, $button]);
      },
    });
  });

  $(document.body).on('click', '.remove_from_cart_button', function (event) {
    const $button = $(this);
    event.preventDefault();
    $.ajax({
      type: 'POST',
      url: endpoint('remove_from_cart'),
      data: { cart_item_key: $button.data('cart_item_key') },
      success(response) {
        if (!response || !response.fragments) return;
        $(document.body).trigger('removed_from_cart', [response.fragments, response.cart_hash, $button]);
      },
    });
  });

  $(document.body).on('added_to_cart removed_from_cart', (event, fragments, cartHash, $button) => {
    applyFragments(fragments);
    if ($button) $button.removeClass('loading').addClass('added');
    if (event.type === 'added_to_cart' && $button && !$button.next('.added_to_cart').length)
      $button.after(`<a href="${wc_add_to_cart_params.cart_url}" class="added_to_cart wc-forward">${wc_add_to_cart_params.i18n_view_cart}</a>`);
  });

  // cart-fragments.js: bring the mini-cart up to date on every page.
  $.ajax({
    url: endpoint('get_refreshed_fragments'),
    type: 'POST',
    data: { time: Date.now() },
    success(data) {
      if (!data || !data.fragments) return;
      applyFragments(data.fragments);
      $(document.body).trigger('wc_fragments_refreshed');
    },
  });
});
