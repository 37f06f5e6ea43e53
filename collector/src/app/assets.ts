// The app's one stylesheet and one small script, served from /app/assets/ (same origin: the
// Content-Security-Policy allows 'self' styles and scripts and nothing inline). Logical properties
// (margin-inline-start, inset-inline-end...) so the layout mirrors itself in right-to-left
// languages. Colours meet WCAG AA contrast on their backgrounds. A select is as wide as its longest
// option: the store picker is capped (a long store name is cut in the closed picker, not in its list)
// and its form wraps, so the header fits a 390 px phone.
import { createHash } from 'node:crypto';
import { EDIT_CSS, EDIT_SCRIPTS } from './edit/assets.js';

export const APP_CSS = `
:root{--ink:#1b2230;--muted:#4f5a6e;--line:#d5dbe6;--soft:#f3f5f9;--accent:#1a56b8;--accent-ink:#fff;--good:#146c43;--bad:#a61b1b;--warn:#8a4b00;--focus:#c2410c;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic","Noto Sans Hebrew",sans-serif;color:var(--ink);background:#fff;overflow-wrap:anywhere}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;padding:10px 16px;border-block-end:1px solid var(--line);background:var(--soft)}
.brand{font-weight:700;font-size:18px;margin:0;margin-inline-end:auto;color:var(--ink);text-decoration:none}
.pickers{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.pickers form{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin:0}
.pickers select{max-width:16em}
.langs{display:flex;gap:4px;list-style:none;margin:0;padding:0}
.langs a{display:inline-block;padding:4px 8px;border-radius:6px;text-decoration:none}
.langs a[aria-current]{background:var(--accent);color:var(--accent-ink)}
nav.main{border-block-end:1px solid var(--line);overflow-x:auto}
nav.main ul{display:flex;list-style:none;margin:0;padding:0 8px;gap:2px;white-space:nowrap}
nav.main a{display:block;padding:10px 12px;text-decoration:none;color:var(--ink);border-block-end:3px solid transparent}
nav.main a[aria-current]{border-block-end-color:var(--accent);font-weight:600}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:17px;margin:28px 0 10px}
.muted{color:var(--muted);font-size:13px}
button,.button,select,input{font:inherit;color:inherit}
button,.button{display:inline-block;padding:6px 12px;border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;min-height:36px}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
select,input{padding:6px 8px;border:1px solid #7a8499;border-radius:6px;background:#fff;min-height:36px;max-width:100%}
label{font-size:13px;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;margin:0 0 16px}
.filters>div{display:flex;flex-direction:column;gap:2px}
.filters>.presets{display:flex;flex-direction:row;gap:6px;flex-wrap:wrap;align-items:center;align-self:center}
.presets a{padding:4px 10px;border:1px solid var(--line);border-radius:999px;text-decoration:none}
.presets a[aria-current]{background:var(--accent);color:var(--accent-ink);border-color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:10px;padding:10px 14px}
.cards dd{margin:0}.cards dl,.cards dt{margin:0}
.card .value{font-size:21px;font-weight:650}
.card .label{color:var(--muted);font-size:13px}
.chart{max-width:100%;height:auto;direction:ltr}
.chart text{fill:var(--ink);font-size:12px}
.legend{display:flex;gap:12px;flex-wrap:wrap;list-style:none;padding:0;margin:4px 0}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-inline-end:4px;vertical-align:middle}
.s0{background:#1a56b8;fill:#1a56b8}.s1{background:#146c43;fill:#146c43}.s2{background:#b45309;fill:#b45309}
.chart polyline{fill:none;stroke-width:2.5}.l0{stroke:#1a56b8}.l1{stroke:#146c43}.l2{stroke:#b45309}.grid{stroke:#d5dbe6}
.bar0{fill:#1a56b8}.bar1{fill:#2f6fd0}.bar2{fill:#146c43}.bar3{fill:#1e8a57}.bar4{fill:#b45309}.bar5{fill:#8a4b00}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;padding:8px;border-block-end:1px solid var(--line);vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600}
td.num{font-variant-numeric:tabular-nums}
.badge{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:999px;font-size:12px;border:1px solid currentColor}
.st-recovered,.st-ordered,.st-sent{color:var(--good)}.st-failed,.st-unknown{color:var(--bad)}.st-abandoned,.st-held{color:var(--warn)}
.notice{padding:8px 12px;border-radius:8px;background:#e8f0fe;margin:8px 0}
.error{color:var(--bad)}
.pager{display:flex;gap:12px;align-items:center;margin:12px 0}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{border-inline-start:3px solid var(--line);padding:6px 12px;margin-inline-start:6px}
.timeline .kind-order{border-inline-start-color:var(--good)}.timeline .kind-message{border-inline-start-color:var(--accent)}.timeline .kind-click{border-inline-start-color:#b45309}
.data summary{cursor:pointer;color:var(--accent);margin:6px 0}
.login{max-width:26rem;margin:10vh auto;padding:0 16px}
.login form{display:flex;flex-direction:column;gap:8px}
.login input{font-family:ui-monospace,monospace}
code,.mono{font-family:ui-monospace,monospace;font-size:13px}
[data-phone],a.mono{white-space:nowrap;overflow-wrap:normal}
.funnel{list-style:none;padding:0;margin:0;max-width:720px}
.funnel li{display:grid;grid-template-columns:minmax(8em,14em) 1fr auto;gap:4px 10px;align-items:center;margin:4px 0}
.funnel svg{width:100%;height:18px;display:block}
.funnel .num{white-space:nowrap}
.scroll-box{max-width:100%;overflow-x:auto;border:1px solid var(--line);border-radius:10px}
.cohorts th,.cohorts td{white-space:nowrap;text-align:end;border-block-end:1px solid #fff}
.cohorts th[scope=row]{text-align:start;background:#fff;position:sticky;inset-inline-start:0}
.heat.h0{background:#f3f5f9;color:var(--ink)}.heat.h1{background:#dbe6fa;color:var(--ink)}.heat.h2{background:#b5cdf3;color:var(--ink)}
.heat.h3{background:#7ea6e6;color:#0b1b3a}.heat.h4{background:#2f6fd0;color:#fff}.heat.h5{background:#143f86;color:#fff}
.ch-email{color:#6b21a8}.ch-sms{color:var(--accent)}
@media (max-width:700px){
  main{padding:12px}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
  table.stack tr{border:1px solid var(--line);border-radius:10px;margin-block-end:10px;padding:4px 0}
  table.stack td{border:0;padding:4px 12px;display:flex;gap:8px}
  table.stack td::before{content:attr(data-label);flex:0 0 38%;color:var(--muted);font-size:13px}
  .chart text{font-size:24px}
  .funnel li{grid-template-columns:1fr auto}
  .funnel svg{grid-column:1 / -1;grid-row:2}
}
`;

