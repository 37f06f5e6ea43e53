// WooCommerce's own cart signals. Its scripts announce cart changes as jQuery events on
// document.body (assets/js/frontend/add-to-cart.js, cart.js, cart-fragments.js), which native
// listeners never see, so they are heard through every jQuery copy on the page: the ones present
// now, and any assigned to window.jQuery / window.$ later (plugins that bundle their own). The
// blocks dispatch native events (`wc-blocks_added_to_cart`, `wc-blocks_removed_from_cart`).
import { safe } from './safe.js';

const JQUERY_EVENTS = 'added_to_cart removed_from_cart updated_cart_totals wc_fragments_refreshed';
const BLOCK_EVENTS = ['wc-blocks_added_to_cart', 'wc-blocks_removed_from_cart'];

export function watchWooEvents(onChange: () => void): void {
  const win: any = window;
  const hooked = new WeakSet<object>();
  const handler = safe(onChange);
  const hook = safe((jq: any) => {
    if (!jq?.fn?.jquery || hooked.has(jq)) return;
    hooked.add(jq);
    // document.body may not exist yet for a script in <head>: jQuery's ready queue waits for it. The
    // callback runs from that queue, so it is wrapped too: an old copy without .on cannot throw into
    // the theme's ready handlers. (A non-function with fn.jquery throws inside `safe` above.)
    jq(safe(() => jq(document.body).on(JQUERY_EVENTS, handler)));
  });
  for (const name of ['jQuery', '$']) {
    hook(win[name]);
    const descriptor = Object.getOwnPropertyDescriptor(win, name);
    if (descriptor && !descriptor.configurable) continue;
    let value = win[name];
    // A transparent accessor: the page reads and writes window.jQuery exactly as before.
    Object.defineProperty(win, name, {
      configurable: true,
      enumerable: true,
      get: () => value,
      set: (next) => {
        value = next;
        hook(next);
      },
    });
  }
  for (const name of BLOCK_EVENTS) addEventListener(name, handler, true);
}
