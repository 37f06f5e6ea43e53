// @ts-nocheck: browser code, serialized with Function.prototype.toString into a same-origin script
// (see ../assets.ts); it may use nothing imported, only what the browser has.
// Helpers every editing page uses: the page's texts, JSON requests with the session cookie (admin
// changes are accepted from a browser only as application/json), problems shown next to fields.
export function editCommon() {
  var stringsEl = document.getElementById('edit-strings');
  var strings = stringsEl ? JSON.parse(stringsEl.textContent || '{}') : {};
  function t(key, vars) {
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return vars ? text.replace(/\{(\w+)\}/g, function (all, name) { return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : all; }) : text;
  }
  function request(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    // A change made with the session cookie is accepted only as JSON, bodiless ones (DELETE) too.
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body === undefined ? {} : body);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var json = {};
        try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { error: text }; }
        return { ok: response.ok, status: response.status, json: json };
      });
    });
  }
  /** The problems of an answer as a list of strings. */
  function problemsOf(answer) {
    var j = answer.json || {};
    var list = Array.isArray(j.problems) ? j.problems : Array.isArray(j.errors) ? j.errors : j.error ? [j.error] : [];
    return list.length ? list.map(String) : [t('edit.js.failed', { status: answer.status })];
  }
  function say(el, text, bad) {
    if (!el) return;
    el.textContent = text || '';
    el.classList.toggle('error', !!bad);
  }
  function list(el, items) {
    if (!el) return;
    el.textContent = '';
    items.forEach(function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      el.appendChild(li);
    });
    el.hidden = !items.length;
  }
  function clearProblems(root) {
    root.querySelectorAll('.field-problem').forEach(function (el) { el.textContent = ''; el.hidden = true; });
    root.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }
  /** Shows a problem under the field it is about (its .field-problem sibling), marked for assistive technology. */
  function fieldProblem(field, text) {
    if (!field) return false;
    var box = field.closest('.field') || field.parentElement;
    var out = box && box.querySelector('.field-problem');
    field.setAttribute('aria-invalid', 'true');
    if (!out) return false;
    out.textContent = out.textContent ? out.textContent + ' ' + text : text;
    out.hidden = false;
    return true;
  }
  self.homingEdit = { t: t, request: request, problemsOf: problemsOf, say: say, list: list, clearProblems: clearProblems, fieldProblem: fieldProblem };
}
