// What the merchant writes after the pasted pixel: the settings (here from the page's query string).
(function () {
  var params = new URLSearchParams(location.search);
  homingShopifyPixel({ writeKey: params.get('writeKey') || 'wk_demo', collector: params.get('collector') || location.origin, country: 'CA' });
  addEventListener('DOMContentLoaded', function () {
    document.getElementById('add').onclick = function () { publishSample('product_added_to_cart'); };
    document.getElementById('contact').onclick = function () { publishSample('checkout_contact_info_submitted'); };
    document.getElementById('complete').onclick = function () { publishSample('checkout_completed'); };
  });
})();
