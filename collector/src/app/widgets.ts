// Pieces several pages share: the date range picker, number cards, the per-day chart, the funnel,
// the pager. All output is escaped here; callers pass plain values.
import { escapeHtml as e } from '../html.js';
import type { Key } from './i18n/index.js';
import { PRESETS, type DateRange } from './range.js';
import type { AppView } from './shell.js';

/** Hidden inputs that carry the page's other query values through a GET form. */
export function keepQuery(view: AppView, except: string[]): string {
  return Object.entries({ ...view.query, store: view.store || 'all' })
    .filter(([k]) => !except.includes(k) && k !== 'lang')
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
}

export function rangePicker(view: AppView, range: DateRange, presetDays: readonly number[] = PRESETS): string {
  const presets = presetDays.map(
    (days) => `<a href="${e(view.href({ days, from: undefined, to: undefined, page: undefined }))}"${range.days === days ? ' aria-current="true"' : ''}>${e(view.t('range.days', { n: view.fmt.number(days) }))}</a>`,
  ).join('');
  const from = view.fmt.date(`${range.from}T12:00:00Z`);
  const to = view.fmt.date(`${range.to}T12:00:00Z`);
  return `<form class="filters" method="get" action="${e(view.path)}" aria-label="${e(view.t('range.label'))}">
<div><label for="from">${e(view.t('range.from'))}</label><input type="date" id="from" name="from" value="${e(range.from)}"></div>
<div><label for="to">${e(view.t('range.to'))}</label><input type="date" id="to" name="to" value="${e(range.to)}"></div>
${keepQuery(view, ['from', 'to', 'days', 'page'])}<button type="submit">${e(view.t('shell.apply'))}</button>
<div class="presets">${presets}</div></form>
<p class="muted" data-range>${e(view.t('range.summary', { from, to }))}</p>`;
}

export function card(label: string, value: string, note?: string, id?: string): string {
  return `<div class="card"${id ? ` data-card="${e(id)}"` : ''}><div class="value">${e(value)}</div><div class="label">${e(label)}</div>${note ? `<div class="muted">${e(note)}</div>` : ''}</div>`;
}

/** Lines per day (time runs left to right in every language, as on a calendar axis). */
export function dayChart(view: AppView, days: string[], series: { label: Key; values: number[] }[]): string {
  const width = 720;
  const height = 200;
  const left = 40;
  const bottom = 24;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => left + (days.length <= 1 ? 0 : (i * (width - left - 10)) / (days.length - 1));
  const y = (v: number) => 8 + (height - bottom - 8) * (1 - v / max);
  const lines = series
    .map((s, k) => `<polyline class="l${k}" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"><title>${e(view.t(s.label))}</title></polyline>`)
    .join('');
  const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1]
    .filter((i, k, all) => all.indexOf(i) === k)
    .map((i) => `<text x="${x(i).toFixed(1)}" y="${height - 6}" text-anchor="${i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'}">${e(view.fmt.date(`${days[i]}T12:00:00Z`))}</text>`)
    .join('');
  const legend = series.map((s, k) => `<li><span class="swatch s${k}"></span>${e(view.t(s.label))}</li>`).join('');
  const rows = days
    .map((d, i) => `<tr><td>${e(view.fmt.date(`${d}T12:00:00Z`))}</td>${series.map((s) => `<td class="num">${e(view.fmt.number(s.values[i] ?? 0))}</td>`).join('')}</tr>`)
    .join('');
  return `<svg class="chart" role="img" aria-label="${e(view.t('overview.perDay'))}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<line class="grid" x1="${left}" y1="${y(0)}" x2="${width}" y2="${y(0)}"/><line class="grid" x1="${left}" y1="${y(max)}" x2="${width}" y2="${y(max)}"/>
<text x="0" y="${y(max)}" dominant-baseline="hanging">${e(view.fmt.number(max))}</text><text x="0" y="${y(0) - 2}">${e(view.fmt.number(0))}</text>${lines}${ticks}</svg>
<ul class="legend">${legend}</ul>
<details class="data"><summary>${e(view.t('overview.perDay'))}</summary><table><thead><tr><th>${e(view.t('common.when'))}</th>${series.map((s) => `<th>${e(view.t(s.label))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** One bar per step, growing from the reading side (the right in right-to-left languages); the texts are HTML, readable on a phone. */
export function funnel(view: AppView, steps: { label: string; value: number }[]): string {
  const rtl = view.lang.dir === 'rtl';
  const max = Math.max(1, steps[0]?.value ?? 1);
  const rows = steps
    .map((s, i) => {
      const w = Math.max(0.5, Math.round((1000 * s.value) / max) / 10);
      const share = i === 0 ? '' : ` (${view.fmt.percent(s.value, steps[0]!.value)})`;
      return `<li data-step="${i}"><span>${e(s.label)}</span><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="bar${i % 6}" x="${rtl ? 100 - w : 0}" y="0" width="${w}" height="10"/></svg><span class="num">${e(view.fmt.number(s.value) + share)}</span></li>`;
    })
    .join('');
  return `<ol class="funnel">${rows}</ol>`;
}

export function pager(view: AppView, page: number, hasNext: boolean): string {
  const prev = page > 1 ? `<a href="${e(view.href({ page: page - 1 }))}" rel="prev">${e(view.t('common.previous'))}</a>` : '';
  const next = hasNext ? `<a href="${e(view.href({ page: page + 1 }))}" rel="next">${e(view.t('common.next'))}</a>` : '';
  return prev || next ? `<nav class="pager" aria-label="${e(view.t('common.page', { n: view.fmt.number(page) }))}">${prev}<span>${e(view.t('common.page', { n: view.fmt.number(page) }))}</span>${next}</nav>` : '';
}

export function pageNumber(view: AppView): number {
  const page = Number(view.query.page);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/** +98 912 ••• 4567: the country code and the last four digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '•'.repeat(phone.length);
  return `${phone.slice(0, 3)}•••${phone.slice(-4)}`;
}
