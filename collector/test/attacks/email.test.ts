// Attack: a stranger with the public write key makes the store's own e-mail carry their text (HTML,
// a link, a domain) by sending it as the shopper's name, or adds a recipient or a header through the
// address they type; or reads the SMTP login from the collector's logs or answers. Only a name that
// looks like a person's reaches an e-mail, HTML-escaped; only a plain address is ever mailed; the
// SMTP URL is shown as "set" and never logged.
import { nanoid } from 'nanoid';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN } from './collector-process.js';
import { DAY, HOUR, NOW, campaignsSettings, outboxMessages, runCampaigns, sendEvents, startCampaignsCollector } from './campaigns-driver.js';
import { startSmtpServer, type TestSmtpServer } from '../smtp-test-server.js';

afterAll(dropTestSchemas);

const PASSWORD = 'smtp-Pa55-never-shown';
const store = { url: 'https://shop.example', country: 'IR', name: 'Shop Example' };
const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };

function emailSettings(smtpUrl: string): Record<string, unknown> {
  const settings = campaignsSettings({ stores: { [ATTACK_KEY]: store } });
  (settings.campaigns as any).abandoned_cart.steps = [{ after: '1d', channel: 'email' }];
  return { ...settings, email: { smtpUrl, from: 'Shop Example <shop@shop.example>', address: '1 Market St, Haifa' } };
}

/** A visitor who types an address, agrees to e-mail, gives a "name" and adds a mug to a cart. */
const visitor = (anonymousId: string, email: string, name: unknown) => {
  const base = { anonymousId, context: { timezone: 'UTC', locale: 'en-US', platform: 'shopify', page: { url: `${ATTACK_ORIGIN}/products/mug` } } };
  return [
    { type: 'identify', traits: { email, email_consent: true, first_name: name, name_source: 'prompt' }, ...base },
    { type: 'track', event: 'Product Added', properties: { cart_id: `cart-${anonymousId}-${nanoid(4)}`, product_id: 'p-mug', name: 'Mug', price: 10, quantity: 1, currency: 'USD' }, ...base },
  ];
};

describe.each(testStores)('no attacker text or credential in campaign e-mail on $name', (testStore) => {
  let smtp: TestSmtpServer;
  afterEach(async () => smtp?.close());

  it('a name with HTML, a link or a domain is dropped and nothing of it reaches the mail; an address with a header or a second recipient is never mailed', async () => {
    smtp = await startSmtpServer();
    const c = await startCampaignsCollector(testStore, emailSettings(smtp.url));
    const hostile = ['<a href="https://evil.example">Win</a>', 'https://evil.example/prize', 'evil.com', '"><script>alert(1)</script>', 'Sara<img src=x>'];
    for (const [i, name] of hostile.entries()) await sendEvents(c, visitor(`h${i}`, `victim${i}@mail.example`, name));
    await sendEvents(c, visitor('named', 'anne@mail.example', "Anne-Marie O'Neil"));
    for (const [i, email] of ['x@mail.example\r\nBcc: all@evil.example', 'a@mail.example, b@evil.example', 'Evil <x@evil.example>'].entries()) {
      await sendEvents(c, visitor(`inject${i}`, email, 'Sara'));
    }
    await runCampaigns(c, NOW + DAY + HOUR);
    await c.stop();

    expect(smtp.received.flatMap((m) => m.envelopeTo).sort()).toEqual(['anne@mail.example', ...hostile.map((_, i) => `victim${i}@mail.example`)].sort());
    for (const mail of smtp.received) {
      const everything = `${mail.raw}\n${mail.parsed.html}\n${mail.parsed.text}\n${mail.parsed.subject}`;
      expect(everything).not.toMatch(/evil|<script|<img|alert\(|Win</);
      if (mail.envelopeTo[0] === 'anne@mail.example') {
        expect(mail.parsed.text).toMatch(/^Hi Anne-Marie O'Neil,/);
        expect(String(mail.parsed.html)).toContain('Hi Anne-Marie O&#39;Neil,');
      } else {
        expect(mail.parsed.text).toMatch(/^You left something in your cart at Shop Example\./);
      }
    }
  });

  it('the SMTP login is in no log line, no answer and no stored error, even when the server refuses it', async () => {
    smtp = await startSmtpServer({ user: 'mailer', pass: 'the-right-one' });
    const wrong = `smtp://mailer:${PASSWORD}@127.0.0.1:${smtp.port}`;
    const c = await startCampaignsCollector(testStore, emailSettings(wrong), { logLevel: 'debug' });
    await sendEvents(c, visitor('shopper', 'shopper@mail.example', 'Sara'));
    await runCampaigns(c, NOW + DAY + HOUR);

    const [message] = await outboxMessages(c);
    expect(message).toMatchObject({ state: 'failed' });
    expect(message!.error).toMatch(/smtp/i);
    const config = await (await fetch(`${c.url}/v1/campaigns`, { headers: admin })).text();
    expect(JSON.parse(config).email).toMatchObject({ smtpUrl: { set: true } });
    const outbox = await (await fetch(`${c.url}/v1/campaigns/outbox`, { headers: admin })).text();
    await c.stop();
    for (const text of [config, outbox, c.output()]) expect(text).not.toContain(PASSWORD);
    expect(smtp.received).toHaveLength(0);
  });
});
