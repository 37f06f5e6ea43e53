// The navigation, in order. A page names its entry (`nav`) to be shown as the current one. The
// screenshot tool walks these links, so a new screen listed here is photographed too.
import type { Key } from './i18n/index.js';

export interface NavEntry {
  id: string;
  path: string;
  label: Key;
}

export const NAV: NavEntry[] = [
  { id: 'overview', path: '/app', label: 'nav.overview' },
  { id: 'carts', path: '/app/carts', label: 'nav.carts' },
  { id: 'retention', path: '/app/retention', label: 'nav.retention' },
  { id: 'campaigns', path: '/app/campaigns', label: 'nav.campaigns' },
  { id: 'offers', path: '/app/offers', label: 'nav.offers' },
  { id: 'blacklist', path: '/app/blacklist', label: 'nav.blacklist' },
  { id: 'stores', path: '/app/stores', label: 'nav.stores' },
  { id: 'outbox', path: '/app/outbox', label: 'nav.outbox' },
  { id: 'audit', path: '/app/audit', label: 'nav.audit' },
];
