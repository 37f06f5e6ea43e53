// Attack: anyone can type any phone number into a store, so a stranger can make the store's SMS
// account text premium-rate or foreign numbers (at the store's cost), spend its whole budget, or
// flood one person's phone through many carts, browsers and stores of one collector. A store texts
// only numbers of its own countries, at most its daily budget, a phone one abandoned-cart sequence at
// a time however many carts name it, and one phone gets at most phoneDailyCap messages a day;
// everything held back stays in the outbox with its reason and is counted in the report.
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_KEY, ATTACK_ORIGIN } from './collector-process.js';
import { DAY, HOUR, NOW, addsToCart, campaignsReport, campaignsSettings, dashboard, outboxMessages, runCampaigns, startCampaignsCollector } from './campaigns-driver.js';

afterAll(dropTestSchemas);

/** `count` stores on one collector, each texting Iranian numbers: the write keys and the campaigns' stores. */
function manyStores(count: number) {
  const keys = Array.from({ length: count }, (_, i) => (i ? `wk_shop${i + 1}` : ATTACK_KEY));
  return {
    keys,
    writeKeys: keys.map((k) => `${k}=${ATTACK_ORIGIN}`).join(';'),
    stores: Object.fromEntries(keys.map((k) => [k, { url: `https://${k}.example`, country: 'IR' }])),
  };
}

const iranian = (n: number) => `+989121${String(100_000 + n).slice(1)}1`;
const states = async (c: Awaited<ReturnType<typeof startCampaignsCollector>>) =>
  Object.fromEntries((await outboxMessages(c)).map((m) => [m.phone, m.error ? `${m.state}: ${m.error}` : m.state]));

describe.each(testStores)('countries and budgets on $name', (store) => {
  it("texts only numbers of the store's country: premium-rate international and foreign numbers are held with reason country", async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR' } } }));
    const phones = { ir: '+989121234567', international: '+882161234567', us: '+12025550123', uae: '+971501234567' };
    for (const [who, phone] of Object.entries(phones)) await addsToCart(c, { anonymousId: who, phone });
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 1, held: 3 });
    expect(await states(c)).toEqual({
      [phones.ir]: 'sent',
      [phones.international]: 'held: country',
      [phones.us]: 'held: country',
      [phones.uae]: 'held: country',
    });
    expect((await campaignsReport(c)).held).toEqual({ country: 3, budget: 0, phone_cap: 0 });
    expect(await dashboard(c)).toContain('<b data-held="country">3</b>');
    // Held is final: a later run does not send them.
    expect(await runCampaigns(c, NOW + 2 * DAY)).toMatchObject({ sent: 0 });
    await c.stop();
  });

  it('--default-country stands in for a store without one; `countries` lists more; no country at all holds everything', async () => {
    const two = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', countries: ['AE'] } } }), { args: ['--default-country', 'IR'] });
    await addsToCart(two, { anonymousId: 'ir', phone: '+989121234567' });
    await addsToCart(two, { anonymousId: 'ae', phone: '+971501234567' });
    await addsToCart(two, { anonymousId: 'de', phone: '+4915112345678' });
    await runCampaigns(two, NOW + DAY + HOUR);
    expect(await states(two)).toEqual({ '+989121234567': 'sent', '+971501234567': 'sent', '+4915112345678': 'held: country' });
    await two.stop();

    const none = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example' } } }));
    const notice = `store ${ATTACK_KEY} has no country: every message is held; set stores.${ATTACK_KEY}.country or --default-country`;
    expect(none.output()).toContain(notice);
    await addsToCart(none, { anonymousId: 'ir', phone: '+989121234567' });
    await runCampaigns(none, NOW + DAY + HOUR);
    expect(await states(none)).toEqual({ '+989121234567': 'held: country' });
    expect((await campaignsReport(none)).notices).toEqual([notice]);
    await none.stop();
  });

  it('once the daily budget is spent, further messages are held with reason budget; the next day sends again', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR', dailySmsBudget: 2 } } }));
    for (let i = 1; i <= 5; i++) await addsToCart(c, { anonymousId: `v${i}`, phone: iranian(i) });
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 2, held: 3 });
    expect(Object.values(await states(c)).sort()).toEqual(['held: budget', 'held: budget', 'held: budget', 'sent', 'sent']);
    const report = await campaignsReport(c);
    expect(report.held).toEqual({ country: 0, budget: 3, phone_cap: 0 });
    expect(report.steps).toEqual([expect.objectContaining({ campaign: 'abandoned_cart', sent: 2, held: 3 })]);
    expect(await dashboard(c)).toContain('<b data-held="budget">3</b>');

    // A run 24 hours later is on another day, with a budget of its own.
    await addsToCart(c, { anonymousId: 'v6', phone: iranian(6) }, 'cart-next-day');
    expect(await runCampaigns(c, NOW + 2 * DAY + HOUR)).toMatchObject({ sent: 1, held: 0 });
    await c.stop();
  });

  it('one phone is not messaged beyond phoneDailyCap a day, however many carts, browsers and stores name it, even with the frequency cap off', async () => {
    const { keys, writeKeys, stores } = manyStores(9);
    const c = await startCampaignsCollector(store, campaignsSettings({ frequencyCap: null, phoneDailyCap: 2, stores }), { writeKeys });
    const victim = '+989121234567';
    for (const [i, writeKey] of keys.entries()) await addsToCart(c, { anonymousId: `browser-${i}`, phone: victim, writeKey });
    // More carts in one store: still one abandoned-cart message there.
    for (let i = 1; i <= 3; i++) await addsToCart(c, { anonymousId: 'browser-1', phone: victim, writeKey: keys[1] }, `extra-cart-${i}`);
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 2, held: 7 });
    expect(await runCampaigns(c, NOW + 3 * DAY)).toMatchObject({ sent: 0 });
    const messages = await outboxMessages(c);
    expect(messages.filter((m) => m.state === 'sent')).toHaveLength(2);
    expect(messages.filter((m) => m.state === 'held').map((m) => m.error)).toEqual(Array(7).fill('phone_cap'));
    expect((await campaignsReport(c)).held).toEqual({ country: 0, budget: 0, phone_cap: 7 });
    await c.stop();
  });

  it('by default (frequency cap 2 a day, phoneDailyCap 3) a flood of carts in many stores for one phone gives it at most 3 messages, spread over two days', async () => {
    const { keys, writeKeys, stores } = manyStores(8);
    const c = await startCampaignsCollector(store, campaignsSettings({ stores }), { writeKeys });
    const victim = '+989121234567';
    for (const [i, writeKey] of keys.entries()) await addsToCart(c, { anonymousId: `browser-${i}`, phone: victim, writeKey });
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 2, deferred: 1, held: 5 });
    expect(await runCampaigns(c, NOW + 2 * DAY + 2 * HOUR)).toMatchObject({ sent: 1 });
    expect(await runCampaigns(c, NOW + 9 * DAY)).toMatchObject({ sent: 0 });
    expect((await campaignsReport(c)).held).toEqual({ country: 0, budget: 0, phone_cap: 5 });
    await c.stop();
  });
});
