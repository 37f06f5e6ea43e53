// The store owner's app: one layout for every screen.
//
// HOW A PAGE PLUGS IN (see shell.ts):
//   import { appPage } from './shell.js';
//   appPage(app, ctx, features, {
//     path: '/app/offers', nav: 'offers', title: 'nav.offers', allStores: false,
//     async render(view) { return `<h1>${e(view.t('nav.offers'))}</h1>...`; },
//   });
// and call it from registerApp in ./index.ts. `view` gives the language (`view.t`, `view.lang`),
// formatting (`view.fmt.money/number/date/dateTime/relative`), the picked store (`view.store`: a
// write key, or '' for "all stores" when `allStores` is true) and `view.href({...})` for links that
// keep the store and range. The body returned is HTML: escape every stored or typed string with
// escapeHtml (../html.ts) and give every cell of shopper or owner text `dir="auto"`. Texts go in
// ./i18n/edit-<lang>.ts (all four languages). Tables with class "stack" and `data-label` on each
// cell become stacked rows on a phone. Changes: a <form data-json method="post" action="/app/...">
// or <button data-post="/app/..." data-body='{...}'> is sent by /app/assets/app.js as
// application/json (the only way the session cookie may change something, see ../admin.ts); the
// route checks ctx.requireAdmin and answers JSON ({ redirect } to go elsewhere, else the page reloads;
// { error } is shown in the form's [role=status]). No inline script or style: the CSP forbids them.
import { escapeHtml as e } from '../html.js';
import { LANGS } from './i18n/index.js';
import { NAV } from './nav.js';
import { ASSETS } from './assets.js';
import type { AppView } from './shell.js';

const asset = (name: string) => `/app/assets/${name}?v=${encodeURIComponent(ASSETS.get(name)!.etag.slice(1, 9))}`;

/** `<html>` … `<body>` with the stylesheet and script, for the app and the sign-in page alike. */
export function documentStart(view: Pick<AppView, 'lang' | 'fmt'>, title: string): string {
  return `<!doctype html>
<html lang="${view.lang.lang}" dir="${view.lang.dir}" data-tz="${e(view.fmt.timeZone)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${e(title)}</title><link rel="stylesheet" href="${asset('app.css')}"><script src="${asset('app.js')}" defer></script></head>
<body>`;
}

function languageLinks(view: AppView): string {
  return `<ul class="langs" aria-label="${e(view.t('shell.language'))}">${LANGS.map(
    (l) => `<li><a href="${e(view.href({ lang: l.lang }))}" lang="${l.lang}" hreflang="${l.lang}"${l.lang === view.lang.lang ? ' aria-current="true"' : ''}>${e(l.name)}</a></li>`,
  ).join('')}</ul>`;
}

function storePicker(view: AppView, allStores: boolean): string {
  const options = [
    ...(allStores ? [`<option value="all"${view.store === '' ? ' selected' : ''}>${e(view.t('shell.allStores'))}</option>`] : []),
    ...view.stores.map((s) => `<option value="${e(s.writeKey)}"${s.writeKey === view.store ? ' selected' : ''}>${e(s.name)}</option>`),
  ];
  // Keep the page's other choices (range, filters) across a store change.
  const keep = Object.entries(view.query)
    .filter(([k]) => k !== 'store' && k !== 'lang' && k !== 'page' && k !== 'show')
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
  return `<form method="get" action="${e(view.path)}"><label for="store-picker">${e(view.t('shell.store'))}</label>
<select id="store-picker" name="store" data-autosubmit dir="auto">${options.join('')}</select>${keep}<button type="submit" class="secondary">${e(view.t('shell.apply'))}</button></form>`;
}

export function renderLayout(view: AppView, page: { title: string; nav?: string; allStores?: boolean; body: string }): string {
  const nav = NAV.map(
    (n) => `<li><a href="${e(view.href({}, n.path))}"${n.id === page.nav ? ' aria-current="page"' : ''}>${e(view.t(n.label))}</a></li>`,
  ).join('');
  return `${documentStart(view, `${page.title} · ${view.t('app.name')}`)}
<a class="skip" href="#content">${e(view.t('shell.skip'))}</a>
<header class="top"><a class="brand" href="/app">${e(view.t('app.name'))}</a>
<div class="pickers">${view.stores.length ? storePicker(view, page.allStores ?? false) : ''}${languageLinks(view)}
<form method="post" action="/logout"><button type="submit" class="secondary">${e(view.t('shell.signOut'))}</button></form></div></header>
<nav class="main" aria-label="${e(view.t('nav.label'))}"><ul>${nav}</ul></nav>
<main id="content">${page.body}</main>
</body></html>`;
}
