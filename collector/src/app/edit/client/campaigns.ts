// @ts-nocheck: browser code, serialized into a same-origin script (see ../assets.ts).
// The campaigns page: a live segment count (the sender's own countSegments) and a phone-shaped
// preview for every text as it is typed, steps added and removed, the campaign saved as a whole
// document (PUT /v1/settings/campaigns/:name) with problems shown next to their fields, and a
// test SMS to the owner's own phone.
export function campaignsPage() {
  var E = self.homingEdit;
  var t = E.t;
  var sample = JSON.parse(document.getElementById('edit-sample').textContent || '{}');

  function render(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all; });
  }
  function updateText(box) {
    var area = box.querySelector('textarea');
    var step = box.closest('.step');
    var count = countSegments(area.value);
    var out = box.querySelector('.count');
    out.textContent = t('edit.js.count', { encoding: count.encoding, units: count.units, segments: count.segments, remaining: count.remaining }) + (count.encoding === 'UCS-2' ? ' · ' + t('edit.js.countUcs2') : '');
    out.classList.toggle('warn', count.segments > 1);
    var code = step.querySelector('[name=discountCode]').value || 'AB12CD';
    var bubble = box.querySelector('.bubble');
    bubble.textContent = render(area.value, { name: sample.name, store: sample.store, link: sample.link, code: code, product: sample.product, order: sample.order });
    bubble.hidden = !area.value;
  }
  function updateStep(step) {
    var kind = step.querySelector('[name=discountKind]').value;
    step.querySelector('.discount-code').hidden = kind !== 'code';
    step.querySelector('.discount-amount').hidden = kind !== 'percent' && kind !== 'fixed_cart';
    step.querySelectorAll('.text').forEach(updateText);
  }
  function renumber(form) {
    form.querySelectorAll('.step').forEach(function (step, i) {
      step.querySelector('.step-title').textContent = form.dataset.stepLabel.replace('{n}', new Intl.NumberFormat(document.documentElement.lang).format(i + 1));
      step.dataset.step = String(i);
      step.querySelectorAll('[id]').forEach(function (el) {
        var id = el.id.replace(/-s\d+-/, '-s' + i + '-');
        var label = step.querySelector('label[for="' + el.id + '"]');
        if (label) label.htmlFor = id;
        el.id = id;
      });
    });
    var remove = form.querySelectorAll('.remove-step');
    remove.forEach(function (b) { b.hidden = remove.length < 2; });
  }

  /** The campaign as its settings document, and the problems the owner can fix before saving. */
  function read(form) {
    var problems = [];
    var placeholders = form.dataset.placeholders.split(',');
    // What the page does not edit goes back as it came (see campaigns-page.ts data-kept).
    var doc = Object.assign(JSON.parse(form.dataset.kept || '{}'), { enabled: form.querySelector('[name=enabled]').checked, steps: [] });
    form.querySelectorAll('.step').forEach(function (step) {
      var delay = step.querySelector('[name=delay]');
      var amount = Number(delay.value);
      if (!(amount > 0)) problems.push([delay, t('edit.js.delayInvalid')]);
      var kept = JSON.parse(step.dataset.kept || '{}');
      var s = Object.assign(kept, { after: String(amount) + step.querySelector('[name=unit]').value, template: {} });
      var kind = step.querySelector('[name=discountKind]').value;
      if (kind === 'code') {
        var code = step.querySelector('[name=discountCode]');
        if (!code.value.trim()) problems.push([code, t('edit.js.codeMissing')]);
        s.discountCode = code.value.trim();
      } else if (kind) {
        var amountField = step.querySelector('[name=discountAmount]');
        var value = Number(amountField.value);
        if (!(value > 0) || (kind === 'percent' && value > 100)) problems.push([amountField, t('edit.js.amountInvalid')]);
        s.discount = { type: kind, amount: value };
      }
      var any = false;
      step.querySelectorAll('.text textarea').forEach(function (area) {
        var text = area.value;
        if (!text.trim()) return;
        any = true;
        s.template[area.lang] = text;
        if (!/\{link\}/.test(text)) problems.push([area, t('edit.js.noLink')]);
        (text.match(/\{(\w+)\}/g) || []).forEach(function (p) {
          var name = p.slice(1, -1);
          if (placeholders.indexOf(name) < 0) problems.push([area, t('edit.js.unknownPlaceholder', { name: p, list: placeholders.map(function (x) { return '{' + x + '}'; }).join(' ') })]);
        });
      });
      if (!any && s.channel !== 'email') problems.push([step.querySelector('.text textarea'), t('edit.js.noText')]);
      doc.steps.push(s);
    });
    var segment = form.querySelector('[name=segment]');
    if (segment) doc.segment = segment.value;
    var days = [];
    form.querySelectorAll('[name=day]').forEach(function (box) { if (box.checked) days.push(box.value); });
    if (!days.length) problems.push([form.querySelector('[name=day]'), t('edit.js.noDays')]);
    if (days.length && days.length < 7) doc.sendDays = days;
    var start = form.querySelector('[name=windowStart]');
    var end = form.querySelector('[name=windowEnd]');
    if (!!start.value !== !!end.value) problems.push([start, t('edit.js.windowInvalid')]);
    else if (start.value) doc.sendWindow = { start: start.value, end: end.value };
    return { doc: doc, problems: problems };
  }

  /** A server problem goes next to the field it names (step n, locale), else at the top of the form. */
  function placeServerProblem(form, text) {
    var m = /step (\d+)(?: \(([\w-]+)\))?/.exec(text);
    var field;
    if (m) {
      var step = form.querySelectorAll('.step')[Number(m[1]) - 1];
      if (step) field = m[2] ? step.querySelector('textarea[lang="' + m[2] + '"]') : /discount/.test(text) ? step.querySelector('[name=discountKind]') : /after|duration|delay/.test(text) ? step.querySelector('[name=delay]') : step.querySelector('[name=delay]');
    } else if (/sendWindow/.test(text)) field = form.querySelector('[name=windowStart]');
    else if (/sendDays/.test(text)) field = form.querySelector('[name=day]');
    return E.fieldProblem(field, t('edit.js.serverSays', { text: text }));
  }

  document.querySelectorAll('form.campaign').forEach(function (form) {
    var status = form.querySelector('.form-status');
    var top = form.querySelector('.form-problems');
    form.querySelectorAll('.step').forEach(updateStep);
    renumber(form);
    form.addEventListener('input', function (event) {
      var box = event.target.closest('.text');
      if (box) updateText(box);
      else if (event.target.closest('.step')) updateStep(event.target.closest('.step'));
    });
    form.addEventListener('change', function (event) {
      if (event.target.closest('.step')) updateStep(event.target.closest('.step'));
    });
    form.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button) return;
      if (button.classList.contains('add-step')) {
        var steps = form.querySelectorAll('.step');
        var copy = steps[steps.length - 1].cloneNode(true);
        steps[steps.length - 1].after(copy);
        renumber(form);
        updateStep(copy);
        copy.querySelector('[name=delay]').focus();
      } else if (button.classList.contains('remove-step')) {
        var step = button.closest('.step');
        var previous = step.previousElementSibling || step.nextElementSibling;
        step.remove();
        renumber(form);
        if (previous) previous.querySelector('[name=delay]').focus();
      } else if (button.classList.contains('test-sms')) {
        var box = button.closest('.text');
        var out = box.querySelector('.test-status');
        var phone = document.getElementById('test-phone');
        if (!phone.value.trim()) {
          E.say(out, t('edit.js.phoneMissing'), true);
          phone.focus();
          return;
        }
        button.disabled = true;
        E.request('POST', '/v1/settings/test-sms', {
          writeKey: document.getElementById('test-store').value,
          campaign: form.dataset.campaign,
          step: Number(button.closest('.step').dataset.step),
          locale: box.querySelector('textarea').lang,
          phone: phone.value.trim(),
        }).then(function (answer) {
          E.say(out, answer.ok ? t('edit.js.sent') : E.problemsOf(answer).join(' '), !answer.ok);
        }).finally(function () { button.disabled = false; });
      }
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      E.clearProblems(form);
      E.list(top, []);
      var read_ = read(form);
      var unplaced = [];
      read_.problems.forEach(function (p) { if (!E.fieldProblem(p[0], p[1])) unplaced.push(p[1]); });
      if (read_.problems.length) {
        E.list(top, unplaced);
        E.say(status, '', false);
        var first = form.querySelector('[aria-invalid]');
        if (first) first.focus();
        return;
      }
      E.say(status, t('edit.js.saving'));
      E.request('PUT', '/v1/settings/campaigns/' + encodeURIComponent(form.dataset.campaign), read_.doc).then(function (answer) {
        if (answer.ok) return E.say(status, t('edit.js.saved'));
        E.say(status, '');
        var rest = E.problemsOf(answer).filter(function (text) { return !placeServerProblem(form, text); });
        E.list(top, rest.map(function (text) { return t('edit.js.serverSays', { text: text }); }));
        var first = form.querySelector('[aria-invalid]') || top;
        if (first) first.focus();
      });
    });
  });
}
