// A small template editor page (GET /campaigns/editor, admin): type a message, see its encoding,
// length and segment count as you type, counted by the same code the sender uses
// (POST /v1/campaigns/segments). Persian, Arabic and Hebrew are written right to left.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { escapeHtml } from '../html.js';
import type { Engine } from './engine.js';

export function registerEditor(app: FastifyInstance, ctx: FeatureContext, engine: Engine): void {
  app.get('/campaigns/editor', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const nonce = randomBytes(16).toString('base64');
    const options = Object.entries(engine.config.campaigns)
      .flatMap(([name, c]) => c.steps.flatMap((s, i) => Object.entries(s.template).map(([locale, text]) => `<option value="${escapeHtml(text)}">${escapeHtml(`${name} step ${i + 1} (${locale})`)}</option>`)))
      .join('');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Homing: SMS template editor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}textarea{width:100%;min-height:8rem;font:16px system-ui,sans-serif}output{display:block;margin-top:.5rem;font-weight:600}.warn{color:#a40000}</style></head>
<body><h1>SMS template editor</h1>
<p>Start from a configured template: <select id="pick"><option value="">(blank)</option>${options}</select></p>
<textarea id="text" dir="auto" aria-label="message text"></textarea>
<output id="count" aria-live="polite">0 characters</output>
<p>GSM-7: 160 characters in one SMS, 153 per part when longer (€ [ ] { } \\ ^ ~ | count twice).
UCS-2 (any Persian, Arabic or Hebrew letter, or an emoji): 70 in one SMS, 67 per part. Placeholders such as {link} are counted as typed: a short link is about ${escapeHtml(`${ctx.config.publicUrl}/r/AbCd2345`.length)} characters.</p>
<script nonce="${nonce}">
const text = document.getElementById('text'), out = document.getElementById('count'), pick = document.getElementById('pick');
let timer;
async function update() {
  const response = await fetch('/v1/campaigns/segments', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: text.value }) });
  if (!response.ok) { out.textContent = 'could not count (' + response.status + ')'; return; }
  const c = await response.json();
  out.className = c.segments > 1 ? 'warn' : '';
  out.textContent = c.encoding + ': ' + c.units + ' units, ' + c.segments + ' SMS, ' + c.remaining + ' left in this part' + (c.nonGsmCharacters.length && c.encoding === 'UCS-2' ? ' (UCS-2 because of: ' + c.nonGsmCharacters.join(' ') + ')' : '');
}
text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 120); });
pick.addEventListener('change', () => { text.value = pick.value; update(); });
update();
</script></body></html>`;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      // Framed by a page of a sibling subdomain (same site: the session cookie goes along), an admin page could be clickjacked.
      .header('content-security-policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`)
      .header('cache-control', 'no-store')
      .send(html);
  });
}
