// /app/blacklist: the phones the picked store never messages: its blacklist (and the one for every
// store) and the shoppers who opted out by reply; add, remove, import and export as CSV.
import { escapeHtml as e } from '../../html.js';
import type { BlockedPhone } from '../../campaigns/blacklist.js';
import type { AppView } from '../shell.js';
import { editEn } from '../i18n/edit-en.js';
import { field, input, scriptStrings, scriptTag } from './parts.js';

export function blacklistBody(view: AppView, entries: BlockedPhone[]): string {
  const { t, fmt } = view;
  const writeKey = view.store || '*';
  const storeName = (key: string) => (key === '*' ? t('edit.allStores') : (view.stores.find((s) => s.writeKey === key)?.name ?? key));
  const rows = entries
    .map((entry) => {
      const action =
        entry.kind === 'blacklist'
          ? `<button type="button" class="remove secondary" data-write-key="${e(entry.writeKey)}" data-phone="${e(entry.phone)}" aria-label="${e(`${t('edit.blacklist.remove')} ${entry.phone}`)}">${e(t('edit.blacklist.remove'))}</button>`
          : `<span class="muted">${e(t('edit.blacklist.optOutKept'))}</span>`;
      return `<tr><td data-label="${e(t('edit.blacklist.phone'))}" dir="ltr" class="mono">${e(entry.phone)}</td>
<td data-label="${e(t('edit.store'))}" dir="auto">${e(storeName(entry.writeKey))}</td>
<td data-label="${e(t('edit.blacklist.kind'))}">${e(t(`edit.blacklist.kind.${entry.kind}`))}${entry.keyword ? ` <span class="muted">(${e(t('edit.blacklist.keyword'))}: <bdi>${e(entry.keyword)}</bdi>)</span>` : ''}</td>
<td data-label="${e(t('edit.blacklist.since'))}">${e(fmt.dateTime(entry.since))}</td><td>${action}</td></tr>`;
    })
    .join('');
  const table = entries.length
    ? `<table class="stack"><thead><tr><th>${e(t('edit.blacklist.phone'))}</th><th>${e(t('edit.store'))}</th><th>${e(t('edit.blacklist.kind'))}</th><th>${e(t('edit.blacklist.since'))}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${e(t('edit.blacklist.none'))}</p>`;
  return `<h1>${e(t('edit.title.blacklist'))}</h1>
<div id="blacklist" data-write-key="${e(writeKey)}">
<form id="blacklist-add" novalidate><h2>${e(t('edit.blacklist.add'))}</h2><div class="row">
${field(t('edit.blacklist.phone'), input('phone', '', 'type="tel" dir="ltr" autocomplete="off" required'))}</div>
<p class="actions"><button type="submit">${e(t('edit.blacklist.add'))}</button> <span class="form-status" role="status"></span></p></form>
<p id="blacklist-status" role="status"></p>
${table}
<form id="blacklist-import" novalidate><h2>${e(t('edit.blacklist.import'))}</h2><p class="muted">${e(t('edit.blacklist.importHint'))}</p>
${field(t('edit.blacklist.file'), input('file', '', 'type="file" accept=".csv,text/csv,text/plain"'))}
<p class="actions"><button type="submit">${e(t('edit.blacklist.import'))}</button> <span class="form-status" role="status"></span></p>
<ul class="import-problems error" role="alert" hidden></ul></form>
<p><a class="button secondary" href="/v1/campaigns/blacklist/export?writeKey=${e(encodeURIComponent(writeKey))}" download>${e(t('edit.blacklist.export'))}</a></p>
</div>${scriptStrings(t, Object.keys(editEn))}${scriptTag('edit-blacklist.js')}`;
}
