// Email steps end to end: a real SMTP server in the test receives the mail, and the MIME that
// arrives is read back with mailparser: sender, subject in the shopper's language, right-to-left
// HTML for Persian, a text part, a link that leads under the store's URL, the store's postal address,
// and a one-click unsubscribe (RFC 8058) that stops the next e-mail. A refused message is retried
// without ever arriving twice; no consent, no e-mail.
import { createHmac } from 'node:crypto';
import { nanoid } from 'nanoid';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampaigns, type CampaignsConfig } from '../src/campaigns/config.js';
import { shopifyFacts } from '../src/webhooks/shopify.js';
import { wooOrderFacts } from '../src/webhooks/woocommerce.js';
import { webhooksFeature } from '../src/webhooks/feature.js';
import { linksFeature } from '../src/links/feature.js';
import { offersFeature } from '../src/offers/feature.js';
import { surveysFeature } from '../src/surveys/feature.js';
import { campaignsFeature } from '../src/campaigns/feature.js';
import { admin, send, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { DAY, HOUR, PUBLIC_URL, T0, iso, outbox, runAt, shirt, startCampaigns, testCampaigns } from './campaigns-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-test-server.js';
import { dropTestSchemas, testStores } from './stores.js';

afterAll(dropTestSchemas);

const STORE_ADDRESS = 'Shop Example Ltd, 12 Valiasr St, Tehran 1415, Iran';

function emailCampaigns(smtpUrl: string, change: (c: CampaignsConfig) => void = () => {}): CampaignsConfig {
  return testCampaigns((c) => {
    c.email = { smtpUrl, from: 'Shop Example <shop@shop.example>', replyTo: 'help@shop.example', address: STORE_ADDRESS };
    c.stores[WRITE_KEY]!.name = 'Shop Example';
    c.campaigns.abandoned_cart.steps = [
      { after: '1d', discountCode: 'off5', channel: 'email', template: {} },
      { after: '2d', discountCode: 'off10', channel: 'email', template: {} },
    ];
    c.campaigns.survey.enabled = false;
    c.campaigns.cross_sell.enabled = false;
    change(c);
  });
}

interface EmailShopper {
  anonymousId: string;
  email?: string;
  consent?: boolean;
  name?: string;
  locale?: string;
  /** A consenting phone too. */
  phone?: string;
}

async function addsToCart(t: TestCollectorApp, s: EmailShopper): Promise<void> {
  t.clock.now = new Date(T0);
  const context = { timezone: 'UTC', locale: s.locale ?? 'en-GB', platform: 'shopify', page: { url: 'https://shop.example/products/shirt' } };
  const base = { anonymousId: s.anonymousId, timestamp: iso(T0), context };
  const traits: Record<string, unknown> = { email: s.email ?? `${s.anonymousId}@mail.example`, first_name: s.name ?? 'Sara', name_source: 'prompt' };
  if (s.consent !== undefined) traits.email_consent = s.consent;
  if (s.phone) Object.assign(traits, { phone: s.phone, phone_consent: true });
  const answer = await send(
    t.app,
    [
      { type: 'identify', traits, messageId: nanoid(), ...base },
      { type: 'track', event: 'Product Added', properties: { ...shirt, cart_id: `cart-${s.anonymousId}`, currency: 'USD' }, messageId: nanoid(), ...base },
    ],
    { sentAt: iso(T0) },
  );
  expect(answer.body.accepted, JSON.stringify(answer.body)).toBe(2);
}

/** A header's value as sent (folded lines joined). */
const headerOf = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '))?.[1];

const unsubscribePath = (listUnsubscribe: string) => new URL(/<(https:[^>]+)>/.exec(listUnsubscribe)![1]!).pathname;

describe.each(testStores)('campaign e-mail on $name', (store) => {
  let smtp: TestSmtpServer;
  let t: TestCollectorApp;
  /** More servers a test starts: closed after the collector (its pooled connections hold them open). */
  const others: TestSmtpServer[] = [];
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await t?.app.close();
    for (const server of [smtp, ...others.splice(0)]) await server.close();
  });

  it('arrives as MIME with the sender, the subject in Persian, right-to-left HTML, a text part, the link, the address and one-click unsubscribe', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'fa-shopper', email: 'Sara.R@Mail.Example', consent: true, name: 'سارا', locale: 'fa-IR' });
    const run = await runAt(t, T0 + DAY + HOUR);
    expect(run.sent).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const { parsed, raw, envelopeTo } = smtp.received[0]!;
    expect(envelopeTo).toEqual(['sara.r@mail.example']);
    expect(parsed.from?.value).toEqual([{ address: 'shop@shop.example', name: 'Shop Example' }]);
    expect(parsed.replyTo?.value[0]?.address).toBe('help@shop.example');
    expect(parsed.subject).toBe('سبد خرید شما در Shop Example منتظر شماست');
    // RFC 8058: an https URI and a mailto, and the one-click POST marker.
    expect(headerOf(raw, 'List-Unsubscribe')).toMatch(/^<https:\/\/collect\.example\/u\/[\w-]+\.[\w-]+>, <mailto:help@shop\.example\?subject=unsubscribe>$/);
    expect(headerOf(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const html = String(parsed.html);
    expect(html).toContain('<html dir="rtl" lang="fa">');
    expect(html).toMatch(/<p dir="rtl">سارا عزیز،<\/p>/);
    expect(html).toContain(STORE_ADDRESS);
    const link = /href="(https:\/\/collect\.example\/r\/[A-Za-z0-9]{8})"/.exec(html)?.[1];
    expect(link).toBeDefined();
    expect(parsed.text).toContain('سارا عزیز،');
    expect(parsed.text).toContain(link!);
    expect(parsed.text).toContain('off5');
    expect(parsed.text).toContain(STORE_ADDRESS);

    // The link is the same kind of short link as a text's, and leads under the store's URL.
    const followed = await t.app.inject({ method: 'GET', url: new URL(link!).pathname, headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toMatch(/^https:\/\/shop\.example\//);

    const [row] = await outbox(t);
    expect(row).toMatchObject({ channel: 'email', state: 'sent', phone: 'sara.r@mail.example', idempotency_key: `abandoned_cart:0:email:${WRITE_KEY}:cart-fa-shopper` });
    // The owner's outbox shows the e-mail by its subject.
    const page = await t.app.inject({ method: 'GET', url: `/app/outbox?store=${WRITE_KEY}`, headers: admin });
    expect(page.body).toContain('✉ سبد خرید شما در Shop Example منتظر شماست');
    expect(page.body).not.toContain('&lt;html');
  });

  it('in English: left-to-right HTML, the English subject, and no greeting when the name is not a name', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'en-shopper', consent: true, name: '<img src=x onerror=alert(1)>', locale: 'en-US' });
    await runAt(t, T0 + DAY + HOUR);
    const { parsed } = smtp.received[0]!;
    expect(parsed.subject).toBe('Your cart at Shop Example is waiting');
    const html = String(parsed.html);
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(html).not.toMatch(/<img|onerror/);
    expect(parsed.text).toMatch(/^You left something in your cart at Shop Example\. Finish your order with code off5:/);
  });

  it('the one-click unsubscribe POST stops the next e-mail step; a GET only shows the button', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'leaver', consent: true });
    await runAt(t, T0 + DAY + HOUR);
    expect(smtp.received).toHaveLength(1);
    const path = unsubscribePath(headerOf(smtp.received[0]!.raw, 'List-Unsubscribe')!);

    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(await t.app.homing.db.query('SELECT * FROM campaigns_optouts')).toHaveLength(0);

    const forged = await t.app.inject({ method: 'POST', url: `${path.slice(0, -4)}AAAA`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.statusCode).toBe(404);

    const oneClick = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    await runAt(t, T0 + 4 * DAY);
    expect(smtp.received).toHaveLength(1);
    expect((await outbox(t)).map((m) => [m.step, m.state])).toEqual([[0, 'sent']]);
  });

  it('steps may mix channels; an e-mail unsubscribe leaves the texts alone', async () => {
    t = await startCampaigns(store, {
      config: emailCampaigns(smtp.url, (c) => {
        c.campaigns.abandoned_cart.steps[1] = { after: '2d', discountCode: 'off10', template: { en: 'Still there: {link}' } };
      }),
    });
    await addsToCart(t, { anonymousId: 'both', consent: true, phone: '+989121234567' });
    await runAt(t, T0 + DAY + HOUR);
    expect(smtp.received).toHaveLength(1);
    const path = unsubscribePath(headerOf(smtp.received[0]!.raw, 'List-Unsubscribe')!);
    expect((await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(200);
    await runAt(t, T0 + 4 * DAY);
    const rows = await outbox(t);
    expect(rows.map((m) => [m.step, m.channel, m.state, m.phone])).toEqual([
      [0, 'email', 'sent', 'both@mail.example'],
      [1, 'sms', 'sent', '+989121234567'],
    ]);
    expect(rows[1]!.body).toMatch(/^Still there: https:\/\/collect\.example\/r\//);
  });

  it("the store's daily e-mail budget holds what goes over it, apart from its texts' budget", async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url, (c) => Object.assign(c.stores[WRITE_KEY]!, { dailyEmailBudget: 1, dailySmsBudget: 0 })) });
    await addsToCart(t, { anonymousId: 'first', consent: true });
    await addsToCart(t, { anonymousId: 'second', consent: true });
    await runAt(t, T0 + DAY + HOUR);
    expect(smtp.received).toHaveLength(1);
    expect((await outbox(t)).map((m) => [m.state, m.error])).toEqual([
      ['sent', null],
      ['held', 'budget'],
    ]);
  });

  it('without the unsubscribe, the second step follows', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'stayer', consent: true });
    await runAt(t, T0 + DAY + HOUR);
    await runAt(t, T0 + 4 * DAY);
    expect(smtp.received.map((m) => m.parsed.text?.match(/code (\w+)/)?.[1])).toEqual(['off5', 'off10']);
  });

  it('no consent, no e-mail: without email_consent, or with it false', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'silent' });
    await addsToCart(t, { anonymousId: 'refused', consent: false });
    const run = await runAt(t, T0 + DAY + HOUR);
    expect(run.scheduled).toEqual({});
    expect(smtp.received).toHaveLength(0);
  });

  it("WooCommerce: a signed order webhook whose meta says _homing_email_consent yes gets the e-mail step; no gets none", async () => {
    const WOO_SECRET = 'woo-webhook-secret';
    const config = emailCampaigns(smtp.url, (c) => {
      c.stores[WRITE_KEY] = { ...c.stores[WRITE_KEY]!, platform: 'woocommerce', woocommerce: { webhookSecret: WOO_SECRET } };
    });
    const features = [linksFeature(), offersFeature(), surveysFeature(), webhooksFeature({ stores: config.stores }), campaignsFeature({ config })];
    t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0' } }, features);
    t.clock.now = new Date(T0);
    // Two checkouts left awaiting payment, as the plugin's webhook sends them: the box ticked, and not.
    const checkout = (id: number, email: string, consent: 'yes' | 'no') => ({
      id,
      status: 'pending',
      order_key: `wc_order_k${id}`,
      currency: 'USD',
      total: '40.00',
      date_created_gmt: iso(T0).slice(0, 19),
      date_modified_gmt: iso(T0).slice(0, 19),
      billing: { first_name: 'Sara', email, country: 'IR' },
      line_items: [{ product_id: 93, name: 'Shirt', quantity: 2, price: 20 }],
      meta_data: [{ id: 1, key: '_homing_email_consent', value: consent }, { id: 2, key: '_homing_locale', value: 'en_US' }],
    });
    for (const [i, order] of [checkout(801, 'yes@mail.example', 'yes'), checkout(802, 'no@mail.example', 'no')].entries()) {
      const body = JSON.stringify(order);
      const signature = createHmac('sha256', WOO_SECRET).update(body).digest('base64');
      const answer = await t.app.inject({ method: 'POST', url: `/v1/webhooks/woocommerce/${WRITE_KEY}`, headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-signature': signature, 'x-wc-webhook-delivery-id': `e${i}` }, payload: body });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const run = await runAt(t, T0 + DAY + HOUR);
    expect(run.sent).toBe(1);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['yes@mail.example']]);
    expect(String(smtp.received[0]!.parsed.html)).toMatch(/href="https:\/\/collect\.example\/r\/[A-Za-z0-9]{8}"/);
    expect((await outbox(t)).map((row) => [row.phone, row.state])).toEqual([['yes@mail.example', 'sent']]);
  });

  it('a 4xx answer is tried again later and the mail arrives once; the row says what happened', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'retry', consent: true });
    smtp.refuseNext(451);
    const first = await runAt(t, T0 + DAY + HOUR);
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(smtp.received).toHaveLength(0);
    const [pending] = await outbox(t);
    expect(pending).toMatchObject({ state: 'pending', attempts: 1 });
    expect(pending!.error).toMatch(/451/);

    const second = await runAt(t, T0 + DAY + 2 * HOUR);
    expect(second.sent).toBe(1);
    await runAt(t, T0 + DAY + 3 * HOUR);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.attempts).toBe(2);
    expect(await outbox(t)).toMatchObject([{ state: 'sent', attempts: 2, error: null }]);
  });

  it('a 5xx answer fails the message for good: never sent again', async () => {
    t = await startCampaigns(store, { config: emailCampaigns(smtp.url) });
    await addsToCart(t, { anonymousId: 'refused-for-good', consent: true });
    smtp.refuseNext(550);
    await runAt(t, T0 + DAY + HOUR);
    await runAt(t, T0 + DAY + 5 * HOUR);
    expect(smtp.attempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
    const [row] = await outbox(t);
    expect(row).toMatchObject({ state: 'failed' });
    expect(row!.error).toMatch(/550/);
  });

  it('GET /v1/campaigns says only that the SMTP URL is set', async () => {
    const withLogin = await startSmtpServer({ user: 'mailer', pass: 'smtp-pass-1234' });
    others.push(withLogin);
      t = await startCampaigns(store, { config: emailCampaigns(withLogin.url) })
      const answer = await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: admin });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).not.toContain('smtp-pass-1234');
      expect(answer.json().email).toMatchObject({ smtpUrl: { set: true }, from: 'Shop Example <shop@shop.example>' });
      // And the login works: the mail arrives.
      await addsToCart(t, { anonymousId: 'auth', consent: true });
      await runAt(t, T0 + DAY + HOUR);
      expect(withLogin.received.map((m) => m.user)).toEqual(['mailer']);
  });
});

