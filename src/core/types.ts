// The client's public surface and the seam between the core and its features (capture,
// widgets, order detection). Features are plugins: they get a `PluginHost`, never the internals.
import type { IdentifyTraits } from '../protocol/types.js';

export type ConsentState = 'granted' | 'pending' | 'denied';
export type Platform = 'shopify' | 'woocommerce' | 'generic';
export type Properties = Record<string, unknown>;

/** Options for `createHoming()`; the script tag builds them from its `data-*` attributes. */
export interface HomingOptions {
  writeKey: string;
  /** Collector origin (or base URL), e.g. https://collect.example.com */
  collector: string;
  /** Auto-detected when absent. */
  platform?: Platform;
  /** ISO 3166 alpha-2 default region for phone numbers, e.g. 'IR'. */
  country?: string;
  /** BCP 47 locale for widgets and context.locale; defaults to the page's. */
  locale?: string;
  phonePrompt?: 'off' | 'after-add';
  /** 'pending' keeps events stored and unsent until consent('granted'). Default 'granted'. */
  consent?: 'granted' | 'pending';
  debug?: boolean;
  /** Share of page loads that report Core Web Vitals, 0..1 (default 1). */
  vitalsSampleRate?: number;
  /** Features to start with the client (capture, thank-you page...). */
  plugins?: HomingPlugin[];
}

export interface TrackOptions {
  /** A deterministic id (e.g. one per order) so a repeat is deduped by the collector. */
  messageId?: string;
  /** Send within 100 ms (cart, identify and order events are urgent by default). */
  urgent?: boolean;
}

export interface QueueStats {
  /** Events stored and not yet confirmed by the collector. */
  queued: number;
  /** Events dropped because the queue was full or too old, by reason. */
  dropped: { full: number; expired: number; rejected: number };
  /** Where events are kept: 'indexeddb' | 'localstorage' | 'memory'. */
  storage: string;
  /** Events the collector confirmed in this page's life. */
  delivered: number;
}

export interface Homing {
  track(event: string, properties?: Properties, options?: TrackOptions): Promise<void>;
  identify(traits: IdentifyTraits & Properties, options?: TrackOptions): Promise<void>;
  page(properties?: Properties): Promise<void>;
  /** Records `Order Completed` once per `order_id` however often it is called. */
  orderCompleted(
    order: Properties & {
      order_id: string;
      /** The key the platform shows only the buyer (WooCommerce `wc_order_...`, Shopify checkout token): the collector shows the order's offers only to whoever has it. */
      order_key?: string;
    },
  ): Promise<void>;
  /** Sends everything stored now; resolves when the collector has confirmed it (or it failed). */
  flush(): Promise<void>;
  ready(callback: (homing: Homing) => void): void;
  consent(state: ConsentState): void;
  /** Forgets the shopper: new anonymousId, no traits. Stored events stay queued. */
  reset(): void;
  stats(): Promise<QueueStats>;
}

/** What a feature (capture, widgets...) may use. Every call is safe: it never throws into the page. */
export interface PluginHost {
  readonly options: Readonly<HomingOptions> & { platform: Platform };
  /** Resolves once the event is durably stored (use before a full-page navigation). */
  track(event: string, properties?: Properties, options?: TrackOptions): Promise<void>;
  identify(traits: IdentifyTraits & Properties, options?: TrackOptions): Promise<void>;
  page(properties?: Properties): Promise<void>;
  /** Small persisted key/value state for features (cart id, last identified phone...). */
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Loads a lazily built chunk (`src/**\/<name>.lazy.ts` → `dist/lazy/<name>.mjs`). */
  load<T = unknown>(name: string): Promise<T>;
  /** One console warning, prefixed with "homing:". */
  warn(message: string): void;
}

export interface HomingPlugin {
  name: string;
  /** Called once after the client is ready. A feature lives as long as the page. */
  setup(host: PluginHost): void;
}
