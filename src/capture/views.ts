// Which page or panel the shopper is looking at: the cart page, a cart drawer being opened, the
// checkout. Decided from what each platform puts on the page (body classes, paths, elements).
import type { Platform } from '../core/types.js';
import { safe } from './safe.js';

const body = (cls: string): boolean => !!document.body?.classList.contains(cls);

export function isCartPage(platform: Platform): boolean {
  if (platform == 'woocommerce') return body('woocommerce-cart');
  return /\/cart\/?$/.test(location.pathname);
}

export function isCheckoutPage(platform: Platform): boolean {
  if (platform == 'woocommerce') return body('woocommerce-checkout') && !body('woocommerce-order-received');
  return /\/checkouts?(\/|$)/.test(location.pathname);
}

// Dawn's <cart-drawer> (class "active" when open), other themes' drawers, the WooCommerce
// mini-cart block's drawer, and anything a store marks with data-homing-cart-drawer.
const DRAWERS = 'cart-drawer,#CartDrawer,.cart-drawer,.wc-block-mini-cart__drawer,[data-homing-cart-drawer]';

const isOpen = (el: Element): boolean => el.matches('[open],.active,.open,.is-open,.is-visible,[aria-hidden=false]');

/** Calls `onOpen` each time a cart drawer present on the page goes from closed to open. */
export function watchDrawers(onOpen: () => void): void {
  const drawers = [...document.querySelectorAll(DRAWERS)];
  const state = new Map(drawers.map((el) => [el, isOpen(el)]));
  const observer = new MutationObserver(
    safe(() => {
      for (const el of drawers) {
        const open = isOpen(el);
        if (open && !state.get(el)) onOpen();
        state.set(el, open);
      }
    }),
  );
  for (const el of drawers) observer.observe(el, { attributes: true, attributeFilter: ['class', 'open', 'aria-hidden'] });
}
