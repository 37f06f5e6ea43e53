// Storefront capture: the cart and the shopper's phone number right after "add to cart", on
// Shopify, WooCommerce and any other theme. Wires the watchers (network, forms, WooCommerce
// events, data-homing-* buttons, phone fields, history, drawers) to the cart tracker.
import type { HomingPlugin, Platform, PluginHost } from '../core/types.js';
import { watchCartButtons, changeCart } from './generic.js';
import { watchCartForms, type CartFormKind } from './forms.js';
import { watchNavigation } from './history.js';
import { recordLeaving, replayLeaving } from './leaving.js';
import { observeCartRequests } from './net.js';
import { toE164 } from './phone.js';
import { watchPhoneFields } from './phone-watch.js';
import { detectPlatform } from '../core/context.js';
import { safe } from './safe.js';
import { createCartTracker } from './tracker.js';
import { isCartPage, isCheckoutPage, watchDrawers } from './views.js';
import { watchWooEvents } from './woo-events.js';

export interface CaptureOptions {
  /** More cart-changing request URLs (a custom cart app's endpoints), tested against the full URL. */
  cartPatterns?: RegExp[];
}

/** What the lazy phone-prompt chunk exports (src/widgets/phone-prompt/phone-prompt.lazy.ts). */
export interface PhonePromptModule {
  showPhonePrompt(options: { locale?: string; onSave(raw: string, consent: boolean): boolean; onDismiss(): void }): void;
}

type CartSignal = [from: Platform | 'jquery', header?: (name: string) => string | null];

export function capturePlugin(options: CaptureOptions = {}): HomingPlugin {
  // Cart requests and jQuery copies are watched from the moment the script runs, not from when
  // storage is open: what happens meanwhile is kept and handled once the plugin is set up.
  const early: CartSignal[] = [];
  let onSignal = (...signal: CartSignal) => void early.push(signal);
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
      let phoneKey: string | undefined;
      let prompt: unknown;
      const state = Promise.all([host.get<string>('c.phone'), host.get('c.prompt')]).then(([phone, seen]) => {
        phoneKey ??= phone;
        prompt = seen;
      });

      const identify = (phone: string, consent: boolean): void => {
        const key = `${phone} ${consent}`;
        if (key == phoneKey) return;
        phoneKey = key;
        host.identify({ phone, phone_consent: consent });
        host.set('c.phone', key);
      };

      const maybePrompt = safe(async () => {
        await state;
        if (host.options.phonePrompt != 'after-add' || phoneKey || prompt) return;
        prompt = 'shown';
        const module = await host.load<PhonePromptModule>('phone-prompt');
        module.showPhonePrompt({
          locale: host.options.locale,
          onSave(raw, consent) {
            const phone = toE164(raw, host.options.country);
            if (phone) identify(phone, consent);
            return !!phone;
          },
          onDismiss: () => host.set('c.prompt', 'dismissed'),
        });
      });

      const tracker = createCartTracker(host, maybePrompt, replayLeaving(host), win);
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
        const cookie = /(?:^|;\s*)cart=([^;]+)/.exec(doc.cookie)?.[1];
        // Recorded durably now; the next page reads the full cart (prices, names) quietly.
        recordLeaving(host, 'Product Added', {
          product_id: field('product-id') ?? field('add-to-cart') ?? field('product_id'),
          variant: field('id') ?? (variation != '0' ? variation : undefined),
          quantity: parseInt(field('quantity') ?? '1', 10) || 1,
          cart_id: (cookie && decodeURIComponent(cookie)) || tracker.cartId(),
          currency: win.Shopify?.currency?.active ?? tracker.current().currency,
        });
      };

      const onPage = safe(async () => {
        const current = platform();
        if (isCheckoutPage(current, doc)) {
          await refresh();
          await host.track('Checkout Started', cartProperties());
        } else if (isCartPage(current, doc)) {
          await refresh();
          await host.track('Cart Viewed', cartProperties());
        }
      });

      onSignal = (from, header) => {
        if (header) tracker.remember(header);
        const current = from == 'shopify' || from == 'woocommerce' ? from : platform();
        if (current != 'generic' && (from != 'jquery' || current == 'woocommerce')) tracker.sync(current);
      };
      early.splice(0).forEach((signal) => onSignal(...signal));
      const stops = [
        watchCartForms(onForm),
        watchPhoneFields((raw, consent) => {
          const phone = toE164(raw, host.options.country);
          if (phone) identify(phone, consent);
        }),
        watchCartButtons((product, sign, currency) => tracker.apply(changeCart(tracker.current(), product, sign, currency))),
        watchNavigation(() => {
          host.page();
          onPage();
        }),
      ];

      const onReady = safe(async () => {
        stops.push(
          watchDrawers(
            safe(async () => {
              await refresh();
              await host.track('Cart Viewed', cartProperties());
            }),
            doc,
          ),
        );
        onPage();
        await tracker.loaded;
        if (tracker.resyncing()) {
          await refresh();
          maybePrompt();
        }
      });
      if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', onReady, { once: true });
      else onReady();
      return () => stops.forEach((stop) => stop());
    },
  };
}
