// The cart as Homing last saw it, and the events that tell the collector how it changed: after
// every change, the platform's authoritative cart is read (never a guess from the request),
// compared with the last one, and `Product Added` / `Product Removed` go out for the difference
// followed by `Cart Updated` with the whole cart.
import { nanoid } from 'nanoid';
import type { Platform, PluginHost } from '../core/types.js';
import type { Cart, diffCarts } from './cart.js';

/**
 * What a change means (cart.ts diffCarts) comes with the chunk that brought the new cart (a
 * platform adapter, the generic buttons): a cart only changes once one of them is there, so
 * every page does not carry it.
 */
export type CartDiff = typeof diffCarts;
/** Reads a platform's cart (through its adapter chunk, with that chunk's diff); undefined when it could not be read. */
export type CartReader = (platform: Platform) => Promise<[Cart, CartDiff] | undefined>;

export interface CartTracker {
  /** Reads the platform's cart and reports what changed; `quiet` reports only `Cart Updated`. */
  sync(platform: Platform, quiet?: boolean): Promise<void>;
  /**
   * Reports a cart known without asking the platform (generic stores); a function gets the cart
   * as it is once every change before it has been applied.
   */
  apply(cart: Cart | ((current: Cart) => Cart), diff: CartDiff, quiet?: boolean): Promise<void>;
  /** The cart as last seen (loaded from storage at start). */
  current(): Cart;
  /** The cart id to put on events: the platform's, else one generated and kept. */
  cartId(): string;
  /** True until the cart is read after a full-page add (the add itself is already recorded). */
  resyncing(): boolean;
  loaded: Promise<void>;
}

/** `resync`: the previous page recorded a full-page add; the first read only brings the cart up to date. */
export function createCartTracker(host: PluginHost, onAdded: () => void, resync: boolean, read: CartReader): CartTracker {
  let cart: Cart = { products: [] };
  let generatedId = '';
  const loaded = Promise.all([host.get<Cart>('c.cart'), host.get<string>('c.cart_id')]).then(async ([stored, id]) => {
    if (stored?.products) cart = stored;
    generatedId = id || nanoid(12);
    if (!id) await host.set('c.cart_id', generatedId);
  });

  const cartId = (): string => cart.id || generatedId;

  async function apply(change: Cart | ((current: Cart) => Cart), diff: CartDiff, quiet = false): Promise<void> {
    await loaded;
    const next = typeof change == 'function' ? change(cart) : change;
    if (resync) {
      // The page before recorded this add from its form post; this read only brings the cart up to date.
      quiet = true;
      resync = false;
    }
    const { added, removed } = diff(cart.products, next.products);
    // A first look at an empty cart is not a change worth an event, but its id is worth keeping.
    const changed = added.length || removed.length || (next.value != cart.value && (next.products.length || cart.products.length));
    const keep = changed || next.id != cart.id;
    cart = next;
    const common = { cart_id: cartId(), currency: next.currency };
    const pending: Promise<void>[] = [];
    if (!quiet) {
      for (const product of added) pending.push(host.track('Product Added', { ...product, ...common }));
      for (const product of removed) pending.push(host.track('Product Removed', { ...product, ...common }));
    }
    if (changed) pending.push(host.track('Cart Updated', { ...common, value: next.value, products: next.products }));
    if (keep) pending.push(host.set('c.cart', next));
    if (added.length && !quiet) onAdded();
    await Promise.all(pending);
  }

  let running: Promise<void> | undefined;
  let again = false;
  let againQuiet = true;
  function sync(platform: Platform, quiet?: boolean): Promise<void> {
    if (running) {
      // One read at a time; changes made meanwhile are picked up by one more read after it, which
      // reports them unless every call that asked for it was quiet.
      again = true;
      againQuiet &&= !!quiet;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        againQuiet = true;
        const next = await read(platform);
        // A real (not quiet) cart request that came in while this read ran is in what it read: report it.
        if (next) await apply(...next, quiet && againQuiet);
        quiet = againQuiet;
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  }

  return {
    sync,
    apply,
    current: () => cart,
    resyncing: () => resync,
    cartId,
    loaded,
  };
}