export const APP_JS = `
// Homing app: auto-submit pickers, remember the owner's time zone, send JSON actions.
(function () {
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) {}
  var had = (document.cookie.match(/(?:^|; )homing_tz=([^;]*)/) || [])[1];
  if (zone && had !== encodeURIComponent(zone)) {
    document.cookie = 'homing_tz=' + encodeURIComponent(zone) + '; Path=/; Max-Age=31536000; SameSite=Strict';
    // Dates on this page were drawn for another zone: draw them again, once.
    var again = false;
    try { again = !sessionStorage.getItem('homing_tz_reload'); sessionStorage.setItem('homing_tz_reload', '1'); } catch (e) {}
    if (again && document.documentElement.dataset.tz !== zone) location.reload();
  }
  document.addEventListener('change', function (event) {
    var el = event.target;
    if (el && el.matches && el.matches('[data-autosubmit]')) el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
  });
  // <button data-post="/app/..." data-body='{"a":1}'> and <form data-json action method="post">:
  // sent as application/json (the session cookie is accepted for changes only that way).
  function post(url, body, status) {
    if (status) status.textContent = '';
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (response) { return response.json().catch(function () { return {}; }).then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (answer) {
        if (answer.ok) {
          if (answer.json && answer.json.redirect) location.assign(answer.json.redirect); else location.reload();
        } else if (status) {
          status.textContent = (answer.json && answer.json.error) || status.dataset.failed || 'error';
        }
      });
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest && event.target.closest('button[data-post]');
    if (!button) return;
    event.preventDefault();
    button.disabled = true;
    var status = document.getElementById(button.getAttribute('aria-describedby') || '');
    var body = {};
    try { body = JSON.parse(button.dataset.body || '{}'); } catch (e) {}
    post(button.dataset.post, body, status).finally(function () { button.disabled = false; });
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches('form[data-json]')) return;
    event.preventDefault();
    var body = {};
    new FormData(form).forEach(function (value, key) { body[key] = value; });
    form.querySelectorAll('input[type=checkbox][name]').forEach(function (box) { body[box.name] = box.checked; });
    post(form.getAttribute('action'), body, form.querySelector('[role=status]'));
  });
})();
`;

const etag = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 16)}"`;
const css = APP_CSS + EDIT_CSS;
export const ASSETS = new Map([
  ['app.css', { type: 'text/css; charset=utf-8', body: css, etag: etag(css) }],
  ['app.js', { type: 'text/javascript; charset=utf-8', body: APP_JS, etag: etag(APP_JS) }],
  ...EDIT_SCRIPTS.map(([name, body]) => [name, { type: 'text/javascript; charset=utf-8', body, etag: etag(body) }] as const),
]);
