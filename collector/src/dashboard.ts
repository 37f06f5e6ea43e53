// The store owner's dashboard: one server-rendered page, refreshed every 15 s, with inline SVG
// charts (no script, no CDN; the Content-Security-Policy forbids both). Every stored string goes
// through escapeHtml. Features append their own sections (already escaped by them).
import type { Summary } from './state/queries.js';
import { escapeHtml as e } from './html.js';

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function hourlyChart(points: Summary['eventsPerHour']): string {
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...points.map((p) => p.count));
  const slot = width / points.length;
  const bars = points
    .map((p, i) => {
      const h = Math.round((p.count / max) * (height - 20));
      return `<rect x="${(i * slot + 2).toFixed(1)}" y="${height - h}" width="${(slot - 4).toFixed(1)}" height="${h}" fill="#4f7cff"><title>${e(p.hour.slice(11, 16))} UTC: ${p.count}</title></rect>`;
    })
    .join('');
  const labels = points
    .filter((_, i) => i % 4 === 0)
    .map((p) => `<text x="${(points.indexOf(p) * slot + slot / 2).toFixed(1)}" y="${height + 14}" font-size="11" text-anchor="middle">${e(p.hour.slice(11, 16))}</text>`)
    .join('');
  return `<svg role="img" aria-label="events per hour" viewBox="0 0 ${width} ${height + 18}" width="100%">${bars}${labels}<text x="2" y="12" font-size="11">max ${max}/h</text></svg>`;
}

function funnelChart(funnel: Summary['funnel']): string {
  const steps: [string, number][] = [
    ['carts captured', funnel.carts],
    ['with phone', funnel.withPhone],
    ['ordered', funnel.ordered],
  ];
  const max = Math.max(1, funnel.carts);
  return `<svg role="img" aria-label="cart funnel" viewBox="0 0 720 102" width="100%">${steps
    .map(([label, n], i) => {
      const w = Math.max(2, Math.round((n / max) * 520));
      return `<text x="0" y="${i * 34 + 20}" font-size="13">${label}</text><rect x="130" y="${i * 34 + 6}" width="${w}" height="22" fill="${['#4f7cff', '#21a67a', '#f29d38'][i]}"></rect><text x="${136 + w}" y="${i * 34 + 22}" font-size="13">${number(n)}</text>`;
    })
    .join('')}</svg>`;
}

function topProductsTable(products: Summary['topProducts']): string {
  if (!products.length) return '<p class="muted">No product added yet.</p>';
  const max = Math.max(1, ...products.map((p) => p.adds));
  return `<table><thead><tr><th>product</th><th>adds</th><th>quantity</th><th></th></tr></thead><tbody>${products
    .map(
      (p) =>
        `<tr><td>${e(p.name ?? p.product)}<div class="muted">${e(p.product)}</div></td><td>${p.adds}</td><td>${p.quantity}</td><td><svg viewBox="0 0 200 12" width="200" height="12"><rect width="${Math.round((p.adds / max) * 200)}" height="12" fill="#4f7cff"></rect></svg></td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function renderDashboard(summary: Summary, sections: { name: string; html: string }[]): string {
  const revenue = summary.orders.revenue.map((r) => `${number(r.value)} ${e(r.currency)}`).join(' · ') || '0';
  const card = (label: string, value: string) => `<div class="card"><div class="value">${value}</div><div class="muted">${label}</div></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="15"><title>Homing dashboard</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#1d2433}
h1{font-size:22px}h2{font-size:16px;margin-top:32px}.muted{color:#6b7385;font-size:12px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #dde2ec;border-radius:8px;padding:12px 16px;min-width:120px}
.value{font-size:22px;font-weight:600}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f5}
svg text{fill:#1d2433}.top{display:flex;justify-content:space-between;align-items:center}
</style></head><body>
<header class="top"><h1>Homing</h1><form method="post" action="/logout"><button type="submit">Sign out</button></form></header>
<p class="muted">Updated ${e(summary.generatedAt)} (refreshes every 15 s)</p>
<div class="cards" id="counts">
${card('events', `<span data-count="events">${number(summary.events.total)}</span>`)}
${card('events, last 24 h', number(summary.events.last24h))}
${card('carts captured', `<span data-count="carts">${number(summary.funnel.carts)}</span>`)}
${card('phones (consenting)', `${number(summary.identities.withPhone)} (${number(summary.identities.consenting)})`)}
${card(`abandoned carts (idle &gt; ${summary.abandoned.idleMinutes} min, consenting phone)`, `<span data-count="abandoned">${number(summary.abandoned.count)}</span>`)}
${card('orders', `<span data-count="orders">${number(summary.orders.count)}</span>`)}
${card('revenue', revenue)}
</div>
<h2>Events received per hour (UTC, last 24 h)</h2>${hourlyChart(summary.eventsPerHour)}
<h2>Carts: captured → with phone → ordered</h2>${funnelChart(summary.funnel)}
<h2>Top products added</h2>${topProductsTable(summary.topProducts)}
${sections.map((s) => `<section data-feature="${e(s.name)}">${s.html}</section>`).join('\n')}
</body></html>`;
}
