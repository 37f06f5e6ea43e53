// Outbox: the SMS made for a store's shoppers, with their state, filters, and "retry" for a failed
// one (POST /app/outbox/:id/retry, JSON, sent by app.js; the next campaign run sends it). The
// collector's own links in a text (its short links) open from here (./own-links.ts).
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage } from '../shell.js';
import { linkOwnUrls } from '../own-links.js';
import { reasonText } from '../outbox-reasons.js';
import { localDay, parseRange } from '../range.js';
import { CAMPAIGNS, listOutbox, MESSAGE_STATES, retryMessage } from '../queries/outbox.js';
import { tablesOf } from '../queries/scope.js';
import { keepQuery, maskPhone, pageNumber, pager, rangePicker } from '../widgets.js';
import { shopperHref } from './carts.js';

const PAGE_SIZE = 50;

export function registerOutbox(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  appPage(app, ctx, features, {
    path: '/app/outbox',
    nav: 'outbox',
    title: 'outbox.title',
    allStores: true,
    async render(view) {
      const { t, fmt } = view;
      if (!tables.campaigns) return `<h1>${e(t('outbox.title'))}</h1><p>${e(t('common.none'))}</p>`;
      const range = parseRange(view.query, view.now, fmt.timeZone);
      // A range that reaches today (the default) also shows what is dated later: messages made for a
      // later time (a campaign run ahead of the clock) and queued ones. A range in the past ends where it says.
      const reachesToday = range.to >= localDay(view.now, fmt.timeZone);
      const page = pageNumber(view);
      const { total, messages } = await listOutbox(ctx.db, {
        store: view.store,
        start: range.start,
        end: reachesToday ? '' : range.end,
        state: view.query.state,
        campaign: view.query.campaign,
        q: view.query.q,
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      });
      const option = (value: string, label: string, current: string | undefined) => `<option value="${value}"${current === value ? ' selected' : ''}>${e(label)}</option>`;
      const filters = `<form class="filters" method="get" action="/app/outbox" role="search">
<div><label for="q">${e(t('common.search'))}</label><input type="search" id="q" name="q" value="${e(view.query.q ?? '')}" dir="auto"></div>
<div><label for="state">${e(t('outbox.state'))}</label><select id="state" name="state" data-autosubmit><option value="">${e(t('common.all'))}</option>${MESSAGE_STATES.map((s) => option(s, t(`msg.${s}`), view.query.state)).join('')}</select></div>
<div><label for="campaign">${e(t('nav.campaigns'))}</label><select id="campaign" name="campaign" data-autosubmit><option value="">${e(t('common.all'))}</option>${CAMPAIGNS.map((c) => option(c, t(`campaign.${c}`), view.query.campaign)).join('')}</select></div>
${keepQuery(view, ['q', 'state', 'campaign', 'page'])}<button type="submit">${e(t('common.search'))}</button></form>`;
      const label = (key: Parameters<typeof t>[0]) => `data-label="${e(t(key))}"`;
      const rows = messages
        .slice(0, PAGE_SIZE)
        .map((m) => {
          const campaign = (CAMPAIGNS as readonly string[]).includes(m.campaign) ? t(`campaign.${m.campaign as 'survey'}`) : m.campaign;
          const state = (MESSAGE_STATES as readonly string[]).includes(m.state) ? t(`msg.${m.state as 'sent'}`) : m.state;
          const when = m.sentAt ?? m.dueAt;
          const to = m.anonymousId
            ? `<a href="${e(shopperHref(view, m.writeKey, m.anonymousId))}" dir="ltr" class="mono">${e(maskPhone(m.phone))}</a>`
            : `<span dir="ltr" class="mono">${e(maskPhone(m.phone))}</span>`;
          const retry =
            m.state === 'failed'
              ? ` <button type="button" class="secondary" data-post="/app/outbox/${m.id}/retry" aria-describedby="retry-${m.id}">${e(t('outbox.retry'))}</button><span id="retry-${m.id}" role="status" class="error" data-failed="${e(t('outbox.retryFailed'))}"></span>`
              : '';
          return `<tr data-message="${m.id}">
<td ${label('outbox.message')}>${e(t('outbox.step', { campaign, step: fmt.number(m.step + 1) }))}</td>
<td ${label('outbox.to')}>${to}</td>
<td ${label('outbox.state')}><span class="badge st-${e(m.state)}" data-state="${e(m.state)}">${e(state)}</span>${retry}</td>
<td ${label('common.when')}><time datetime="${e(when)}" title="${e(fmt.dateTime(when))}">${e(fmt.dateTime(when))}</time></td>
<td ${label('outbox.text')}><div dir="auto">${linkOwnUrls(m.body ?? '', ctx.config.publicUrl)}</div>${m.error ? `<div dir="auto" class="muted" data-error>${e(reasonText(m.error, t))}</div>` : ''}</td></tr>`;
        })
        .join('');
      return `<h1>${e(t('outbox.title'))}</h1>
${rangePicker(view, range)}${filters}
<p class="muted" data-total="${total}">${e(t('outbox.count', { n: fmt.number(total) }))}${reachesToday ? ` ${e(t('outbox.later'))}` : ''}</p>
${messages.length ? `<table class="stack"><thead><tr>${(['outbox.message', 'outbox.to', 'outbox.state', 'common.when', 'outbox.text'] as const).map((k) => `<th scope="col">${e(t(k))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>` : `<p>${e(t('common.none'))}</p>`}
${pager(view, page, messages.length > PAGE_SIZE)}`;
    },
  });

  app.post('/app/outbox/:id/retry', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const id = Number((request.params as { id: string }).id);
    if (!tables.campaigns || !Number.isSafeInteger(id) || id < 1) return reply.code(404).send({ error: 'no such message' });
    if (!(await retryMessage(ctx.db, id, ctx.now()))) return reply.code(409).send({ error: 'only a failed message can be retried' });
    return { retried: id };
  });
}
