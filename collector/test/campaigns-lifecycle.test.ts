// Lifecycle campaigns after the first order, driven by the moved clock: who gets what and when, and
// what stops them (replenishment, win-back, birthday, review request, bounce-back); on SQLite, and
// on PostgreSQL when HOMING_TEST_PG_URL is set.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nanoid } from 'nanoid';
import { admin, OTHER_KEY, send, startCollector, type TestCollectorApp } from './helpers.js';
import { defaultFeatures } from '../src/features.js';
import { linksFeature } from '../src/links/feature.js';
import { offersFeature } from '../src/offers/feature.js';
import { surveysFeature } from '../src/surveys/feature.js';
import { webhooksFeature } from '../src/webhooks/feature.js';
import { campaignsFeature } from '../src/campaigns/feature.js';
import { shopifyFacts } from '../src/webhooks/shopify.js';
import { reviewLink } from '../src/campaigns/lifecycle/review-link.js';
import { readFileSync } from 'node:fs';
import { dropTestSchemas, testStores } from './stores.js';
import { DAY, HOUR, MIN, PUBLIC_URL, T0, WRITE_KEY, iso, order, outbox, runAt, sentBodies, shopperAddsToCart, startCampaigns, testCampaigns } from './campaigns-helpers.js';
import type { CampaignName, CampaignsConfig } from '../src/campaigns/config.js';

afterAll(dropTestSchemas);

/** Only the named campaigns on (the recovery campaigns off, so each test sees its own messages). */
function only(names: CampaignName[], change: (c: CampaignsConfig) => void = () => {}): CampaignsConfig {
  return testCampaigns((c) => {
    for (const [name, campaign] of Object.entries(c.campaigns)) campaign.enabled = names.includes(name as CampaignName);
    change(c);
  });
}

const linkOf = (body: string) => `/r/${body.split('/r/')[1]}`;
const sent = async (t: TestCollectorApp, campaign: string) => (await outbox(t)).filter((m) => m.campaign === campaign && m.state === 'sent');

async function identify(t: TestCollectorApp, anonymousId: string, traits: Record<string, unknown>, at: number): Promise<Record<string, any>> {
  t.clock.now = new Date(at);
  const answer = await send(t.app, [{ type: 'identify', traits, messageId: nanoid(), anonymousId, timestamp: iso(at) }], { sentAt: iso(at) });
  return answer.body;
}

