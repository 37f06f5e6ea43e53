// Attack: making the store text a review request to a phone of the attacker's choosing, about
// products of the attacker's choosing. A browser's `Order Completed` (public write key) may name any
// order id, phone and product names, and whoever reports an order id first owns its browser record.
// On a store with platform webhooks a review request goes only for an order the platform confirmed
// through a signed webhook, to the phone the platform gave, and its page lists only the platform's
// products. Against the real collector process.
import { afterAll, describe, expect, it } from 'vitest';
import { ATTACK_KEY, ATTACK_ORIGIN } from './collector-process.js';
import { DAY, NOW, PUBLIC_URL, addsToCart, campaignsSettings, orders, outboxMessages, runCampaigns, startCampaignsCollector, wooOrder, wooWebhook } from './campaigns-driver.js';
import { dropTestSchemas, testStores } from '../stores.js';

afterAll(dropTestSchemas);

const WOO_SECRET = 'woo-webhook-secret-requests';
const BUYER = '+989121234567';
const MALLORY = '+989125550000';
const off = { enabled: false, steps: [] };
const settings = campaignsSettings({
  frequencyCap: null,
  campaigns: { abandoned_cart: off, survey: off, cross_sell: off, review_request: { enabled: true } },
  stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR', platform: 'woocommerce', woocommerce: { webhookSecret: WOO_SECRET } } },
});

const mallory = { anonymousId: 'mallory', phone: MALLORY };
const hostile = [
  { product_id: 'p-mug', name: 'FREE MONEY at evil.example' },
  { product_id: 'p-evil', name: '<script>alert(1)</script> call +1 900 555 0000' },
];

const reviewRequests = async (c: Parameters<typeof outboxMessages>[0]) => (await outboxMessages(c)).filter((m) => m.campaign === 'review_request');

describe.each(testStores)('review requests on $name', (store) => {
  it("a browser's Order Completed with a phone and hostile product names never gets a review request on a store with webhooks", async () => {
    const c = await startCampaignsCollector(store, settings);
    try {
      await addsToCart(c, mallory);
      await orders(c, mallory, { order_id: '1001', products: hostile });
      for (const day of [8, 9]) await runCampaigns(c, NOW + day * DAY);
      expect(await reviewRequests(c)).toEqual([]);
    } finally {
      await c.stop();
    }
  });

  it("an order id a browser reported first: the platform's order goes to the platform's phone, and its page lists the platform's products only", async () => {
    const c = await startCampaignsCollector(store, settings);
    try {
      // Mallory claims order 1002 (and her own phone) before the buyer's thank-you page or the platform says anything.
      await addsToCart(c, mallory);
      await orders(c, mallory, { order_id: '1002', products: hostile });
      await wooWebhook(c, WOO_SECRET, wooOrder(1002, BUYER, [{ product_id: 93, name: 'Shirt', quantity: 1, price: 20 }]));
      await runCampaigns(c, NOW + 8 * DAY);

      const requests = await reviewRequests(c);
      expect(requests.map((m) => [m.phone, m.state])).toEqual([[BUYER, 'sent']]);
      const body = requests[0]!.body!;
      expect(body).not.toMatch(/FREE MONEY|evil\.example|alert/);
      const location = (await fetch(`${c.url}${/\/r\/\w+$/.exec(body)![0]}`, { redirect: 'manual' })).headers.get('location')!;
      const page = await fetch(new URL(location.slice(PUBLIC_URL.length), c.url));
      expect(page.status).toBe(200);
      expect([...(await page.text()).matchAll(/<legend>(.*?)<\/legend>/g)].map((m) => m[1])).toEqual(['Shirt']);
    } finally {
      await c.stop();
    }
  });
});
