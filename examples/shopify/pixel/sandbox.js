// The sandbox globals (analytics.subscribe, browser.cookie / localStorage, init) and sample events.
(function () {
  var handlers = {};
  var seq = 0;
  window.analytics = {
    subscribe: function (name, callback) {
      (handlers[name] = handlers[name] || []).push(callback);
      return Promise.resolve();
    },
  };
  window.browser = {
    cookie: { get: function (name) { var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)')); return Promise.resolve(m ? m[1] : ''); } },
    localStorage: {
      getItem: function (key) { return Promise.resolve(localStorage.getItem(key)); },
      setItem: function (key, value) { localStorage.setItem(key, value); return Promise.resolve(); },
    },
  };
  window.init = { context: {} };
  var params = new URLSearchParams(location.search);
  var orderId = params.get('order') || '5550001';
  document.cookie = 'cart=' + encodeURIComponent(params.get('cart') || 'c1-demo?key=abc') + '; path=/';
  var variant = {
    id: '41002', image: { src: 'https://cdn.shopify.com/s/files/mug.png' }, price: { amount: 20.99, currencyCode: 'CAD' },
    product: { id: '7001', title: 'Classic Mug', url: '/products/classic-mug', vendor: 'Homing Demo', type: 'Kitchen' }, sku: 'MUG-BLUE', title: 'Blue',
  };
  var checkout = {
    currencyCode: 'CAD', email: 'sam@example.com', phone: null, smsMarketingPhone: params.get('phone') || '+1 613-555-0123',
    buyerAcceptsSmsMarketing: params.get('sms') !== '0', buyerAcceptsEmailMarketing: false,
    shippingAddress: { phone: null, countryCode: 'CA' }, billingAddress: null,
    lineItems: [{ quantity: 2, title: 'Classic Mug', variant: variant, finalLinePrice: { amount: 41.98, currencyCode: 'CAD' } }],
    order: null, token: 'chk_demo', totalPrice: { amount: 41.98, currencyCode: 'CAD' },
  };
  function publish(name, data) {
    var event = {
      id: 'sh-' + Date.now().toString(36) + '-' + ++seq, clientId: 'demo-client', name: name, seq: seq, type: 'standard', timestamp: new Date().toISOString(), data: data,
      context: { document: { location: { href: location.href, pathname: location.pathname }, referrer: document.referrer, title: document.title }, navigator: { language: navigator.language, userAgent: navigator.userAgent } },
    };
    (handlers[name] || []).forEach(function (cb) { cb(event); });
    document.getElementById('log').textContent += name + '\n';
  }
  window.publishSample = function (name) {
    if (name === 'product_added_to_cart') publish(name, { cartLine: { quantity: 1, merchandise: variant, cost: { totalAmount: variant.price } } });
    if (name === 'checkout_contact_info_submitted') publish(name, { checkout: checkout });
    if (name === 'checkout_completed') publish(name, { checkout: Object.assign({}, checkout, { order: { id: 'gid://shopify/OrderIdentity/' + orderId, customer: null } }) });
  };
})();
