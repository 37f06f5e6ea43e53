// @ts-nocheck: browser code, serialized into a same-origin script (see ../assets.ts).
// The blacklist page: add a phone, remove one, import a CSV file (read here, sent as JSON; each
// refused row listed with its line) — every change through the admin API, then the list reloads.
export function blacklistPage() {
  var E = self.homingEdit;
  var t = E.t;
  var root = document.getElementById('blacklist');
  if (!root) return;
  var writeKey = root.dataset.writeKey;

  var add = document.getElementById('blacklist-add');
  add.addEventListener('submit', function (event) {
    event.preventDefault();
    E.clearProblems(add);
    var phone = add.querySelector('[name=phone]');
    var status = add.querySelector('.form-status');
    if (!phone.value.trim()) {
      E.fieldProblem(phone, t('edit.js.required'));
      phone.focus();
      return;
    }
    E.request('POST', '/v1/campaigns/blacklist', { writeKey: writeKey, phone: phone.value.trim() }).then(function (answer) {
      if (answer.ok) return location.reload();
      E.say(status, '');
      E.fieldProblem(phone, t('edit.js.serverSays', { text: E.problemsOf(answer).join(' ') }));
      phone.focus();
    });
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('button.remove');
    if (!button) return;
    button.disabled = true;
    E.request('DELETE', '/v1/campaigns/blacklist', { writeKey: button.dataset.writeKey, phone: button.dataset.phone }).then(function (answer) {
      if (answer.ok) return location.reload();
      button.disabled = false;
      E.say(document.getElementById('blacklist-status'), E.problemsOf(answer).join(' '), true);
    });
  });

  var importForm = document.getElementById('blacklist-import');
  importForm.addEventListener('submit', function (event) {
    event.preventDefault();
    E.clearProblems(importForm);
    var file = importForm.querySelector('[name=file]');
    var status = importForm.querySelector('.form-status');
    var rows = importForm.querySelector('.import-problems');
    E.list(rows, []);
    if (!file.files.length) {
      E.fieldProblem(file, t('edit.js.required'));
      file.focus();
      return;
    }
    file.files[0].text().then(function (csv) {
      return E.request('POST', '/v1/campaigns/blacklist/import', { writeKey: writeKey, csv: csv });
    }).then(function (answer) {
      if (!answer.ok) return E.say(status, E.problemsOf(answer).join(' '), true);
      var result = answer.json;
      E.say(status, t('edit.js.imported', { added: result.added, already: result.alreadyListed }));
      E.list(rows, result.problems.map(function (p) { return t('edit.js.importRow', { line: p.line, value: p.value, error: p.error }); }));
      if (!result.problems.length && result.added) location.reload();
    });
  });
}
