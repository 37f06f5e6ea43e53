// Attack: rating products of another shopper's order, or making the lifecycle texts carry a
// stranger's words. The review page opens only through the link a review-request SMS carried
// (signed for that order); a token of another order, or none, is refused and nothing is kept. A
// birthday or product name sent with the public write key never reaches a text: the name must look
// like a person's, the product's comes from the store's offer rules. Against the real collector process.
import { afterAll, describe, expect, it } from 'vitest';
import { ATTACK_ADMIN, ATTACK_ORIGIN, ATTACK_KEY } from './collector-process.js';
import { DAY, NOW, PUBLIC_URL, addsToCart, campaignsSettings, orders, outboxMessages, runCampaigns, sendEvents, startCampaignsCollector, wooOrder, wooWebhook } from './campaigns-driver.js';
import { dropTestSchemas, testStores } from '../stores.js';

afterAll(dropTestSchemas);

const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };
const WOO_SECRET = 'woo-webhook-secret-review';
const off = { enabled: false, steps: [] };
const lifecycle = (campaigns: Record<string, unknown>) =>
  campaignsSettings({ frequencyCap: null, campaigns: { abandoned_cart: off, survey: off, cross_sell: off, ...campaigns }, stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR', woocommerce: { webhookSecret: WOO_SECRET } } } });

const form = (link: string, body: string) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

describe.each(testStores)('review answers and lifecycle texts on $name', (store) => {
  it("a review page opens only with the link signed for that order: another order's token, a forged one or none is refused", async () => {
    const c = await startCampaignsCollector(store, lifecycle({ review_request: { enabled: true } }));
    try {
      // Two orders the store's platform confirmed: Sara's, and one of Mallory's (a customer too).
      await wooWebhook(c, WOO_SECRET, wooOrder(101, '+989121234567', [{ product_id: 7, name: 'Mug', quantity: 1, price: 10 }]));
      await wooWebhook(c, WOO_SECRET, wooOrder(102, '+989125550000', [{ product_id: 7, name: 'Mug', quantity: 1, price: 10 }]));
      await runCampaigns(c, NOW + 8 * DAY);
      const [mine] = (await outboxMessages(c)).filter((m) => m.phone === '+989125550000');
      const target = (await fetch(`${c.url}${/\/r\/\w+$/.exec(mine!.body!)![0]}`, { redirect: 'manual' })).headers.get('location')!;
      const own = new URL(target.slice(PUBLIC_URL.length), c.url);
      expect(own.pathname).toBe('/review/102');

      // Mallory's own token, on Sara's order; a made-up token; no token.
      for (const token of [own.searchParams.get('t')!, 'A'.repeat(22), '']) {
        const other = new URL(own);
        other.pathname = '/review/101';
        other.searchParams.set('t', token);
        expect((await fetch(other)).status).toBe(403);
        expect((await form(other.toString(), 'rating_0=1&comment_0=awful')).status).toBe(403);
      }
      // A key of no store, with a token of this one.
      const wrongKey = new URL(own);
      wrongKey.searchParams.set('k', 'constructor');
      expect((await form(wrongKey.toString(), 'rating_0=1')).status).toBe(403);
      // Fields for products the order does not have, and object-prototype names, are ignored.
      expect((await form(own.toString(), 'rating_7=1&__proto__=1&constructor=1')).status).toBe(400);
      expect((await form(own.toString(), 'rating_0=4&comment_0=fine')).status).toBe(200);
      const summary = await (await fetch(`${c.url}/v1/campaigns/report`, { headers: admin })).json();
      expect(summary.steps.find((s: { campaign: string }) => s.campaign === 'review_request')).toMatchObject({ sent: 2 });
    } finally {
      await c.stop();
    }
  });

  it('a birthday and names sent with the public write key never put a stranger\'s words in a text', async () => {
    const c = await startCampaignsCollector(store, lifecycle({ birthday: { enabled: true, steps: [{ after: '0m', discountCode: 'bday15', template: { en: '{name}, happy birthday from {store}! Code {code}: {link}' } }] }, replenishment: { enabled: true, intervals: { 'p-mug': '10d' } } }));
    try {
      const visitor = { anonymousId: 'v1', phone: '+989121234567', name: 'Visit evil.example now' };
      await addsToCart(c, visitor);
      await orders(c, visitor, { order_id: 'B-1', products: [{ product_id: 'p-mug', name: 'FREE MONEY at evil.example', url: 'https://evil.example/' }] });
      const today = new Date(NOW + 8 * DAY).toISOString().slice(5, 10);
      await sendEvents(c, [{ type: 'identify', anonymousId: 'v1', traits: { birthday: today } }]);
      await runCampaigns(c, NOW + 8 * DAY);
      const bodies = (await outboxMessages(c)).map((m) => m.body ?? '');
      expect(bodies).toHaveLength(2);
      for (const body of bodies) {
        expect(body).not.toMatch(/evil|FREE MONEY|Visit/);
        expect(body).toMatch(/https:\/\/collect\.example\/r\/\w{8}$/);
      }
      for (const body of bodies) {
        const location = (await fetch(`${c.url}${/\/r\/\w+$/.exec(body)![0]}`, { redirect: 'manual' })).headers.get('location')!;
        expect(location.startsWith(`${ATTACK_ORIGIN}/`)).toBe(true);
      }
    } finally {
      await c.stop();
    }
  });
});
