// The platforms' webhooks, as the demo backends send them: Shopify's (X-Shopify-Hmac-Sha256) and
// WooCommerce's (X-WC-Webhook-Signature), base64 HMAC-SHA256 of the raw body with the store's webhook
// secret (demo-stores.mjs), posted to the collector after the shopper has their answer, and retried
// a few times when a delivery fails, as the platforms do. Nothing is sent until start.mjs names the
// collector (it does so only when it built the stores' configuration, and with it their secrets).
import { createHmac, randomUUID } from 'node:crypto';
import { demoStores } from './demo-stores.mjs';

const signBody = (secret, body) => createHmac('sha256', secret).update(body).digest('base64');

let collector;
let origin;
/** Where the collector listens, and the demo's origin as shoppers see it (the URLs a webhook carries). */
export function sendWebhooksTo(where) {
  ({ collector, origin } = where);
}
/** The demo's origin, for the URLs a webhook carries (Shopify's abandoned_checkout_url). */
export const demoOrigin = () => origin;

const retryDelays = [1000, 3000, 10000, 30000];

function headersFor(platform, writeKey, topic, signature) {
  if (platform === 'shopify') {
    return { 'x-shopify-hmac-sha256': signature, 'x-shopify-topic': topic, 'x-shopify-webhook-id': randomUUID(), 'x-shopify-shop-domain': demoStores[writeKey].shopify.shopDomain, 'x-shopify-api-version': '2025-01' };
  }
  return { 'x-wc-webhook-signature': signature, 'x-wc-webhook-topic': topic, 'x-wc-webhook-delivery-id': randomUUID(), 'x-wc-webhook-source': `${origin}${demoStores[writeKey].base}/`, 'x-wc-webhook-resource': 'order', 'x-wc-webhook-event': topic.split('.')[1] };
}

const wait = (ms) => new Promise((done) => setTimeout(done, ms).unref());
// Deliveries leave one at a time, in the order the store made them (a checkout's create before its
// update), as a platform's queue mostly does.
let queue = Promise.resolve();

/** Sends one webhook in the background: never throws, never delays the caller. */
export function sendWebhook(platform, writeKey, topic, payload) {
  const secret = demoStores[writeKey]?.[platform]?.webhookSecret;
  if (!collector || !secret) return;
  const body = JSON.stringify(payload);
  // One delivery id for every attempt: the collector applies a redelivered webhook once.
  const headers = { 'content-type': 'application/json', 'user-agent': `Homing demo (${platform})`, ...headersFor(platform, writeKey, topic, signBody(secret, body)) };
  const url = `${collector}/v1/webhooks/${platform}/${writeKey}`;
  const deliver = async () => {
    for (let n = 0; ; n++) {
      try {
        const response = await fetch(url, { method: 'POST', headers, body });
        if (response.ok) return;
        // A 4xx other than a rate limit will not get better by retrying.
        if (response.status < 500 && response.status !== 429) return console.warn(`${platform} webhook ${topic}: ${response.status} ${await response.text()}`);
      } catch {
        /* the collector is not reachable (yet): retried below */
      }
      if (n >= retryDelays.length) return console.warn(`${platform} webhook ${topic} to ${url}: gave up after ${n + 1} attempts`);
      await wait(retryDelays[n]);
    }
  };
  queue = queue.then(deliver, deliver);
}