describe.each(testStores)('lifecycle campaigns on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  describe('replenishment', () => {
    it("reminds 3 days before the owner's reorder interval runs out, with a link that puts the product back in the cart", async () => {
      t = await startCampaigns(store, { config: only(['replenishment'], (c) => (c.campaigns.replenishment.intervals = { 'p-shirt': '30d' })) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0 + HOUR);
      expect((await runAt(t, T0 + 27 * DAY)).sent).toBe(0);
      expect(await runAt(t, T0 + 27 * DAY + HOUR + MIN)).toMatchObject({ sent: 1, scheduled: { 'replenishment:0': 1 } });
      const [body] = await sentBodies(t);
      // No catalogue name for the product (offer rules): the text goes without one.
      expect(body).toMatch(/^Sara, time to reorder\? It should be running low\. One tap: https:\/\/collect\.example\/r\/\w{8}$/);
      expect((await t.app.inject({ url: linkOf(body!) })).headers.location).toBe('https://shop.example/cart/4001:2');
      expect((await runAt(t, T0 + 40 * DAY)).sent).toBe(0);
      expect((await outbox(t)).map((m) => m.idempotency_key)).toEqual([`replenishment:0:${WRITE_KEY}:o-1:p-shirt`]);
    });

    it('names the product from the offer rules catalogue and matches a category interval', async () => {
      t = await startCampaigns(store, { config: only(['replenishment'], (c) => (c.campaigns.replenishment.intervals = { 'category:coffee': '20d' })) });
      const rule = { write_key: WRITE_KEY, currency: 'USD', offer: [{ product_id: 'p-beans', name: 'Coffee beans', price: 12, url: 'https://shop.example/products/beans' }] };
      expect((await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/beans', headers: admin, payload: rule })).statusCode).toBeLessThan(300);
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0, { products: [{ product_id: 'p-beans', name: '<script>', category: 'coffee', price: 12, quantity: 1 }] });
      expect((await runAt(t, T0 + 17 * DAY + MIN)).sent).toBe(1);
      const [body] = await sentBodies(t);
      expect(body).toMatch(/^Sara, time to reorder Coffee beans\? It should be running low\. One tap: https:\/\/collect\.example\/r\/\w{8}$/);
      expect((await t.app.inject({ url: linkOf(body!) })).headers.location).toBe('https://shop.example/products/beans');
    });

    it('stops when the product is reordered: before it was scheduled, and once it waits in the outbox', async () => {
      const quiet = only(['replenishment'], (c) => ((c.campaigns.replenishment.intervals = { 'p-shirt': '30d' }), (c.quietHours = { start: '00:00', end: '23:59' })));
      t = await startCampaigns(store, { config: quiet });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0);
      await order(t, 'a1', 'o-2', T0 + 20 * DAY); // reordered early: o-1's reminder never goes
      expect((await runAt(t, T0 + 28 * DAY)).scheduled).toEqual({});
      // o-2's reminder is due at day 47; quiet hours (all day) keep it waiting, then the shopper reorders.
      expect(await runAt(t, T0 + 47 * DAY + MIN)).toMatchObject({ scheduled: { 'replenishment:0': 1 }, deferred: 1 });
      await order(t, 'a1', 'o-3', T0 + 47 * DAY + 2 * MIN);
      expect(await runAt(t, T0 + 47 * DAY + 3 * MIN)).toMatchObject({ stopped: { reordered: 1 } });
      expect((await outbox(t)).map((m) => [m.subject_id, m.state, m.error])).toEqual([['o-2', 'cancelled', 'reordered']]);
    });

    it("learns the interval from the store's own reorder gaps once there are 5 of them", async () => {
      t = await startCampaigns(store, { config: only(['replenishment']) });
      const tea = (at: number, id: string) => order(t, 'a1', id, at, { products: [{ product_id: 'p-tea', price: 5, quantity: 1 }] });
      await shopperAddsToCart(t, { anonymousId: 'a1', at: T0 - 60 * DAY });
      for (const [i, day] of [-60, -50, -40, -30, -20].entries()) await tea(T0 + day * DAY, `t-${i}`);
      expect((await runAt(t, T0)).scheduled).toEqual({}); // 4 gaps: not enough to know
      await tea(T0 - 10 * DAY, 't-5'); // 5 gaps of 10 days: due 10 - 3 days after the last order
      expect(await runAt(t, T0 - 3 * DAY + MIN)).toMatchObject({ sent: 1, scheduled: { 'replenishment:0': 1 } });
      expect((await outbox(t)).map((m) => m.idempotency_key)).toEqual([`replenishment:0:${WRITE_KEY}:t-5:p-tea`]);
    });
  });

  describe('win-back', () => {
    it('texts a customer 90 days after their last order, then a stronger offer at 180 days', async () => {
      t = await startCampaigns(store, { config: only(['win_back']) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0);
      expect((await runAt(t, T0 + 89 * DAY)).sent).toBe(0);
      expect((await runAt(t, T0 + 90 * DAY + MIN)).sent).toBe(1);
      expect((await runAt(t, T0 + 179 * DAY)).sent).toBe(0);
      expect((await runAt(t, T0 + 180 * DAY + MIN)).sent).toBe(1);
      const bodies = await sentBodies(t);
      expect(bodies[0]).toMatch(/^Sara, we miss you at shop\.example! Come back with 10% off, code back10: https:\/\/collect\.example\/r\/\w{8}$/);
      expect(bodies[1]).toMatch(/^Sara, it has been a while\. 20% off your next order at shop\.example with back20: /);
      expect((await t.app.inject({ url: linkOf(bodies[1]!) })).headers.location).toBe('https://shop.example/cart?discount=back20');
    });

    it('any order stops it: a recent order means no message, an order after step 1 means no step 2', async () => {
      t = await startCampaigns(store, { config: only(['win_back']) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0);
      await order(t, 'a1', 'o-2', T0 + 60 * DAY);
      expect((await runAt(t, T0 + 91 * DAY)).sent).toBe(0); // last order 31 days ago
      expect((await runAt(t, T0 + 150 * DAY + MIN)).sent).toBe(1);
      expect((await outbox(t)).map((m) => m.subject_id)).toEqual(['o-2']);
      await order(t, 'a1', 'o-3', T0 + 160 * DAY);
      expect((await runAt(t, T0 + 241 * DAY)).sent).toBe(0);
      expect((await outbox(t)).map((m) => [m.step, m.state])).toEqual([[0, 'sent']]);
    });

    it('a scheduled message waiting for quiet hours to end is cancelled by an order (any device with the phone)', async () => {
      t = await startCampaigns(store, { config: only(['win_back'], (c) => (c.quietHours = { start: '00:00', end: '23:59' })) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0);
      expect(await runAt(t, T0 + 90 * DAY + MIN)).toMatchObject({ deferred: 1 });
      await identify(t, 'laptop', { phone: '+989121234567', phone_consent: true }, T0 + 90 * DAY + 2 * MIN);
      await order(t, 'laptop', 'o-2', T0 + 90 * DAY + 3 * MIN);
      expect(await runAt(t, T0 + 90 * DAY + 4 * MIN)).toMatchObject({ stopped: { ordered: 1 } });
    });
  });

  describe('birthday', () => {
    it("sends a gift code on the birthday in the store's time zone, once a year, across the year boundary", async () => {
      const config = only(['birthday'], (c) => ((c.stores[WRITE_KEY]!.timezone = 'Asia/Tehran'), (c.campaigns.birthday.steps[0]!.after = '1h')));
      t = await startCampaigns(store, { config });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      expect((await identify(t, 'a1', { birthday: '01-01' }, T0)).accepted).toBe(1);
      // 31 December 21:00 UTC is 1 January 00:30 in Tehran: the day has begun, its first hour not yet.
      expect((await runAt(t, Date.parse('2026-12-31T21:00:00Z'))).sent).toBe(0);
      // 21:31 UTC, still 31 December in UTC, is 01:01 on 1 January 2027 in Tehran.
      expect((await runAt(t, Date.parse('2026-12-31T21:31:00Z'))).sent).toBe(1);
      expect((await sentBodies(t))[0]).toMatch(/^Sara, happy birthday! A gift from shop\.example: 15% off with code bday15: https:\/\/collect\.example\/r\/\w{8}$/);
      expect((await runAt(t, Date.parse('2027-01-01T12:00:00Z'))).sent).toBe(0);
      expect((await runAt(t, Date.parse('2027-01-02T12:00:00Z'))).sent).toBe(0);
      expect((await runAt(t, Date.parse('2027-12-31T21:31:00Z'))).sent).toBe(1);
      expect((await outbox(t)).map((m) => m.idempotency_key)).toEqual([`birthday:0:${WRITE_KEY}:+989121234567:2027`, `birthday:0:${WRITE_KEY}:+989121234567:2028`]);
    });

    it('keeps only MM-DD or YYYY-MM-DD birthdays with a real date; the identify is stored all the same', async () => {
      t = await startCampaigns(store, { config: only(['birthday']) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      for (const [i, birthday] of ['1990/05/01', '13-01', '02-30', '2023-02-29', '05-01T00:00', 'x'.repeat(41)].entries()) {
        expect((await identify(t, 'a1', { birthday, first_name: `N${i}` }, T0 + i * MIN)).rejected ?? []).toEqual(i === 5 ? [expect.anything()] : []);
      }
      expect(await t.app.homing.db.query('SELECT * FROM campaigns_birthdays')).toEqual([]);
      await identify(t, 'a1', { birthday: '1990-11-25' }, T0 + HOUR);
      expect(await t.app.homing.db.query('SELECT month, day, year FROM campaigns_birthdays')).toEqual([{ month: 11, day: 25, year: 1990 }]);
      expect((await runAt(t, Date.parse('2026-11-25T10:01:00Z'))).sent).toBe(1);
    });
  });

  describe('review request', () => {
    it("never for an order only a browser reported: its phone, order id and product names are anyone's to write", async () => {
      t = await startCampaigns(store, { config: only(['review_request']) });
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-5', T0, { products: [{ product_id: 'p-shirt', name: 'Shirt' }] });
      expect((await runAt(t, T0 + 7 * DAY + MIN)).scheduled).toEqual({});
      expect(await outbox(t)).toEqual([]);
      // Even a link this collector signed for that order id opens nothing.
      const page = new URL(reviewLink(t.app.homing.ctx, WRITE_KEY, 'o-5'));
      expect((await t.app.inject({ url: page.pathname + page.search })).statusCode).toBe(403);
      // One scheduled for it before review requests needed the platform's word is cancelled, not sent.
      await t.app.homing.db.run(
        `INSERT INTO campaigns_outbox (idempotency_key, campaign, step, write_key, subject_id, subject_at, anonymous_id, phone, state, due_at, created_at)
         VALUES ($1, 'review_request', 0, $2, 'o-5', $3, 'a1', '+989121234567', 'pending', $4, $4)`,
        [`review_request:0:${WRITE_KEY}:o-5`, WRITE_KEY, iso(T0), iso(T0 + 7 * DAY)],
      );
      expect(await runAt(t, T0 + 7 * DAY + 2 * MIN)).toMatchObject({ sent: 0, cancelled: 1 });
      expect((await outbox(t)).map((m) => [m.state, m.error])).toEqual([['cancelled', 'no signed platform webhook confirmed the order']]);
    });

    it("the owner's Campaigns screen says why a store without platform webhooks gets none", async () => {
      const settings = {
        quietHours: null,
        campaigns: { review_request: { enabled: true } },
        stores: { [WRITE_KEY]: { url: 'https://shop.example' }, [OTHER_KEY]: { url: 'https://other.example', shopify: { webhookSecret: 'shpss-secret' } } },
      };
      t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(settings) } }, defaultFeatures);
      const screen = async (key: string) => (await t.app.inject({ url: `/app/campaigns?store=${key}&lang=en`, headers: { ...admin, accept: 'text/html' } })).body;
      const note = "Nothing will be sent: review requests need this store’s platform webhooks (a webhook secret under Stores).";
      expect(await screen(WRITE_KEY)).toContain(note);
      expect(await screen(OTHER_KEY)).not.toContain(note);
    });
  });

  describe('bounce-back', () => {
    it("a day after a customer's first order, an offer from the offer rules with a code valid N days; never after a later order", async () => {
      t = await startCampaigns(store, { config: only(['bounce_back'], (c) => (c.campaigns.bounce_back.codeValidDays = 5)) });
      const rule = { write_key: WRITE_KEY, currency: 'USD', when: { product_ids: ['p-shirt'] }, offer: [{ product_id: 'p-tie', name: 'Silk tie', price: 15, url: 'https://shop.example/products/silk-tie' }] };
      expect((await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/tie', headers: admin, payload: rule })).statusCode).toBeLessThan(300);
      await shopperAddsToCart(t, { anonymousId: 'a1' });
      await order(t, 'a1', 'o-1', T0);
      await order(t, 'a1', 'o-2', T0 + 2 * DAY);
      // Another customer whose first order came from another browser with the same phone.
      await shopperAddsToCart(t, { anonymousId: 'b1', phone: '+989125550000' });
      await order(t, 'b1', 'o-b1', T0 - 40 * DAY);
      await shopperAddsToCart(t, { anonymousId: 'b2', phone: '+989125550000' });
      await order(t, 'b2', 'o-b2', T0);
      expect((await runAt(t, T0 + DAY - MIN)).sent).toBe(0);
      expect((await runAt(t, T0 + DAY)).sent).toBe(1);
      const [body] = await sentBodies(t);
      expect(body).toMatch(/^Sara, thanks for your first order! Silk tie with 15% off, code next15, valid 5 days: https:\/\/collect\.example\/r\/\w{8}$/);
      expect((await t.app.inject({ url: linkOf(body!) })).headers.location).toBe('https://shop.example/discount/next15?redirect=%2Fproducts%2Fsilk-tie');
      expect((await runAt(t, T0 + 5 * DAY)).sent).toBe(0);
      expect((await outbox(t)).map((m) => m.subject_id)).toEqual(['o-1']);
    });
  });

  describe('VIP', () => {
    it('texts only the RFM segment (Champions), with an exclusive code, at most once per 30 days', async () => {
      t = await startCampaigns(store, { config: only(['vip']) });
      // Five customers: the more recent their last order, the more orders they have (A: 5 orders, the latest; E: 1, the oldest).
      for (const [i, who] of ['a', 'b', 'c', 'd', 'e'].entries()) {
        await shopperAddsToCart(t, { anonymousId: who, phone: `+98912555000${i}`, name: who.toUpperCase(), at: T0 - 60 * DAY });
        for (let n = 0; n < 5 - i; n++) await order(t, who, `${who}-${n}`, T0 - (10 * i + n + 1) * DAY);
      }
      expect(await runAt(t, T0)).toMatchObject({ sent: 1, scheduled: { 'vip:0': 1 } });
      const [message] = await sent(t, 'vip');
      expect(message).toMatchObject({ phone: '+989125550000', subject_id: 'p:+989125550000', detail: 'Champions' });
      expect(message!.body).toMatch(/^A, you are one of our best customers\. An exclusive 20% off at shop\.example, code vip20: https:\/\/collect\.example\/r\/\w{8}$/);
      expect((await runAt(t, T0 + 29 * DAY)).scheduled).toEqual({});
      expect((await runAt(t, T0 + 30 * DAY + MIN)).scheduled).toEqual({ 'vip:0': 1 });
      expect((await outbox(t)).map((m) => m.phone)).toEqual(['+989125550000', '+989125550000']);
    });

    it('another segment is named in the settings, and an unknown one is refused', async () => {
      t = await startCampaigns(store, { config: only(['vip'], (c) => (c.campaigns.vip.segment = 'Lost')) });
      for (const [i, who] of ['a', 'b', 'c', 'd', 'e'].entries()) {
        await shopperAddsToCart(t, { anonymousId: who, phone: `+98912555000${i}`, at: T0 - 60 * DAY });
        for (let n = 0; n < 5 - i; n++) await order(t, who, `${who}-${n}`, T0 - (10 * i + n + 1) * DAY);
      }
      await runAt(t, T0);
      expect((await outbox(t)).map((m) => m.phone)).toEqual(['+989125550004']);
      const { parseCampaigns } = await import('../src/campaigns/config.js');
      expect(() => parseCampaigns({ campaigns: { vip: { segment: 'Whales' } } }, 60)).toThrow(/vip\.segment must be one of the RFM segments \(Champions, Loyal/);
    });
  });

  it('each lifecycle campaign has its own rows in the report: sent, clicked, orders attributed, revenue', async () => {
    t = await startCampaigns(store, { config: only(['win_back', 'bounce_back'], (c) => (c.campaigns.win_back.steps[0]!.after = '10d')) });
    const rule = { write_key: WRITE_KEY, currency: 'USD', offer: [{ product_id: 'p-tie', name: 'Silk tie', price: 15, url: 'https://shop.example/products/silk-tie' }] };
    await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/tie', headers: admin, payload: rule });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await order(t, 'a1', 'o-1', T0);
    await runAt(t, T0 + DAY);
    await runAt(t, T0 + 10 * DAY);
    const bodies = await sentBodies(t);
    expect(bodies).toHaveLength(2);
    await t.app.inject({ url: linkOf(bodies[1]!) });
    await order(t, 'a1', 'o-2', T0 + 10 * DAY + HOUR, { value: 55 });
    const summary = (await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json();
    const row = (campaign: string) => summary.campaigns.steps.find((s: { campaign: string }) => s.campaign === campaign);
    expect(row('bounce_back')).toMatchObject({ step: 0, sent: 1, clicked: 0, recovered_orders: 0 });
    expect(row('win_back')).toMatchObject({ step: 0, sent: 1, clicked: 1, recovered_orders: 1, revenue: { USD: 55 } });
  });

  it('the lifecycle campaigns are off until turned on, and their settings are checked', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await identify(t, 'a1', { birthday: '11-24' }, T0);
    await order(t, 'a1', 'o-1', T0);
    await runAt(t, T0 + DAY + 12 * HOUR);
    expect((await outbox(t)).map((m) => m.campaign).filter((c) => !['abandoned_cart', 'survey', 'cross_sell'].includes(c))).toEqual([]);
    const { parseCampaigns } = await import('../src/campaigns/config.js');
    expect(() => parseCampaigns({ campaigns: { replenishment: { intervals: { 'p-1': 'monthly' } }, bounce_back: { codeValidDays: 0 } }, stores: { k: { timezone: 'Mars/Base' } } }, 60)).toThrow(
      /replenishment\.intervals\.p-1: "monthly" is not a duration.*bounce_back\.codeValidDays.*stores\.k\.timezone/,
    );
    expect(parseCampaigns({ campaigns: { win_back: { enabled: true } } }, 60).campaigns.win_back.steps.map((s) => s.after)).toEqual(['90d', '180d']);
  });
});

describe.each(testStores)('lifecycle campaigns with a WooCommerce store on $name', (store) => {
  let t: TestCollectorApp;
  let shop: Server | undefined;
  afterEach(async () => {
    await t?.app.close();
    await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(undefined)));
    shop = undefined;
  });

  const WOO_SECRET = 'woo-webhook-secret';
  const RESTORE_SECRET = 'restore-secret';

  async function startWoo(storeUrl: string, change: (c: CampaignsConfig) => void = () => {}): Promise<TestCollectorApp> {
    const config = only(['birthday', 'review_request'], (c) => {
      c.stores[WRITE_KEY] = { url: storeUrl, platform: 'woocommerce', country: 'IR', restoreSecret: RESTORE_SECRET, woocommerce: { webhookSecret: WOO_SECRET } };
      change(c);
    });
    const features = [linksFeature(), offersFeature(), surveysFeature(), webhooksFeature({ stores: config.stores }), campaignsFeature({ config })];
    const app = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0' } }, features);
    app.clock.now = new Date(T0);
    return app;
  }

  let delivery = 0;
  async function wooOrder(order: Record<string, unknown>, at: number): Promise<void> {
    t.clock.now = new Date(at);
    const body = JSON.stringify(order);
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/woocommerce/${WRITE_KEY}`,
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': createHmac('sha256', WOO_SECRET).update(body).digest('base64'), 'x-wc-webhook-delivery-id': `d${++delivery}` },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  }

  const wooOrderOf = (id: number, status: string, extra: Record<string, unknown> = {}) => ({
    id,
    status,
    currency: 'USD',
    total: '20.00',
    date_created_gmt: iso(T0).slice(0, 19),
    date_paid_gmt: iso(T0).slice(0, 19),
    billing: { first_name: 'Sara', phone: '+989121234567' },
    meta_data: [{ key: '_homing_sms_consent', value: 'yes' }, { key: '_homing_birthday', value: '12-02' }],
    line_items: [{ product_id: 93, name: 'Shirt', quantity: 1, price: 20 }],
    ...extra,
  });

  /** Review requests only, and no store to hand the answers to. */
  const reviewsOnly = (c: CampaignsConfig) => {
    c.campaigns.birthday.enabled = false;
    delete c.stores[WRITE_KEY]!.restoreSecret;
  };

  it('7 days after the order, a link to rate each product; the answer shows a next-order code and is kept', async () => {
    t = await startWoo('https://shop.example', reviewsOnly);
    await wooOrder(wooOrderOf(705, 'processing', { line_items: [{ product_id: 93, name: 'Shirt', quantity: 1, price: 20 }, { product_id: 94, name: 'Tie <b>', quantity: 1, price: 5 }] }), T0);
    expect((await runAt(t, T0 + 7 * DAY - MIN)).sent).toBe(0);
    expect((await runAt(t, T0 + 7 * DAY)).sent).toBe(1);
    const [message] = await sent(t, 'review_request');
    expect(message!.phone).toBe('+989121234567');
    const body = message!.body as string;
    expect(body).toMatch(/^Sara, how do you like what you got in order 705\? Rate each product and get a thank-you code: https:\/\/collect\.example\/r\/\w{8}$/);
    const page = (await t.app.inject({ url: linkOf(body) })).headers.location as string;
    expect(page).toMatch(new RegExp(`^${PUBLIC_URL}/review/705\\?k=${WRITE_KEY}&t=[\\w-]{22}&lang=en$`));
    const path = page.slice(PUBLIC_URL.length);
    const form = await t.app.inject({ url: path });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<legend>Shirt</legend>');
    expect(form.body).toContain('<legend>Tie &lt;b&gt;</legend>');
    expect((await t.app.inject({ url: path.replace(/&t=[\w-]+/, '&t=AAAAAAAAAAAAAAAAAAAAAA') })).statusCode).toBe(403);

    const nothing = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment_0=hi' });
    expect(nothing.statusCode).toBe(400);
    const answer = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'rating_0=5&comment_0=Lovely&rating_1=3' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('<strong data-code>thanks10</strong>');
    expect(await t.app.homing.db.query('SELECT product_id, rating, comment FROM campaigns_reviews ORDER BY product_id')).toEqual([
      { product_id: '93', rating: 5, comment: 'Lovely' },
      { product_id: '94', rating: 3, comment: null },
    ]);
  });

  it('counts from the fulfilment the platform reports, and never asks about a cancelled or refunded order', async () => {
    t = await startWoo('https://shop.example', (c) => {
      reviewsOnly(c);
      c.quietHours = { start: '00:00', end: '23:59' };
    });
    await wooOrder(wooOrderOf(1, 'processing'), T0);
    await wooOrder(wooOrderOf(2, 'processing'), T0);
    await wooOrder(wooOrderOf(2, 'cancelled'), T0 + MIN);
    await wooOrder(wooOrderOf(3, 'completed', { date_completed_gmt: iso(T0 + 3 * DAY).slice(0, 19) }), T0 + 3 * DAY);
    const noProductId = { date_paid_gmt: iso(T0 + HOUR).slice(0, 19), line_items: [{ name: 'a line without a product id', quantity: 1, price: 5 }] };
    await wooOrder(wooOrderOf(4, 'processing', noProductId), T0 + HOUR); // nothing to rate: not sent
    expect((await runAt(t, T0 + 7 * DAY + MIN)).scheduled).toEqual({ 'review_request:0': 1 });
    expect((await runAt(t, T0 + 7 * DAY + HOUR + MIN)).scheduled).toEqual({});
    expect((await runAt(t, T0 + 10 * DAY + MIN)).scheduled).toEqual({ 'review_request:0': 1 });
    expect((await outbox(t)).map((m) => [m.subject_id, m.state])).toEqual([['1', 'pending'], ['3', 'pending']]);
    await wooOrder(wooOrderOf(3, 'refunded'), T0 + 10 * DAY + MIN);
    expect((await runAt(t, T0 + 10 * DAY + 2 * MIN)).stopped).toEqual({ 'order cancelled': 1 });
  });

  it("takes the birthday from the checkout's order meta, and counts the review request from WooCommerce's completion", async () => {
    t = await startWoo('https://shop.example');
    await wooOrder(wooOrderOf(700, 'processing'), T0);
    await wooOrder(wooOrderOf(700, 'completed', { date_completed_gmt: iso(T0 + 2 * DAY).slice(0, 19) }), T0 + 2 * DAY);
    expect(await t.app.homing.db.query('SELECT month, day FROM campaigns_birthdays')).toEqual([{ month: 12, day: 2 }]);
    expect((await runAt(t, T0 + 7 * DAY + MIN)).scheduled).toEqual({}); // 7 days after completion, not after the order
    expect((await runAt(t, T0 + 9 * DAY + MIN)).scheduled).toEqual({ 'birthday:0': 1, 'review_request:0': 1 });
  });

  it('hands the answers to the store signed with the restore secret; a store that failed gets them with the next answer', async () => {
    const received: { payload: string; sig: string }[] = [];
    let answer = 503;
    shop = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/?homing_reviews=1') received.push(Object.fromEntries(new URLSearchParams(body)) as { payload: string; sig: string });
        response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => shop!.listen(0, '127.0.0.1', resolve));
    t = await startWoo(`http://127.0.0.1:${(shop.address() as AddressInfo).port}`, (c) => (c.campaigns.birthday.enabled = false));
    await wooOrder(wooOrderOf(701, 'processing'), T0);
    await wooOrder(wooOrderOf(702, 'processing', { line_items: [{ product_id: 94, name: 'Tie', quantity: 1, price: 5 }] }), T0);
    await runAt(t, T0 + 7 * DAY + MIN);
    const links = (await sentBodies(t)).map((body) => linkOf(body));
    const pages = (await Promise.all(links.map(async (link) => ((await t.app.inject({ url: link })).headers.location as string).slice(PUBLIC_URL.length)))).sort();
    expect(pages.map((p) => p.split('?')[0])).toEqual(['/review/701', '/review/702']);
    const rate = (path: string, rating: number) => t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `rating_0=${rating}&comment_0=ok` });

    expect((await rate(pages[0]!, 4)).statusCode).toBe(200); // the store is down: kept for later
    expect(received).toHaveLength(1);
    expect(await t.app.homing.db.query('SELECT order_id FROM campaigns_reviews WHERE sent_to_store_at IS NULL')).toEqual([{ order_id: '701' }]);
    answer = 200;
    expect((await rate(pages[1]!, 2)).statusCode).toBe(200);
    const claims = received.slice(1).map(({ payload, sig }) => {
      expect(sig).toBe(createHmac('sha256', RESTORE_SECRET).update(payload).digest('hex'));
      return JSON.parse(Buffer.from(payload, 'base64url').toString());
    });
    expect(claims.map((c) => [c.o, c.r])).toEqual([['701', [['93', 4, 'ok']]], ['702', [['94', 2, 'ok']]]]);
    expect(await t.app.homing.db.query('SELECT order_id FROM campaigns_reviews WHERE sent_to_store_at IS NULL')).toEqual([]);
  });
});

describe("a platform's fulfilment, which review requests count from", () => {
  it('Shopify: orders/fulfilled (or a fulfilled order) gives the latest fulfilment time; an unfulfilled order none', () => {
    const order = JSON.parse(readFileSync(new URL('./fixtures/shopify-orders-create.json', import.meta.url), 'utf8'));
    const ctx = { writeKey: 'wk', secret: 's', store: {}, deliveryId: 'd', now: new Date(T0) };
    const fulfilled = shopifyFacts('orders/fulfilled', { ...order, fulfillment_status: 'fulfilled', fulfillments: [{ created_at: '2026-11-25T09:00:00-05:00' }, { created_at: '2026-11-24T09:00:00-05:00' }] }, ctx);
    expect(typeof fulfilled !== 'string' && fulfilled.order?.fulfilledAt).toBe('2026-11-25T14:00:00.000Z');
    const open = shopifyFacts('orders/paid', { ...order, fulfillment_status: null }, ctx);
    expect(typeof open !== 'string' && open.order?.fulfilledAt).toBeUndefined();
  });
});
