// Attack: a stranger with the public write key makes the store's own SMS sender carry their text
// (a link, a domain, a phone number to call) by sending it as the shopper's name, the order id or
// a product name, to any phone they type. Only a name typed into the phone prompt that looks like a
// person's, a plain short order id and the store's own data (its name, its offer rules' products)
// reach a text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_KEY } from './collector-process.js';
import { DAY, HOUR, NOW, addsToCart, campaignsSettings, orders, outboxMessages, runCampaigns, sendEvents, sentTexts, startCampaignsCollector, wooOrder, wooWebhook } from './campaigns-driver.js';

afterAll(dropTestSchemas);

const store = { url: 'https://shop.example', country: 'IR' };
const phone = (n: number) => `+989121${String(100_000 + n).slice(1)}1`;

describe.each(testStores)('no attacker text in an SMS on $name', (testStore) => {
  it('a name with a link, a domain (plain or disguised with look-alike letters), an address, digits or hidden characters is dropped: the text opens without a greeting', async () => {
    const c = await startCampaignsCollector(testStore, campaignsSettings({ stores: { [ATTACK_KEY]: store } }));
    const hostile = [
      'evil.com',
      'Win at evil.com',
      'x.y',
      'http://evil.example/win',
      'sara@evil.example',
      'Call 09121234567',
      'Sara2',
      'Sara\nCall us now',
      'Sara\u202Emoc.live',
      'Prize ＥＶＩＬ．ＣＯＭ',
      // Letters that read as a dot or a colon, a Cyrillic а among Latin letters, an address spelled with spaces.
      'Visit evilꞏcom',
      'Visit evilㆍcom',
      'Visit evilːcom',
      'Visit exаmple',
      'www example com',
      'A very long name that goes on and on with a story',
      { first: 'object' },
    ];
    for (const [i, name] of hostile.entries()) await addsToCart(c, { anonymousId: `h${i}`, phone: phone(i), name });
    await runCampaigns(c, NOW + DAY + HOUR);

    const sent = await sentTexts(c);
    expect(sent).toHaveLength(hostile.length);
    for (const message of sent) {
      expect(message.body).toMatch(/^You left something in your cart: https:\/\/collect\.example\/r\/[A-Za-z0-9]{8}$/);
    }
    await c.stop();
  });

  it('real names in any script are used, and the Persian greeting goes as a whole when the name is dropped', async () => {
    const c = await startCampaignsCollector(testStore, campaignsSettings({ stores: { [ATTACK_KEY]: store } }));
    const visitors = [
      { anonymousId: 'en', name: "Anne-Marie O'Neil", locale: 'en-US' },
      { anonymousId: 'initial', name: 'J. Smith', locale: 'en-US' },
      { anonymousId: 'fa', name: 'محمد‌رضا', locale: 'fa-IR' },
      { anonymousId: 'he', name: 'שרה', locale: 'en-US' },
      { anonymousId: 'fa-hostile', name: 'جایزه در evil.ir', locale: 'fa-IR' },
    ];
    for (const [i, v] of visitors.entries()) await addsToCart(c, { ...v, phone: phone(i) });
    await runCampaigns(c, NOW + DAY + HOUR);

    const byPhone = new Map((await sentTexts(c)).map((m) => [m.phone, m.body!.replace(/https:\S+$/, 'LINK')]));
    expect(visitors.map((_, i) => byPhone.get(phone(i)))).toEqual([
      "Anne-Marie O'Neil, you left something in your cart: LINK",
      'J. Smith, you left something in your cart: LINK',
      'محمد‌رضا عزیز، سبد خریدتان منتظر شماست: LINK',
      'שרה, you left something in your cart: LINK',
      'سبد خریدتان منتظر شماست: LINK',
    ]);
    await c.stop();
  });

  it('a name reaches the text only from the phone prompt: a plausible first_name or name from any other identify does not', async () => {
    const c = await startCampaignsCollector(testStore, campaignsSettings({ stores: { [ATTACK_KEY]: store } }));
    await addsToCart(c, { anonymousId: 'prompt', phone: phone(1), name: 'Sara' });
    await addsToCart(c, { anonymousId: 'script', phone: phone(2), name: 'Sara', nameSource: 'checkout' });
    // Plain traits as any script or another analytics SDK would send them, with no prompt marker.
    const plain = [{ first_name: 'Sara' }, { name: 'Sara' }, { firstName: 'Sara' }];
    for (const [i, traits] of plain.entries()) {
      const anonymousId = `plain${i}`;
      await sendEvents(c, [{ type: 'identify', anonymousId, traits: { phone: phone(10 + i), phone_consent: true, ...traits } }]);
      await sendEvents(c, [{ type: 'track', event: 'Product Added', anonymousId, properties: { cart_id: `cart-${anonymousId}`, product_id: 'p-mug', price: 10, quantity: 1, currency: 'USD' } }]);
    }
    // A prompt name sent from a stranger's browser for someone else's number does not reach that number's cart.
    await addsToCart(c, { anonymousId: 'victim', phone: phone(3) });
    await sendEvents(c, [{ type: 'identify', anonymousId: 'stranger', traits: { phone: phone(3), phone_consent: true, first_name: 'Loser', name_source: 'prompt' } }]);
    await runCampaigns(c, NOW + DAY + HOUR);

    const byPhone = new Map((await sentTexts(c)).map((m) => [m.phone, m.body!.replace(/https:\S+$/, 'LINK')]));
    expect(byPhone.get(phone(1))).toBe('Sara, you left something in your cart: LINK');
    for (const p of [phone(2), phone(10), phone(11), phone(12)]) expect(byPhone.get(p)).toBe('You left something in your cart: LINK');
    expect(byPhone.get(phone(3))).toBe('You left something in your cart: LINK');
    expect(byPhone.size).toBe(6);
    await c.stop();
  });

  it("{order} is written only for an order the platform confirmed, never a browser's; {store} is the configured name; {product} comes from the offer rules, never the event", async () => {
    const rulesFile = join(mkdtempSync(join(tmpdir(), 'homing-rules-')), 'rules.json');
    writeFileSync(rulesFile, JSON.stringify([{ id: 'mugs', write_key: '*', currency: 'USD', offer: [{ product_id: 'p-saucer', name: 'Saucer', url: 'https://shop.example/products/saucer', price: 5 }] }]));
    const webhookSecret = 'woo-webhook-secret-order-text';
    const c = await startCampaignsCollector(
      testStore,
      campaignsSettings({
        stores: { [ATTACK_KEY]: { ...store, name: 'Mug Shop', platform: 'woocommerce', woocommerce: { webhookSecret } } },
        campaigns: {
          abandoned_cart: { enabled: false, steps: [] },
          survey: { enabled: true, steps: [{ after: '3d', template: { en: '{store}: how was your order {order}? {link}' } }] },
          cross_sell: { enabled: true, steps: [{ after: '7d', template: { en: '{store}: {product} goes with order {order}: {link}' } }] },
        },
      }),
      { env: { HOMING_OFFERS_RULES_FILE: rulesFile } },
    );
    const products = [{ product_id: 'p-mug', name: 'Free prize at evil.example', price: 40, quantity: 1 }];
    // Browser reports, with the public key: a plain-looking id, and one that carries a phone number to call.
    await orders(c, { anonymousId: 'plain', phone: phone(1), pageUrl: 'https://evil.example/' }, { order_id: '1001', products });
    await orders(c, { anonymousId: 'hostile', phone: phone(2), pageUrl: 'https://evil.example/' }, { order_id: 'CALL-02188776655', products });
    // The store's WooCommerce confirms its own order through the signed webhook.
    await wooWebhook(c, webhookSecret, wooOrder(1003, phone(3), [{ product_id: 'p-mug', name: 'Mug', quantity: 1, price: 20 }]));
    await runCampaigns(c, NOW + 3 * DAY + HOUR);
    await runCampaigns(c, NOW + 7 * DAY + HOUR);

    const texts = (await outboxMessages(c)).map((m) => [m.phone, m.campaign, m.state, m.body?.replace(/https:\S+$/, 'LINK') ?? m.error]).sort();
    expect(texts).toEqual([
      [phone(1), 'cross_sell', 'sent', 'Mug Shop: Saucer goes with order: LINK'],
      [phone(1), 'survey', 'sent', 'Mug Shop: how was your order? LINK'],
      [phone(2), 'cross_sell', 'sent', 'Mug Shop: Saucer goes with order: LINK'],
      [phone(2), 'survey', 'sent', 'Mug Shop: how was your order? LINK'],
      [phone(3), 'cross_sell', 'sent', 'Mug Shop: Saucer goes with order 1003: LINK'],
      [phone(3), 'survey', 'sent', 'Mug Shop: how was your order 1003? LINK'],
    ]);
    await c.stop();
  });

  it('{store} without a configured name is the hostname of the configured URL, not of the page the events claim', async () => {
    const c = await startCampaignsCollector(
      testStore,
      campaignsSettings({
        stores: { [ATTACK_KEY]: store },
        campaigns: { abandoned_cart: { enabled: true, steps: [{ after: '1d', template: { en: '{store}: your cart is waiting: {link}' } }] } },
      }),
    );
    await addsToCart(c, { anonymousId: 'a1', phone: phone(1), pageUrl: 'https://evil.example/win' });
    await runCampaigns(c, NOW + DAY + HOUR);
    expect((await sentTexts(c)).map((m) => m.body)).toEqual([expect.stringMatching(/^shop\.example: your cart is waiting: https:\/\/collect\.example\/r\/\w{8}$/)]);
    await c.stop();
  });
});