describe('where e-mail consent comes from', () => {
  const ctx = { writeKey: WRITE_KEY, secret: 's', store: {}, deliveryId: 'd1', now: new Date(T0) };
  const traitsOf = (facts: ReturnType<typeof shopifyFacts>) => (typeof facts === 'string' ? undefined : facts.events.find((e) => e.type === 'identify')?.traits);

  it("Shopify: the customer's email_marketing_consent, else buyer_accepts_marketing; pending or absent is no", () => {
    const checkout = (extra: Record<string, unknown>) => traitsOf(shopifyFacts('checkouts/update', { token: 'tok', email: 'a@mail.example', ...extra }, ctx));
    expect(checkout({ customer: { email_marketing_consent: { state: 'subscribed' } } })).toMatchObject({ email: 'a@mail.example', email_consent: true });
    expect(checkout({ customer: { email_marketing_consent: { state: 'pending' } }, buyer_accepts_marketing: true })).toMatchObject({ email_consent: false });
    expect(checkout({ buyer_accepts_marketing: true })).toMatchObject({ email_consent: true });
    expect(checkout({})).not.toHaveProperty('email_consent');
  });

  it("WooCommerce: the plugin's _homing_email_consent order meta", () => {
    const order = (value: unknown) =>
      wooOrderFacts({ id: 7, status: 'pending', billing: { email: 'b@mail.example' }, meta_data: [{ key: '_homing_email_consent', value }] }, ctx) as { events: { traits?: unknown }[] };
    expect(order('yes').events[0]!.traits).toMatchObject({ email: 'b@mail.example', email_consent: true });
    expect(order('no').events[0]!.traits).toMatchObject({ email_consent: false });
  });
});

