// Drives campaigns in a real collector process over HTTP, as a stranger and as the operator would:
// events sent with the public write key (from any script, with any Origin it likes), the scheduler
// run through `POST /v1/campaigns/run?asOf=` with the admin token, the texts read back from
// `GET /v1/campaigns/outbox` and the report from `GET /v1/campaigns/report` and the app's overview.
import { createHmac } from 'node:crypto';
import { nanoid } from 'nanoid';
import { expect } from 'vitest';
import type { TestStore } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess, type StartOptions } from './collector-process.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Events are stamped with the real time (the collector corrects device clocks against its own); runs move forward from it. */
export const NOW = Date.now();
export const PUBLIC_URL = 'https://collect.example';
const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };

/** Campaigns settings with no quiet hours (runs happen at any hour of the real day) and only what a test names. */
export function campaignsSettings(settings: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    quietHours: null,
    campaigns: {
      abandoned_cart: { enabled: true, steps: [{ after: '1d', template: { en: '{name}, you left something in your cart: {link}', fa: '{name} عزیز، سبد خریدتان منتظر شماست: {link}' } }] },
      survey: { enabled: false, steps: [] },
      cross_sell: { enabled: false, steps: [] },
    },
    ...settings,
  };
}

export async function startCampaignsCollector(store: TestStore, campaigns: Record<string, unknown>, options: StartOptions = {}): Promise<CollectorProcess> {
  return startCollectorProcess(store, {
    ...options,
    args: ['--public-url', PUBLIC_URL, '--rate-limit', '0', ...(options.args ?? [])],
    env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(campaigns), ...options.env },
  });
}

export async function sendEvents(c: CollectorProcess, events: Record<string, unknown>[], writeKey = ATTACK_KEY): Promise<void> {
  const sentAt = new Date(NOW).toISOString();
  const response = await fetch(`${c.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ATTACK_ORIGIN },
    body: JSON.stringify({ writeKey, sentAt, batch: events.map((e) => ({ messageId: nanoid(), timestamp: sentAt, ...e })) }),
  });
  const answer = await response.json();
  expect(answer.accepted, JSON.stringify(answer)).toBe(events.length);
}

export interface Visitor {
  anonymousId: string;
  phone: string;
  name?: unknown;
  /** Where the name claims to come from: the SDK's phone prompt unless a test says otherwise. */
  nameSource?: string;
  locale?: string;
  /** The page the events claim to come from (a stranger picks any). */
  pageUrl?: string;
  /** The store the events are sent to: ATTACK_KEY unless a test names another. */
  writeKey?: string;
}

const contextOf = (v: Visitor) => ({ timezone: 'UTC', locale: v.locale ?? 'en-US', platform: 'shopify', page: { url: v.pageUrl ?? `${ATTACK_ORIGIN}/products/mug` } });

/** A visitor who gives a consenting phone (and maybe a name) and adds a mug to a cart. */
export async function addsToCart(c: CollectorProcess, v: Visitor, cartId = `cart-${v.anonymousId}`): Promise<void> {
  const base = { anonymousId: v.anonymousId, context: contextOf(v) };
  await sendEvents(c, [
    { type: 'identify', traits: { phone: v.phone, phone_consent: true, ...(v.name === undefined ? {} : { first_name: v.name, name_source: v.nameSource ?? 'prompt' }) }, ...base },
    { type: 'track', event: 'Product Added', properties: { cart_id: cartId, product_id: 'p-mug', variant: '501', name: 'Mug', price: 10, quantity: 1, currency: 'USD' }, ...base },
  ], v.writeKey);
}

/** The same visitor orders (from the browser: every field theirs to choose). */
export async function orders(c: CollectorProcess, v: Visitor, properties: Record<string, unknown>): Promise<void> {
  const base = { anonymousId: v.anonymousId, context: contextOf(v) };
  await sendEvents(c, [
    { type: 'identify', traits: { phone: v.phone, phone_consent: true, ...(v.name === undefined ? {} : { first_name: v.name, name_source: v.nameSource ?? 'prompt' }) }, ...base },
    { type: 'track', event: 'Order Completed', properties: { value: 40, currency: 'USD', ...properties }, ...base },
  ]);
}

/** A WooCommerce order as the store's platform would send it (REST API v3): placed at NOW, paid, with a consenting billing phone. */
export function wooOrder(id: number, phone: string, lineItems: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const at = new Date(NOW).toISOString().slice(0, 19);
  return {
    id,
    status: 'processing',
    currency: 'USD',
    total: '20.00',
    date_created_gmt: at,
    date_paid_gmt: at,
    billing: { first_name: 'Sara', phone },
    meta_data: [{ key: '_homing_sms_consent', value: 'yes' }],
    line_items: lineItems,
    ...extra,
  };
}

/** The store's WooCommerce posts an order webhook signed with the store's webhook secret (server to server). */
export async function wooWebhook(c: CollectorProcess, secret: string, order: Record<string, unknown>, writeKey = ATTACK_KEY): Promise<void> {
  const body = JSON.stringify(order);
  const response = await fetch(`${c.url}/v1/webhooks/woocommerce/${writeKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': createHmac('sha256', secret).update(body).digest('base64'), 'x-wc-webhook-delivery-id': nanoid() },
    body,
  });
  expect(response.status, await response.text()).toBe(200);
}

export async function runCampaigns(c: CollectorProcess, at: number): Promise<Record<string, any>> {
  const response = await fetch(`${c.url}/v1/campaigns/run?asOf=${encodeURIComponent(new Date(at).toISOString())}`, { method: 'POST', headers: admin });
  expect(response.status).toBe(200);
  return response.json();
}

export interface OutboxMessage {
  id: number;
  phone: string;
  state: string;
  body: string | null;
  error: string | null;
  write_key: string;
  campaign: string;
}

/** Every message of the outbox, oldest first. */
export async function outboxMessages(c: CollectorProcess): Promise<OutboxMessage[]> {
  const response = await fetch(`${c.url}/v1/campaigns/outbox?limit=500`, { headers: admin });
  expect(response.status).toBe(200);
  return ((await response.json()).messages as OutboxMessage[]).map((m) => ({ ...m, id: Number(m.id) })).sort((a, b) => a.id - b.id);
}

export const sentTexts = async (c: CollectorProcess) => (await outboxMessages(c)).filter((m) => m.state === 'sent');

export async function campaignsReport(c: CollectorProcess): Promise<Record<string, any>> {
  const response = await fetch(`${c.url}/v1/campaigns/report`, { headers: admin });
  expect(response.status).toBe(200);
  return response.json();
}

/** The owner's overview of every store, over days around the runs' dates. */
export async function dashboard(c: CollectorProcess): Promise<string> {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const response = await fetch(`${c.url}/app?store=all&from=${day(NOW - 2 * DAY)}&to=${day(NOW + 60 * DAY)}`, { headers: admin });
  expect(response.status).toBe(200);
  return response.text();
}

/** Follows a short link without following the redirect: the status and where it leads. */
export async function follow(c: CollectorProcess, shortLink: string): Promise<{ status: number; location: string | null }> {
  const path = new URL(shortLink).pathname; // the texts carry the public URL; the process listens elsewhere
  const response = await fetch(`${c.url}${path}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' } });
  return { status: response.status, location: response.headers.get('location') };
}

export const linkIn = (text: string) => /https:\/\/collect\.example\/r\/[A-Za-z0-9]+/.exec(text)?.[0];
