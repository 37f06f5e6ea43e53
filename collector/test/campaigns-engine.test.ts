// The campaign engine, driven by a moved clock: abandoned-cart steps, every stop rule, quiet hours,
// the frequency cap, the survey and cross-sell campaigns; on SQLite, and on PostgreSQL when
// HOMING_TEST_PG_URL is set.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { admin, OTHER_KEY, send, type TestCollectorApp } from './helpers.js';
import { dropTestSchemas, testStores } from './stores.js';
import { DAY, HOUR, MIN, PUBLIC_URL, T0, WRITE_KEY, order, outbox, runAt, sentBodies, shopperAddsToCart, startCampaigns, testCampaigns } from './campaigns-helpers.js';

afterAll(dropTestSchemas);

describe.each(testStores)('campaign engine on $name', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => {
    await t?.app.close();
  });

  it('sends day 1 and day 10 abandoned-cart messages with a link that restores the cart and applies the code, then stops after the last step', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });

    expect((await runAt(t, T0 + 23 * HOUR)).sent).toBe(0);
    const day1 = await runAt(t, T0 + DAY + MIN);
    expect(day1).toMatchObject({ sent: 1, scheduled: { 'abandoned_cart:0': 1 } });
    const [first] = await sentBodies(t);
    expect(first).toMatch(/^Sara, you left something in your cart\. Finish your order with code off5: https:\/\/collect\.example\/r\/[A-Za-z0-9]{8}$/);

    const code = first!.split('/r/')[1]!;
    const click = await t.app.inject({ url: `/r/${code}`, headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' } });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://shop.example/cart/4001:2?discount=off5');

    // Step 2 is due 9 days after step 1 was sent.
    expect((await runAt(t, T0 + 10 * DAY)).sent).toBe(0);
    expect((await runAt(t, T0 + 10 * DAY + 2 * MIN)).sent).toBe(1);
    expect((await sentBodies(t))[1]).toMatch(/^The price of your cart will rise soon; buy it now with 10% off: https:\/\/collect\.example\/r\/\w{8}$/);
    const second = (await sentBodies(t))[1]!.split('/r/')[1]!;
    expect((await t.app.inject({ url: `/r/${second}` })).headers.location).toBe('https://shop.example/cart/4001:2?discount=off10');

    // After the last step: nothing more, ever; and a repeated run at the same time sends nothing twice.
    expect((await runAt(t, T0 + 40 * DAY)).sent).toBe(0);
    expect((await runAt(t, T0 + 10 * DAY + 2 * MIN)).sent).toBe(0);
    expect((await outbox(t)).map((m) => [m.idempotency_key, m.state])).toEqual([
      [`abandoned_cart:0:${WRITE_KEY}:cart-a1`, 'sent'],
      [`abandoned_cart:1:${WRITE_KEY}:cart-a1`, 'sent'],
    ]);
  });

  it('writes the message in the shopper locale (Persian), counted as UCS-2 segments', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1', locale: 'fa-IR', name: 'سارا' });
    await runAt(t, T0 + DAY + MIN);
    const [message] = await outbox(t);
    expect(message!.body).toMatch(/^سارا عزیز، سبد خریدتان منتظر شماست\. با کد off5 خریدتان را تمام کنید: https:\/\/collect\.example\/r\/\w{8}$/);
    expect(Number(message!.segments)).toBe(2); // 98 UCS-2 units: more than 70, at most 134
  });

  it('does not message a cart without a consenting phone', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1', consent: false });
    expect((await runAt(t, T0 + 2 * DAY)).sent).toBe(0);
    expect(await outbox(t)).toEqual([]);
  });

  it('stop rule: an order by the shopper stops the campaign at once, even a message already scheduled', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.quietHours = { start: '00:00', end: '23:59' })) });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    const run = await runAt(t, T0 + DAY + MIN); // scheduled, but held back by (almost all-day) quiet hours
    expect(run).toMatchObject({ sent: 0, deferred: 1 });
    await order(t, 'a1', 'o-1', T0 + DAY + 2 * MIN, { cart_id: 'cart-a1' });
    expect((await outbox(t)).map((m) => [m.state, m.error])).toEqual([['cancelled', 'ordered']]);
    expect((await runAt(t, T0 + 12 * DAY)).sent).toBe(0);
  });

  it('stop rule: an order from another device with the same phone stops the next step', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.campaigns.survey.enabled = false)) });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await runAt(t, T0 + DAY + MIN);
    // Same phone on a laptop: identify, then order there.
    t.clock.now = new Date(T0 + 2 * DAY);
    await send(t.app, [{ type: 'identify', traits: { phone: '+989121234567', phone_consent: true }, messageId: 'm-laptop', anonymousId: 'laptop', timestamp: new Date(T0 + 2 * DAY).toISOString() }], { sentAt: new Date(T0 + 2 * DAY).toISOString() });
    await order(t, 'laptop', 'o-2', T0 + 2 * DAY + MIN);
    expect((await runAt(t, T0 + 11 * DAY)).sent).toBe(0);
    expect((await outbox(t)).filter((m) => m.campaign === 'abandoned_cart').map((m) => m.step)).toEqual([0]);
  });

  it('stop rule: an opt-out reply (Persian "لغو" in national form, through the inbound webhook) cancels what is pending and stops the campaign', async () => {
    t = await startCampaigns(store, {}, { defaultCountry: 'IR', env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_INBOUND_KEY: 'in-key' } });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await runAt(t, T0 + DAY + MIN);
    const refused = await t.app.inject({ method: 'POST', url: `/v1/campaigns/inbound/${WRITE_KEY}?key=wrong`, payload: { from: '09121234567', message: 'لغو' } });
    expect(refused.statusCode).toBe(401);
    const reply = await t.app.inject({ method: 'POST', url: `/v1/campaigns/inbound/${WRITE_KEY}?key=in-key`, payload: { from: '09121234567', message: ' لغو ' } });
    expect(reply.json()).toMatchObject({ phone: '+989121234567', intent: 'opt-out' });
    expect((await runAt(t, T0 + 11 * DAY)).sent).toBe(0);
    const summary = (await t.app.inject({ url: '/v1/reports/summary', headers: admin })).json();
    expect(summary.campaigns.steps[0]).toMatchObject({ campaign: 'abandoned_cart', step: 0, sent: 1, opt_outs: 1 });
  });

  it.each([
    ['Twilio STOP (form)', 'application/x-www-form-urlencoded', 'From=%2B989121234567&Body=STOP&MessageSid=SM1'],
    ['Arabic إلغاء (JSON)', 'application/json', JSON.stringify({ from: '+989121234567', body: 'إلغاء' })],
    ['Hebrew הסר (JSON)', 'application/json', JSON.stringify({ from: '+989121234567', text: 'הסר' })],
  ])('stop rule: %s cancels a scheduled message', async (_name, contentType, payload) => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.quietHours = { start: '00:00', end: '23:59' })) });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await runAt(t, T0 + DAY + MIN);
    const reply = await t.app.inject({ method: 'POST', url: `/v1/campaigns/inbound/${WRITE_KEY}`, headers: { ...admin, 'content-type': contentType }, payload });
    expect(reply.statusCode).toBe(200);
    if (contentType.includes('form')) expect(reply.body).toContain('<Response></Response>');
    expect((await outbox(t)).map((m) => [m.state, m.error])).toEqual([['cancelled', 'opted out']]);
    // START opts back in; a new cart may be messaged again.
    await t.app.inject({ method: 'POST', url: `/v1/campaigns/inbound/${WRITE_KEY}`, headers: admin, payload: { from: '+989121234567', body: 'START' } });
    expect(await t.app.homing.db.query('SELECT * FROM campaigns_optouts')).toEqual([]);
  });

  it('stop rule: the store blacklist (configuration and admin API)', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.stores = { [WRITE_KEY]: { blacklist: ['+989120000000'] } })) });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await shopperAddsToCart(t, { anonymousId: 'a2', phone: '+989120000000' });
    const added = await t.app.inject({ method: 'POST', url: '/v1/campaigns/blacklist', headers: admin, payload: { writeKey: WRITE_KEY, phone: '+98 912 123 4567' } });
    expect(added.json()).toMatchObject({ phone: '+989121234567' });
    expect((await runAt(t, T0 + 2 * DAY)).sent).toBe(0);
    expect(await outbox(t)).toEqual([]);
  });

  it('quiet hours: a message due at 02:00 in Los Angeles waits until 09:00 there', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.quietHours = { start: '21:00', end: '09:00' })) });
    await shopperAddsToCart(t, { anonymousId: 'a1', timezone: 'America/Los_Angeles' });
    // T0 + 1 day + 1 min = 10:01Z = 02:01 in Los Angeles.
    expect(await runAt(t, T0 + DAY + MIN)).toMatchObject({ sent: 0, deferred: 1 });
    const [held] = await outbox(t);
    expect(held).toMatchObject({ state: 'pending', due_at: '2026-11-24T17:00:00.000Z' }); // 09:00 PST
    expect((await runAt(t, Date.parse('2026-11-24T16:59:00.000Z'))).sent).toBe(0);
    expect((await runAt(t, Date.parse('2026-11-24T17:00:00.000Z'))).sent).toBe(1);
  });

  it('frequency cap: at most one message per phone per 24 hours across stores and campaigns', async () => {
    t = await startCampaigns(store, {
      config: testCampaigns((c) => {
        c.frequencyCap = { max: 1, hours: 24 };
        c.stores[OTHER_KEY] = { url: 'https://other.example', country: 'IR' };
      }),
    });
    await shopperAddsToCart(t, { anonymousId: 'phone', cartId: 'c-phone' });
    await shopperAddsToCart(t, { anonymousId: 'tablet', cartId: 'c-tablet', at: T0 + HOUR, writeKey: OTHER_KEY });
    expect(await runAt(t, T0 + DAY + 2 * HOUR)).toMatchObject({ sent: 1, deferred: 1 });
    const deferred = (await outbox(t)).find((m) => m.state === 'pending')!;
    expect(deferred.due_at).toBe(new Date(T0 + 2 * DAY + 2 * HOUR).toISOString());
    expect((await runAt(t, T0 + 2 * DAY + HOUR)).sent).toBe(0);
    expect((await runAt(t, T0 + 2 * DAY + 2 * HOUR)).sent).toBe(1);
  });

  it('one sequence per phone and store: the newest of its carts, none while an earlier cart\'s sequence runs, a new one after an order', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.campaigns.survey.enabled = c.campaigns.cross_sell.enabled = false)) });
    // The same shopper's cart in the browser, and the pending checkout a platform webhook made of it a moment later.
    await shopperAddsToCart(t, { anonymousId: 'browser', cartId: 'c-browser' });
    await shopperAddsToCart(t, { anonymousId: 'checkout', cartId: 'c-checkout', at: T0 + 10 * MIN });
    // Another shopper's cart is not held back by them.
    await shopperAddsToCart(t, { anonymousId: 'other', cartId: 'c-other', phone: '+989125550000' });
    // Not yet: the older cart is not messaged while the newer one is still fresh.
    expect((await runAt(t, T0 + DAY + 5 * MIN)).scheduled).toEqual({ 'abandoned_cart:0': 1 });
    expect((await runAt(t, T0 + DAY + 11 * MIN)).scheduled).toEqual({ 'abandoned_cart:0': 1 });
    expect((await outbox(t)).map((m) => [m.subject_id, m.step])).toEqual([['c-other', 0], ['c-checkout', 0]]);

    // A cart the shopper fills on the day-1 link, before day 10: the running sequence goes on alone.
    await shopperAddsToCart(t, { anonymousId: 'laptop', cartId: 'c-laptop', at: T0 + 2 * DAY });
    await runAt(t, T0 + 3 * DAY + MIN);
    await runAt(t, T0 + 10 * DAY + 12 * MIN);
    expect((await outbox(t)).filter((m) => m.phone === '+989121234567').map((m) => [m.subject_id, m.step])).toEqual([['c-checkout', 0], ['c-checkout', 1]]);

    // An order ends the sequence: the next abandoned cart starts a new one.
    await order(t, 'laptop', 'o-1', T0 + 11 * DAY, { cart_id: 'c-laptop' });
    await shopperAddsToCart(t, { anonymousId: 'laptop', cartId: 'c-next', at: T0 + 12 * DAY });
    expect((await runAt(t, T0 + 13 * DAY + MIN)).scheduled).toEqual({ 'abandoned_cart:0': 1 });
    expect((await outbox(t)).at(-1)).toMatchObject({ subject_id: 'c-next', step: 0, phone: '+989121234567' });
  });

  it('post-purchase survey: N days after an order, a link to rate it', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.campaigns.abandoned_cart.enabled = false)) });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await order(t, 'a1', 'o-9', T0 + HOUR);
    expect((await runAt(t, T0 + 3 * DAY)).sent).toBe(0);
    expect((await runAt(t, T0 + 3 * DAY + HOUR)).sent).toBe(1);
    const [body] = await sentBodies(t);
    // The order came from the browser only: its id is not written (attacks/sms-text.test.ts).
    expect(body).toMatch(/^Sara, how was your order\? Rate it in one tap: https:\/\/collect\.example\/r\/\w{8}$/);
    const target = (await t.app.inject({ url: `/r/${body!.split('/r/')[1]}` })).headers.location as string;
    expect(target).toMatch(new RegExp(`^${PUBLIC_URL}/s/o-9\\?k=${WRITE_KEY}&t=`));
    expect((await t.app.inject({ url: target.slice(PUBLIC_URL.length) })).statusCode).toBe(200);
  });

  it('smart cross-sell: a complementary product from the offer rules, with a discount link', async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.campaigns.abandoned_cart.enabled = false, c.campaigns.survey.enabled = false)) });
    const rule = { write_key: WRITE_KEY, currency: 'USD', when: { product_ids: ['p-shirt'] }, offer: [{ product_id: 'p-tie', name: 'Silk tie', price: 15, url: 'https://shop.example/products/silk-tie' }], discount: { percent: 10 } };
    const put = await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/tie', headers: admin, payload: rule });
    expect(put.statusCode).toBeLessThan(300);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await order(t, 'a1', 'o-7', T0 + HOUR);
    await shopperAddsToCart(t, { anonymousId: 'a2', phone: '+989125550000' });
    await order(t, 'a2', 'o-8', T0 + HOUR, { products: [{ product_id: 'p-other', price: 3 }] }); // no rule matches
    expect(await runAt(t, T0 + 7 * DAY + HOUR)).toMatchObject({ sent: 1, cancelled: 1 });
    const [body] = await sentBodies(t);
    expect(body).toMatch(/^Sara, Silk tie goes well with your last order\. 10% off with more10: https:\/\/collect\.example\/r\/\w{8}$/);
    const target = (await t.app.inject({ url: `/r/${body!.split('/r/')[1]}` })).headers.location;
    expect(target).toBe('https://shop.example/discount/more10?redirect=%2Fproducts%2Fsilk-tie');
  });

  it("cross-sell for a store whose URL has a path: an offer without its own URL links to the store's URL", async () => {
    const config = testCampaigns((c) => {
      c.campaigns.abandoned_cart.enabled = c.campaigns.survey.enabled = false;
      c.stores = { [WRITE_KEY]: { url: 'https://shop.example/tea/fa.html', platform: 'generic', country: 'IR' } };
    });
    t = await startCampaigns(store, { config });
    const rule = { write_key: WRITE_KEY, currency: 'USD', when: { product_ids: ['p-shirt'] }, offer: [{ product_id: 'p-tie', name: 'Silk tie', price: 15 }], discount: { percent: 10 } };
    expect((await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/rules/tie', headers: admin, payload: rule })).statusCode).toBeLessThan(300);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await order(t, 'a1', 'o-7', T0 + HOUR);
    expect(await runAt(t, T0 + 7 * DAY + HOUR)).toMatchObject({ sent: 1 });
    const [body] = await sentBodies(t);
    const target = (await t.app.inject({ url: `/r/${body!.split('/r/')[1]}` })).headers.location;
    expect(target).toBe('https://shop.example/tea/fa.html?discount=more10');
  });

  it('admin: run needs the token and a valid asOf; segment counts for template editing', async () => {
    t = await startCampaigns(store);
    expect((await t.app.inject({ method: 'POST', url: '/v1/campaigns/run' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/v1/campaigns/run?asOf=yesterday', headers: admin })).statusCode).toBe(400);
    const count = await t.app.inject({ method: 'POST', url: '/v1/campaigns/segments', headers: admin, payload: { text: 'س'.repeat(71) } });
    expect(count.json()).toMatchObject({ encoding: 'UCS-2', segments: 2, perSegment: 67 });
    const config = (await t.app.inject({ url: '/v1/campaigns', headers: admin })).json();
    expect(config.campaigns.abandoned_cart.steps[0].segments.fa.encoding).toBe('UCS-2');
    expect(config.campaigns.abandoned_cart.steps[0].segments.en.encoding).toBe('GSM-7');
  });
});
