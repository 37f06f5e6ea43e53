// @ts-nocheck: browser code, serialized into a same-origin script (see ../assets.ts).
// The offers page: each rule's editor saved with PUT /v1/admin/offers/rules/:id (problems shown
// by the field the schema names), deleted with DELETE, and a live preview of the thank-you card.
export function offersPage() {
  var E = self.homingEdit;
  var t = E.t;
  var lang = document.documentElement.lang || 'en';

  function list(text) {
    return text.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  }
  function number(form, name) {
    var v = form.querySelector('[name=' + name + ']').value.trim();
    return v === '' ? undefined : Number(v);
  }
  function text(root, name) {
    return root.querySelector('[name=' + name + ']').value.trim();
  }
  /** The rule as the admin API takes it: the original with the form's fields over it. */
  function read(form) {
    var rule = JSON.parse(form.dataset.rule || '{}');
    delete rule.id;
    rule.write_key = text(form, 'write_key');
    rule.name = text(form, 'name') || undefined;
    rule.active = form.querySelector('[name=active]').checked;
    rule.priority = number(form, 'priority');
    rule.currency = text(form, 'currency').toUpperCase();
    rule.min_order_value = number(form, 'min_order_value');
    rule.max_order_value = number(form, 'max_order_value');
    var when = {};
    var ids = list(text(form, 'product_ids'));
    var collections = list(text(form, 'collections'));
    if (ids.length) when.product_ids = ids;
    if (collections.length) when.collections = collections;
    rule.when = ids.length || collections.length ? when : undefined;
    rule.offer = Array.prototype.map.call(form.querySelectorAll('.product'), function (box) {
      var product = JSON.parse(box.dataset.product || '{}');
      product.product_id = text(box, 'product_id');
      product.name = text(box, 'product_name');
      var price = text(box, 'price');
      product.price = price === '' ? undefined : Number(price);
      product.image_url = text(box, 'image_url') || undefined;
      product.url = text(box, 'url') || undefined;
      return product;
    });
    var percent = number(form, 'percent');
    rule.discount = percent ? { percent: percent } : undefined;
    rule.expires_in_minutes = number(form, 'expires_in_minutes');
    rule.max_quantity = number(form, 'max_quantity');
    Object.keys(rule).forEach(function (k) { if (rule[k] === undefined) delete rule[k]; });
    return rule;
  }
  function money(value, currency) {
    try { return new Intl.NumberFormat(lang, { style: 'currency', currency: currency }).format(value); } catch (e) { return value + ' ' + currency; }
  }
  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  /** The card as the SDK's upsell widget draws it (src/widgets/upsell/card.ts), from what is typed. */
  function preview(form) {
    var out = form.querySelector('.upsell-preview');
    if (!out) return;
    var rule = read(form);
    var percent = rule.discount && rule.discount.percent;
    var box = el('div', 'box');
    box.appendChild(el('h2', '', t('edit.js.previewHeading')));
    var listEl = el('div', 'list');
    rule.offer.forEach(function (product) {
      var card = el('article', 'card');
      var image = /^https:\/\//.test(product.image_url || '') ? el('img') : el('span', 'noimg');
      if (image.tagName === 'IMG') { image.src = product.image_url; image.alt = ''; image.width = 88; image.height = 88; }
      card.appendChild(image);
      var body = el('div', 'body');
      body.appendChild(el('h3', '', product.name || '…'));
      var prices = el('p', 'prices');
      var price = Number(product.price) || 0;
      var offered = percent ? Math.round(price * (100 - percent)) / 100 : price;
      prices.appendChild(el('strong', 'price', money(offered, rule.currency || 'USD')));
      if (percent) {
        prices.appendChild(document.createTextNode(' '));
        prices.appendChild(el('s', 'regular', money(price, rule.currency || 'USD')));
        prices.appendChild(document.createTextNode(' '));
        prices.appendChild(el('span', 'badge', t('edit.js.previewSave', { p: new Intl.NumberFormat(lang).format(percent) })));
      }
      body.appendChild(prices);
      var minutes = rule.expires_in_minutes || 15;
      body.appendChild(el('p', 'clock', t('edit.js.previewEnds', { t: new Intl.NumberFormat(lang).format(minutes) + ':' + new Intl.NumberFormat(lang, { minimumIntegerDigits: 2 }).format(0) })));
      var actions = el('div', 'actions');
      var accept = el('button', 'accept', t('edit.js.previewAccept'));
      var decline = el('button', 'decline', t('edit.js.previewDecline'));
      accept.type = decline.type = 'button';
      accept.tabIndex = decline.tabIndex = -1;
      actions.appendChild(accept);
      actions.appendChild(decline);
      body.appendChild(actions);
      card.appendChild(body);
      listEl.appendChild(card);
    });
    box.appendChild(listEl);
    out.textContent = '';
    out.appendChild(box);
  }
  /** "/offer/0/price must be >= 0" goes under that product's price; "/currency ..." under currency. */
  function fieldFor(form, path) {
    var m = /^\/offer\/(\d+)(?:\/(\w+))?/.exec(path);
    if (m) {
      var box = form.querySelectorAll('.product')[Number(m[1])];
      if (!box) return undefined;
      var name = m[2] === 'name' ? 'product_name' : m[2];
      return (name && box.querySelector('[name=' + name + ']')) || box.querySelector('[name=product_id]');
    }
    var key = /^\/(?:when\/)?(\w+)/.exec(path);
    if (key && key[1] === 'discount') return form.querySelector('[name=percent]');
    return key ? form.querySelector('[name=' + key[1] + ']') : undefined;
  }

  document.querySelectorAll('form.offer-rule').forEach(function (form) {
    var status = form.querySelector('.form-status');
    var top = form.querySelector('.form-problems');
    preview(form);
    form.addEventListener('input', function () { preview(form); });
    form.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button) return;
      if (button.classList.contains('add-product')) {
        var products = form.querySelectorAll('.product');
        var copy = products[products.length - 1].cloneNode(true);
        copy.dataset.product = '{}';
        copy.querySelectorAll('input').forEach(function (i) { i.value = ''; i.id = i.id + 'x'; });
        copy.querySelectorAll('label').forEach(function (l) { l.htmlFor = l.htmlFor + 'x'; });
        products[products.length - 1].after(copy);
        copy.querySelector('input').focus();
        preview(form);
      } else if (button.classList.contains('remove-product')) {
        if (form.querySelectorAll('.product').length > 1) button.closest('.product').remove();
        preview(form);
      } else if (button.classList.contains('delete-rule')) {
        if (!confirm(t('edit.js.confirmDelete'))) return;
        E.request('DELETE', '/v1/admin/offers/rules/' + encodeURIComponent(form.dataset.id)).then(function (answer) {
          if (answer.ok) location.reload();
          else E.say(status, E.problemsOf(answer).join(' '), true);
        });
      }
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      E.clearProblems(form);
      E.list(top, []);
      var idField = form.querySelector('[name=id]');
      var id = form.dataset.id || idField.value.trim();
      if (!id) {
        E.fieldProblem(idField, t('edit.js.required'));
        idField.focus();
        return;
      }
      E.say(status, t('edit.js.saving'));
      E.request('PUT', '/v1/admin/offers/rules/' + encodeURIComponent(id), read(form)).then(function (answer) {
        if (answer.ok) {
          E.say(status, t('edit.js.saved'));
          if (!form.dataset.id) location.assign(location.pathname + location.search + '#rule-' + encodeURIComponent(id));
          if (!form.dataset.id) location.reload();
          return;
        }
        E.say(status, '');
        var rest = E.problemsOf(answer).filter(function (problem) {
          var path = problem.split(' ')[0];
          return !E.fieldProblem(fieldFor(form, path), t('edit.js.serverSays', { text: problem }));
        });
        E.list(top, rest.map(function (problem) { return t('edit.js.serverSays', { text: problem }); }));
        var first = form.querySelector('[aria-invalid]') || top;
        if (first) first.focus();
      });
    });
  });
}