describe('e-mail settings', () => {
  const parse = (change: (c: Record<string, any>) => void) => {
    const input: Record<string, any> = { campaigns: { abandoned_cart: { steps: [{ after: '1d', channel: 'email' }] } }, stores: { [WRITE_KEY]: { url: 'https://shop.example' } } };
    change(input);
    return () => parseCampaigns(input, 60);
  };

  it('an email step needs the SMTP server, a sender and the postal address; each mistake is named, the SMTP password never', () => {
    expect(parse(() => {})).toThrow(/an email step needs the "email" settings/);
    const bad = parse((c) => (c.email = { smtpUrl: 'http://user:hunter22@mail.example', from: 'not an address', address: '' }));
    expect(bad).toThrow(/email\.smtpUrl must be an SMTP URL.*email\.from must be a sender.*email\.address must be the store's postal address/);
    expect(bad).not.toThrow(/hunter22/);
    expect(parse((c) => (c.email = { smtpUrl: 'smtp://mail.example:587', from: 'Shop <shop@shop.example>', address: '1 Market St' }))()).toMatchObject({ email: { from: 'Shop <shop@shop.example>' } });
  });

  it('an email template needs {link} in its body and a one-line subject per locale', () => {
    const settings = (c: Record<string, any>) => (c.email = { smtpUrl: 'smtp://mail.example', from: 'shop@shop.example', address: '1 Market St' });
    expect(parse((c) => (settings(c), (c.campaigns.abandoned_cart.steps[0].emailTemplate = { subject: { en: 'Hi' }, body: { en: 'no link' } })))).toThrow(/the email body has no \{link\}/);
    expect(parse((c) => (settings(c), (c.campaigns.abandoned_cart.steps[0].emailTemplate = { subject: {}, body: { fa: '{link}' } })))).toThrow(/emailTemplate\.subject has no text for "fa"/);
    expect(parse((c) => (settings(c), (c.campaigns.abandoned_cart.steps[0].emailTemplate = { subject: { en: 'Go {link}' }, body: { en: '{link}' } })))).toThrow(/unknown placeholder in the email subject \{link\}/);
  });
});
