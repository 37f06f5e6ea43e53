// /app/audit: every settings change, newest first: who, when, which settings, and what changed as
// a list of old → new values; "Revert" puts the settings back as they were before that change
// (POST /v1/settings/audit/:id/revert, sent as JSON by the app's script).
import { escapeHtml as e } from '../../html.js';
import type { AppView } from '../shell.js';
import { differences } from './audit-diff.js';
import { CAMPAIGNS } from '../../campaigns/config.js';

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  scope: string;
  before: unknown;
  after: unknown;
}

const shown = (value: unknown, setLabel: string) => (value !== null && typeof value === 'object' && (value as { set?: unknown }).set === true ? `••• (${setLabel})` : typeof value === 'string' ? value : JSON.stringify(value));

/** Settings documents can be put back from here; offer rules and blacklists are changed on their own pages. */
const revertable = (scope: string) => scope === 'general' || scope.startsWith('campaign:') || scope.startsWith('store:');

export function scopeLabel(view: AppView, scope: string): string {
  if (scope === 'general') return view.t('edit.audit.scope.general');
  if (scope.startsWith('campaign:')) {
    const name = scope.slice('campaign:'.length);
    return (CAMPAIGNS as string[]).includes(name) ? view.t(`edit.campaign.${name}` as 'edit.campaign.survey') : name;
  }
  const storeName = (key: string) => (key === '*' ? view.t('edit.allStores') : (view.stores.find((s) => s.writeKey === key)?.name ?? key));
  if (scope.startsWith('store:')) return `${view.t('edit.store')}: ${storeName(scope.slice('store:'.length))}`;
  if (scope.startsWith('offer:')) return `${view.t('edit.title.offers')}: ${scope.slice('offer:'.length)}`;
  if (scope.startsWith('blacklist:')) return `${view.t('edit.title.blacklist')}: ${storeName(scope.slice('blacklist:'.length))}`;
  return scope;
}

export function auditBody(view: AppView, entries: AuditEntry[]): string {
  const { t, fmt } = view;
  if (!entries.length) return `<h1>${e(t('edit.title.audit'))}</h1><p class="muted">${e(t('edit.audit.none'))}</p>`;
  const rows = entries
    .map((entry) => {
      const diff = entry.before === null ? `<p>${e(t('edit.audit.created'))}</p>` : entry.after === null ? `<p>${e(t('edit.audit.removed'))}</p>` : '';
      const items = `<ul class="diff">${differences(entry.before, entry.after)
            .map(
              (d) =>
                `<li><bdi class="mono">${e(d.path)}</bdi>: ${'before' in d ? `<del class="was"><code dir="auto">${e(shown(d.before, t('edit.secret.set')))}</code></del>` : ''} → ${'after' in d ? `<ins class="now"><code dir="auto">${e(shown(d.after, t('edit.secret.set')))}</code></ins>` : ''}</li>`,
            )
            .join('')}</ul>`;
      const status = `audit-status-${entry.id}`;
      return `<tr data-audit-id="${entry.id}"><td data-label="${e(t('edit.audit.when'))}">${e(fmt.dateTime(entry.at))}</td>
<td data-label="${e(t('edit.audit.who'))}" dir="auto">${e(entry.who)}</td>
<td data-label="${e(t('edit.audit.what'))}"><div class="what"><strong dir="auto">${e(scopeLabel(view, entry.scope))}</strong>${diff}${(entry.before === null || entry.after === null) && !entry.scope.startsWith('blacklist:') ? `<details><summary>${e(t('edit.audit.details'))}</summary>${items}</details>` : items}</div></td>
<td>${revertable(entry.scope) ? `<button type="button" class="secondary" data-post="/v1/settings/audit/${entry.id}/revert" data-body="{}" aria-describedby="${status}">${e(t('edit.audit.revert'))}</button> <span id="${status}" role="status" class="error"></span>` : ''}</td></tr>`;
    })
    .join('');
  return `<h1>${e(t('edit.title.audit'))}</h1><table class="stack"><thead><tr><th>${e(t('edit.audit.when'))}</th><th>${e(t('edit.audit.who'))}</th><th>${e(t('edit.audit.what'))}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}
