// Single-page navigation: a `page` event for every URL change made with history.pushState /
// replaceState or the back button, one per distinct URL (a replaceState that keeps the URL, or a
// hash-only change, is not a new page). The history methods are wrapped once per page.
import { safe } from './safe.js';

const KEY = '__homingHistory';

export function watchNavigation(onPage: () => void): void {
  const win: any = window;
  const where = () => location.pathname + location.search;
  let last = where();
  const check = safe(() => {
    const now = where();
    if (now != last) {
      last = now;
      onPage();
    }
  });
  let listeners: Set<() => void> = win[KEY];
  if (!listeners) {
    listeners = win[KEY] = new Set<() => void>();
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = win.history[method];
      win.history[method] = function (this: History) {
        // eslint-disable-next-line prefer-rest-params
        const result = original.apply(this, arguments);
        for (const listener of listeners) listener();
        return result;
      };
    }
  }
  listeners.add(check);
  addEventListener('popstate', check);
}
