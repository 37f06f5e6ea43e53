// Single-page navigation: a `page` event for every URL change made with history.pushState /
// replaceState or the back button, one per distinct URL (a replaceState that keeps the URL, or a
// hash-only change, is not a new page). The history methods are wrapped once per page.
import { safe } from './safe.js';

const KEY = '__homingHistory';

export function watchNavigation(onPage: () => void, win: any = window): () => void {
  let last = win.location.pathname + win.location.search;
  const check = safe(() => {
    const now = win.location.pathname + win.location.search;
    if (now != last) {
      last = now;
      onPage();
    }
  });
  const listeners: Set<() => void> = (win[KEY] ??= new Set());
  if (!listeners.size && !win[KEY + 'Wrapped']) {
    win[KEY + 'Wrapped'] = true;
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
  win.addEventListener('popstate', check);
  return () => {
    listeners.delete(check);
    win.removeEventListener('popstate', check);
  };
}
