// The collector's offer endpoints (src/collector/offers/routes.ts). Requests are CORS-simple
// (GET, POST text/plain): no preflight. The browser sends the signed token, never a price.
import type { InlineOffer, ThankYouOrder } from '../../thank-you/order.js';

const base = (collector: string) => collector.replace(/\/+$/, '');

/**
 * The order's event usually reaches the collector a moment after this page asks: the collector
 * holds the request until the order is recorded (`wait`, seconds). A 404 after that is asked again
 * twice, later (a slow network, or an order still queued in this browser). The order key proves
 * this is the buyer's page: the collector shows an order's offers to nobody else.
 */
export async function fetchOffers(collector: string, writeKey: string, order: ThankYouOrder, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<InlineOffer[]> {
  const url = `${base(collector)}/v1/offers?order_id=${encodeURIComponent(order.order_id)}&order_key=${encodeURIComponent(order.order_key ?? '')}&write_key=${encodeURIComponent(writeKey)}&wait=5`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt) await wait(2000 * attempt);
    const response = await fetch(url, { credentials: 'omit' });
    if (response.ok) return ((await response.json()) as { offers?: InlineOffer[] }).offers ?? [];
    if (response.status != 404) throw new Error(`GET /v1/offers answered ${response.status}`);
  }
  return [];
}

export interface AcceptAnswer {
  status: number;
  body: { error?: string; message?: string; upsell?: { value: number; unit_price: number; quantity: number }; action?: { type: string; url?: string } };
}

export async function acceptOffer(collector: string, writeKey: string, order: ThankYouOrder, offerId: string, token: string, quantity: number): Promise<AcceptAnswer> {
  const response = await fetch(`${base(collector)}/v1/offers/${encodeURIComponent(offerId)}/accept`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ write_key: writeKey, order_key: order.order_key, token, quantity }),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}
