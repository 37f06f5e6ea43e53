// @ts-nocheck: browser code, serialized into a same-origin script (see ../assets.ts).
// The stores page: each store saved whole (PUT /v1/settings/stores/:writeKey), the SMS provider
// with the general settings (PUT /v1/settings/general), a new store (POST /v1/settings/stores).
// Secrets are write-only: the page never has them; "keep" sends {"set": true}, "replace" the
// value typed, "clear" null.
export function storesPage() {
  var E = self.homingEdit;
  var t = E.t;

  function secretValue(box) {
    var mode = box.querySelector('input[type=radio]:checked').value;
    if (mode === 'replace') return box.querySelector('.secret-value').value;
    if (mode === 'clear') return null;
    return box.dataset.set === 'true' ? { set: true } : undefined;
  }
  function value(root, name) {
    var el = root.querySelector('[name="' + name + '"]');
    return el ? el.value.trim() : '';
  }
  function put(target, path, v) {
    var parts = path.split('.');
    var last = parts.pop();
    parts.forEach(function (p) { if (!target[p] || typeof target[p] !== 'object') target[p] = {}; target = target[p]; });
    if (v === undefined || v === '') delete target[last];
    else target[last] = v;
  }
  function clean(doc) {
    ['woocommerce', 'shopify'].forEach(function (k) { if (doc[k] && !Object.keys(doc[k]).length) delete doc[k]; });
    return doc;
  }
  function readStore(form) {
    var doc = JSON.parse(form.dataset.store || '{}');
    form.querySelectorAll('[data-path]').forEach(function (el) {
      var path = el.dataset.path;
      var v = el.value.trim();
      if (path === 'allowedOrigins') v = v.split(/\s+/).filter(Boolean);
      else if (path === 'countries') v = v ? v.split(/[\s,]+/).filter(Boolean).map(function (c) { return c.toUpperCase(); }) : undefined;
      else if (path === 'country') v = v ? v.toUpperCase() : undefined;
      else if (path === 'dailySmsBudget') v = v === '' ? undefined : Number(v);
      put(doc, path, v);
    });
    form.querySelectorAll('fieldset.secret').forEach(function (box) { put(doc, box.dataset.secret, secretValue(box)); });
    return clean(doc);
  }
  function readGeneral(form) {
    var doc = JSON.parse(form.dataset.general || '{}');
    var name = value(form, 'provider');
    var group = form.querySelector('.provider-fields[data-provider="' + name + '"]');
    var provider = { provider: name };
    var before = doc.provider && doc.provider.provider === name ? doc.provider : {};
    if (group) {
      group.querySelectorAll('[data-path]').forEach(function (el) { if (el.value.trim()) provider[el.dataset.path] = el.value.trim(); });
      group.querySelectorAll('fieldset.secret').forEach(function (box) {
        var v = secretValue(box);
        if (v === undefined && Object.prototype.hasOwnProperty.call(before, box.dataset.secret)) v = { set: true };
        if (v !== undefined && v !== null) provider[box.dataset.secret] = v;
      });
    }
    doc.provider = provider;
    return doc;
  }
  function showProviderFields(form) {
    var name = value(form, 'provider');
    form.querySelectorAll('.provider-fields').forEach(function (g) { g.hidden = g.dataset.provider !== name; });
  }
  /** "stores.wk.url must be ..." or "store.shopify.shopDomain ..." goes next to that field. */
  function place(form, text) {
    var m = /(?:stores\.[^.\s]+|store|provider)\.([\w.]+)/.exec(text) || /^(\w+) /.exec(text);
    var path = m ? m[1] : '';
    var field = null;
    while (path && !field) {
      field = form.querySelector('[data-path="' + path + '"]') || form.querySelector('fieldset.secret[data-secret="' + path + '"] .secret-value');
      path = path.indexOf('.') > 0 ? path.slice(0, path.lastIndexOf('.')) : '';
    }
    if (field && field.hidden) field = field.closest('fieldset').querySelector('input[type=radio]');
    return E.fieldProblem(field, t('edit.js.serverSays', { text: text }));
  }
  function save(form, method, url, doc, done) {
    var status = form.querySelector('.form-status');
    var top = form.querySelector('.form-problems');
    E.clearProblems(form);
    E.list(top, []);
    E.say(status, t('edit.js.saving'));
    E.request(method, url, doc).then(function (answer) {
      if (answer.ok) {
        E.say(status, t('edit.js.saved'));
        return done && done(answer.json);
      }
      E.say(status, '');
      var rest = E.problemsOf(answer).filter(function (text) { return !place(form, text); });
      E.list(top, rest.map(function (text) { return t('edit.js.serverSays', { text: text }); }));
      var first = form.querySelector('[aria-invalid]') || top;
      if (first) first.focus();
    });
  }

  document.addEventListener('change', function (event) {
    var radio = event.target;
    if (radio.matches && radio.matches('fieldset.secret input[type=radio]')) {
      var input = radio.closest('fieldset').querySelector('.secret-value');
      input.hidden = radio.value !== 'replace';
      if (!input.hidden) input.focus();
    }
    if (radio.matches && radio.matches('[name=provider]')) showProviderFields(radio.form);
  });
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy');
    if (!button) return;
    var text = button.dataset.copy;
    var status = button.parentElement.querySelector('[role=status]');
    var copied = navigator.clipboard && navigator.clipboard.writeText ? navigator.clipboard.writeText(text) : Promise.reject();
    copied.then(function () { E.say(status, t('edit.js.copied')); }, function () {
      var range = document.createRange();
      range.selectNodeContents(button.parentElement.querySelector('code'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
  });
  document.querySelectorAll('form.store').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      save(form, 'PUT', '/v1/settings/stores/' + encodeURIComponent(form.dataset.writeKey), readStore(form));
    });
  });
  var created = document.querySelector('form.new-store');
  if (created) created.addEventListener('submit', function (event) {
    event.preventDefault();
    save(created, 'POST', '/v1/settings/stores', readStore(created), function (answer) {
      location.assign(location.pathname + '?store=' + encodeURIComponent(answer.writeKey));
    });
  });
  var general = document.querySelector('form.general');
  if (general) {
    showProviderFields(general);
    general.addEventListener('submit', function (event) {
      event.preventDefault();
      save(general, 'PUT', '/v1/settings/general', readGeneral(general));
    });
  }
}
