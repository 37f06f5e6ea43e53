// Carts: the captured carts of a store in a range, searchable by phone, product or cart, filtered by
// state, paged. Phones are masked unless the owner asks to see one (?show=<cart id>).
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage, type AppView } from '../shell.js';
import type { Key } from '../i18n/index.js';
import { parseRange } from '../range.js';
import { CART_STATES, listCarts, type CartRow } from '../queries/carts.js';
import { tablesOf } from '../queries/scope.js';
import { keepQuery, maskPhone, pageNumber, pager, rangePicker } from '../widgets.js';

const PAGE_SIZE = 50;

export function phoneCell(view: AppView, phone: string | null, showKey: string): string {
  if (!phone) return `<span class="muted">${e(view.t('carts.noPhone'))}</span>`;
  if (view.query.show === showKey) return `<span dir="ltr" class="mono" data-phone>${e(phone)}</span>`;
  return `<span dir="ltr" class="mono" data-phone>${e(maskPhone(phone))}</span> <a href="${e(view.href({ show: showKey }))}" aria-label="${e(`${view.t('common.show')} ${view.t('carts.phone')}`)}">${e(view.t('common.show'))}</a>`;
}

export function itemsText(view: AppView, cart: Pick<CartRow, 'products'>): string {
  return cart.products
    .slice(0, 5)
    .map((p) => `${p.name ?? p.product_id ?? '?'}${Number(p.quantity) > 1 ? ` × ${view.fmt.number(Number(p.quantity))}` : ''}`)
    .join(view.lang.lang === 'fa' || view.lang.lang === 'ar' ? '، ' : ', ');
}

export const shopperHref = (view: AppView, writeKey: string, anonymousId: string) => view.href({ store: writeKey, id: anonymousId, show: undefined, page: undefined, q: undefined, state: undefined }, '/app/shopper');

export function registerCarts(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  appPage(app, ctx, features, {
    path: '/app/carts',
    nav: 'carts',
    title: 'carts.title',
    allStores: true,
    async render(view) {
      const { t, fmt } = view;
      const range = parseRange(view.query, view.now, fmt.timeZone);
      const page = pageNumber(view);
      const abandonedBefore = new Date(view.now.getTime() - ctx.config.abandonedAfterMinutes * 60_000).toISOString();
      const { total, carts } = await listCarts(ctx.db, tables, {
        store: view.store,
        start: range.start,
        end: range.end,
        abandonedBefore,
        state: view.query.state,
        q: view.query.q,
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      });
      const states = CART_STATES.map((s) => `<option value="${s}"${view.query.state === s ? ' selected' : ''}>${e(t(`state.${s}`))}</option>`).join('');
      const filters = `<form class="filters" method="get" action="/app/carts" role="search">
<div><label for="q">${e(t('common.search'))}</label><input type="search" id="q" name="q" value="${e(view.query.q ?? '')}" placeholder="${e(t('carts.search'))}" dir="auto"></div>
<div><label for="state">${e(t('carts.state'))}</label><select id="state" name="state" data-autosubmit><option value="">${e(t('common.all'))}</option>${states}</select></div>
${keepQuery(view, ['q', 'state', 'page', 'show'])}<button type="submit">${e(t('common.search'))}</button></form>`;
      const label = (key: Parameters<typeof t>[0]) => `data-label="${e(t(key))}"`;
      const rows = carts
        .slice(0, PAGE_SIZE)
        .map(
          (c) => `<tr data-cart="${e(c.cartId)}">
<td ${label('carts.items')} dir="auto">${e(itemsText(view, c)) || '–'}</td>
<td ${label('carts.value')} class="num">${c.value === null ? '–' : e(fmt.money(c.value, c.currency))}</td>
<td ${label('carts.phone')}>${phoneCell(view, c.phone, c.cartId)}</td>
<td ${label('carts.consent')}>${c.phone ? e(t(c.consent ? 'common.yes' : 'common.no')) : '–'}</td>
<td ${label('carts.state')}><span class="badge st-${c.state}" data-state="${c.state}">${e(t(`state.${c.state}`))}</span></td>
<td ${label('carts.updated')}><time datetime="${e(c.updatedAt)}" title="${e(fmt.dateTime(c.updatedAt))}">${e(fmt.relative(c.updatedAt))}</time></td>
${view.store ? '' : `<td ${label('carts.store')} dir="auto">${e(view.stores.find((s) => s.writeKey === c.writeKey)?.name ?? c.writeKey)}</td>`}
<td>${c.anonymousId ? `<a href="${e(shopperHref(view, c.writeKey, c.anonymousId))}">${e(t('carts.open'))}</a>` : ''}</td></tr>`,
        )
        .join('');
      const head: Key[] = ['carts.items', 'carts.value', 'carts.phone', 'carts.consent', 'carts.state', 'carts.updated', ...(view.store ? [] : ['carts.store' as const]), 'carts.open'];
      return `<h1>${e(t('carts.title'))}</h1>
${rangePicker(view, range)}${filters}
<p class="muted" data-total="${total}">${e(t('carts.count', { n: fmt.number(total) }))}</p>
${carts.length ? `<table class="stack"><thead><tr>${head.map((k) => `<th scope="col">${e(t(k))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>` : `<p>${e(t('common.none'))}</p>`}
${pager(view, page, carts.length > PAGE_SIZE)}
<p><a href="${e(view.href({ from: range.from, to: range.to, days: undefined, page: undefined, show: undefined }, '/app/export/carts.csv'))}" download>${e(t('overview.exportCarts'))}</a></p>`;
    },
  });
}
