// Storefront capture: the cart and the shopper's phone number right after "add to cart", on
// Shopify, WooCommerce and any other theme. Wires the watchers (network, forms, WooCommerce
// events, data-homing-* buttons, history, drawers) to the cart tracker.
// What only some pages need comes in lazy chunks (README, "What loads when"): the platform
// adapter that reads the cart (shopify, woocommerce) on its platform only, the data-homing-*
// buttons logic where there are such buttons, the phone watcher and prompt once a phone field
// shows up or after an add to cart. The watchers here see everything from the start and what they
// saw waits for its chunk: nothing is lost by loading late.
import type { HomingPlugin, Platform, PluginHost } from '../core/types.js';
import type { PlatformAdapter } from './adapter.js';
import type { Cart } from './cart.js';
import { CART_BUTTONS, watchCartButtons } from './generic.js';
import { watchCartForms, type CartFormKind } from './forms.js';
import { watchNavigation } from './history.js';
import { recordLeaving, replayLeaving } from './leaving.js';
import { nativeFetch, observeCartRequests } from './net.js';
import { hasPhoneField, watchForPhoneFields } from './phone-trigger.js';
import { detectPlatform } from '../core/context.js';
import { whenParsed } from '../core/dom.js';
import { safe } from './safe.js';
import { createCartTracker, type CartDiff } from './tracker.js';
import { isCartPage, isCheckoutPage, watchDrawers } from './views.js';
import { watchWooEvents } from './woo-events.js';

export interface CaptureOptions {
  /** More cart-changing request URLs (a custom cart app's endpoints), tested against the full URL. */
  cartPatterns?: RegExp[];
}

/** What the lazy chunks export (./phone.lazy.ts; ./shopify.lazy.ts, ./woocommerce.lazy.ts, ./generic.lazy.ts). */
type PhoneChunk = typeof import('./phone.lazy.js');
type Phones = ReturnType<PhoneChunk['startPhones']>;
type GenericChunk = typeof import('./generic.lazy.js');
type AdapterChunk = { adapter: PlatformAdapter; diffCarts: CartDiff };

type CartSignal = [from: Platform | 'jquery', header?: (name: string) => string | null];

export function capturePlugin(options: CaptureOptions = {}): HomingPlugin {
  // Cart requests and jQuery copies are watched from the moment the script runs, not from when
  // storage is open: what happens meanwhile is kept and handled once the plugin is set up.
  const early: CartSignal[] = [];
  let onSignal: (...signal: CartSignal) => void = (...signal) => void early.push(signal);
  safe(() => {
    observeCartRequests((from, header) => onSignal(from, header), options.cartPatterns);
    if (!(window as any).Shopify) watchWooEvents(() => onSignal('jquery'));
  })();
  return {
    name: 'capture',
    setup(host: PluginHost) {
      const win: any = window;
      const doc = document;
      // An explicit data-platform wins; otherwise decided when needed, since WooCommerce's body
      // classes and globals may not exist yet when this runs from <head>.
      const platform = (): Platform => (host.options.platform != 'generic' ? host.options.platform : detectPlatform());

      /** Each chunk is asked for once; a failure is one warning, and what waited for it is dropped. */
      const chunks: Record<string, Promise<any>> = {};
      const load = <T>(name: string): Promise<T> => {
        if (!chunks[name]) {
          chunks[name] = host.load<T>(name);
          chunks[name].catch((error) => host.warn(`${name} chunk: ${error}`));
        }
        return chunks[name];
      };
      const preloadAdapter = () => {
        const current = platform();
        if (current != 'generic') load(current);
      };

      // Phone fields left or changed before the phone chunk arrived are read by it when it does.
      const seenFields: EventTarget[] = [];
      let started: Promise<Phones> | undefined;
      const phones = (): Promise<Phones> =>
        (started ??= load<PhoneChunk>('phone').then((chunk) => {
          stopLooking();
          return chunk.startPhones(host, seenFields.splice(0));
        }));
      const startPhones = safe(phones);
      const stopLooking = watchForPhoneFields(startPhones, seenFields);
      const afterAdd = safe(async () => (await phones()).afterAdd());

      // Response headers of cart requests, handed to the adapter before its next read.
      const headers: ((name: string) => string | null)[] = [];
      const readCart = async (current: Platform): Promise<[Cart, CartDiff] | undefined> => {
        const { adapter, diffCarts } = await load<AdapterChunk>(current);
        headers.splice(0).forEach(adapter.remember);
        const cart = await adapter.readCart(nativeFetch(win), win);
        return cart && [cart, diffCarts];
      };
      const tracker = createCartTracker(host, afterAdd, replayLeaving(host), readCart);
      const cartProperties = () => {
        const cart = tracker.current();
        return { cart_id: tracker.cartId(), currency: cart.currency, value: cart.value, products: cart.products };
      };
      const refresh = async (): Promise<void> => {
        const current = platform();
        if (current == 'generic') await tracker.loaded;
        else await tracker.sync(current, true);
      };

      const onForm = (kind: CartFormKind, data: FormData): void => {
        if (kind == 'checkout') return recordLeaving(host, 'Checkout Started', cartProperties());
        const field = (name: string) => (data.get(name) as string | null) || undefined;
        const variation = field('variation_id');
        // Shopify's cart token, up to its (encoded) `?key=`: see shopify.lazy.ts cartToken.
        const cookie = /(?:^|;\s*)cart=([^;%?]+)/.exec(doc.cookie)?.[1];
        // Recorded durably now; the next page reads the full cart (prices, names) quietly.
        recordLeaving(host, 'Product Added', {
          product_id: field('product-id') ?? field('add-to-cart') ?? field('product_id'),
          variant: field('id') ?? (variation != '0' ? variation : undefined),
          quantity: Number(field('quantity')) || 1,
          cart_id: cookie || tracker.cartId(),
          currency: win.Shopify?.currency?.active ?? tracker.current().currency,
        });
      };

      const onPage = safe(async () => {
        const current = platform();
        if (isCheckoutPage(current)) {
          await refresh();
          await host.track('Checkout Started', cartProperties());
        } else if (isCartPage(current)) {
          await refresh();
          await host.track('Cart Viewed', cartProperties());
        }
      });

      onSignal = safe((from: CartSignal[0], header?: CartSignal[1]) => {
        const current = from == 'shopify' || from == 'woocommerce' ? from : platform();
        if (current == 'generic' || (from == 'jquery' && current != 'woocommerce')) return;
        if (header) headers.push(header);
        // Asked for now, even when the read waits for the adapter: a quiet read (a drawer, the
        // cart page) asked for later must not take this change for old news.
        return tracker.sync(current);
      });
      early.splice(0).forEach((signal) => onSignal(...signal));
      preloadAdapter();
      watchCartForms(onForm);
      // The click's attributes are read now; the cart change is applied in click order once the chunk is there.
      watchCartButtons(
        safe(async (fields, sign) => {
          const { clicked, diffCarts } = await load<GenericChunk>('generic');
          await tracker.apply((cart) => clicked(cart, fields, sign), diffCarts);
        }),
      );
      watchNavigation(() => {
        host.page();
        onPage();
      });

      const onReady = safe(async () => {
        preloadAdapter();
        if (doc.querySelector(CART_BUTTONS)) load('generic');
        if (hasPhoneField()) startPhones();
        watchDrawers(
          safe(async () => {
            await refresh();
            await host.track('Cart Viewed', cartProperties());
          }),
        );
        onPage();
        await tracker.loaded;
        if (tracker.resyncing()) {
          await refresh();
          afterAdd();
        }
      });
      whenParsed(onReady);
    },
  };
}
