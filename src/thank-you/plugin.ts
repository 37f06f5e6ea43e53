// Thank-you page feature. Every store page pays for this file, so it only recognises a
// thank-you page (WooCommerce's order-received page, a `#homing-order` JSON block, or an order
// given here) and loads the `thank-you` chunk (./thank-you.lazy.ts), which records the order once
// and shows the offers and the survey. `homing.orderCompleted()` records orders through the core
// with the same messageId, so the collector keeps one.
import type { HomingPlugin, PluginHost } from '../core/types.js';
import type { InlineOffer, ThankYouOrder } from './order.js';
import { whenParsed } from '../core/dom.js';
import { isOrderReceivedPage } from './woocommerce.js';

export interface ThankYouOptions {
  /** The order this page confirms (npm users on their own thank-you page). */
  order?: ThankYouOrder;
  /** Offers to show without a collector; default: a `#homing-offers` JSON block, else the collector's. */
  offers?: InlineOffer[];
  /** Show post-purchase offers (default true) and the survey (default true). */
  upsell?: boolean;
  survey?: boolean;
  /** Where widgets render: an element or selector whose space the page reserves; default `[data-homing-thank-you]`, else a fixed card. */
  container?: Element | string;
  /** CSP nonce for the <style> fallback where constructable stylesheets are missing; default the script tag's. */
  nonce?: string;
}

/** What src/widgets/upsell/upsell.lazy.ts and survey.lazy.ts export. */
export interface WidgetOptions {
  order: ThankYouOrder;
  offers?: InlineOffer[];
  container: Element | null;
  nonce?: string;
  survey: boolean;
}
export interface UpsellModule {
  showUpsell(host: PluginHost, options: WidgetOptions): Promise<void>;
}
export interface SurveyModule {
  showSurvey(host: PluginHost, options: WidgetOptions): Promise<void>;
}

export interface ThankYouModule {
  startThankYou(host: PluginHost, options: ThankYouOptions): Promise<void>;
}

export function thankYouPlugin(options: ThankYouOptions = {}): HomingPlugin {
  return {
    name: 'thank-you',
    setup(host) {
      whenParsed(() => {
        if (options.order || document.getElementById('homing-order') || isOrderReceivedPage()) {
          host.load<ThankYouModule>('thank-you').then(
            (chunk) => chunk.startThankYou(host, options),
            (error) => host.warn(`thank-you chunk: ${error}`),
          );
        }
      });
    },
  };
}
