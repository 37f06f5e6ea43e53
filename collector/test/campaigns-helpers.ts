// Shared setup for the campaigns tests: a collector with links, offers, surveys and campaigns, a
// shopper who added a product and gave a consenting phone, and helpers to run the scheduler.
import { nanoid } from 'nanoid';
import { linksFeature } from '../src/links/feature.js';
import { offersFeature } from '../src/offers/feature.js';
import { surveysFeature } from '../src/surveys/feature.js';
import { campaignsFeature, type CampaignsOptions } from '../src/campaigns/feature.js';
import { defaultCampaigns, type CampaignsConfig } from '../src/campaigns/config.js';
import type { CollectorConfig } from '../src/feature.js';
import { admin, send, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import type { TestStore } from './stores.js';

export const T0 = Date.parse('2026-11-23T10:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const iso = (t: number) => new Date(t).toISOString();
export const PUBLIC_URL = 'https://collect.example';

export function testCampaigns(change: (c: CampaignsConfig) => void = () => {}): CampaignsConfig {
  const config = defaultCampaigns(60);
  config.quietHours = null;
  config.frequencyCap = null;
  config.stores = { [WRITE_KEY]: { url: 'https://shop.example', country: 'IR' } };
  change(config);
  return config;
}

export async function startCampaigns(store: TestStore, options: CampaignsOptions = {}, config: Partial<CollectorConfig> = {}): Promise<TestCollectorApp> {
  const features = [linksFeature(), offersFeature(), surveysFeature(), campaignsFeature({ config: testCampaigns(), ...options })];
  const t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0' }, ...config }, features);
  t.clock.now = new Date(T0);
  return t;
}

export interface Shopper {
  anonymousId: string;
  phone?: string;
  consent?: boolean;
  name?: string;
  timezone?: string;
  locale?: string;
  cartId?: string;
  at?: number;
  /** The store (write key) the shopper is on; WRITE_KEY unless said. */
  writeKey?: string;
}

export const shirt = { product_id: 'p-shirt', variant: '4001', name: 'Shirt', price: 20, quantity: 2 };

/** A shopper lands, leaves a consenting phone and adds a shirt to a cart (all at `at`). */
export async function shopperAddsToCart(t: TestCollectorApp, s: Shopper): Promise<void> {
  const at = iso(s.at ?? T0);
  t.clock.now = new Date(at); // the collector corrects device clocks against its own: keep them equal
  const context = { timezone: s.timezone ?? 'Europe/London', locale: s.locale ?? 'en-GB', platform: 'shopify', page: { url: 'https://shop.example/products/shirt' } };
  const base = { anonymousId: s.anonymousId, timestamp: at, context };
  const batch = [
    { type: 'page', properties: { path: '/products/shirt' }, messageId: nanoid(), ...base },
    { type: 'identify', traits: { phone: s.phone ?? '+989121234567', phone_consent: s.consent ?? true, first_name: s.name ?? 'Sara', name_source: 'prompt' }, messageId: nanoid(), ...base },
    { type: 'track', event: 'Product Added', properties: { ...shirt, cart_id: s.cartId ?? `cart-${s.anonymousId}`, currency: 'USD' }, messageId: nanoid(), ...base },
  ];
  const answer = await send(t.app, batch, { sentAt: at, writeKey: s.writeKey });
  if (answer.body.accepted !== 3) throw new Error(`events not accepted: ${JSON.stringify(answer.body)}`);
}

export async function order(t: TestCollectorApp, anonymousId: string, orderId: string, at: number, extra: Record<string, unknown> = {}): Promise<void> {
  t.clock.now = new Date(at);
  const event = {
    type: 'track',
    event: 'Order Completed',
    properties: { order_id: orderId, value: 40, currency: 'USD', products: [shirt], ...extra },
    messageId: nanoid(),
    anonymousId,
    timestamp: iso(at),
  };
  const answer = await send(t.app, [event], { sentAt: iso(at) });
  if (answer.body.accepted !== 1) throw new Error(`order not accepted: ${JSON.stringify(answer.body)}`);
}

/** POST /v1/campaigns/run?asOf= at `at` (the collector's clock moves there too). */
export async function runAt(t: TestCollectorApp, at: number): Promise<Record<string, any>> {
  t.clock.now = new Date(at);
  const response = await t.app.inject({ method: 'POST', url: `/v1/campaigns/run?asOf=${encodeURIComponent(iso(at))}`, headers: admin });
  if (response.statusCode !== 200) throw new Error(`run failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function outbox(t: TestCollectorApp): Promise<Record<string, any>[]> {
  return t.app.homing.db.query('SELECT * FROM campaigns_outbox ORDER BY id');
}

export const sentBodies = async (t: TestCollectorApp) => (await outbox(t)).filter((m) => m.state === 'sent').map((m) => m.body as string);

export { WRITE_KEY };
