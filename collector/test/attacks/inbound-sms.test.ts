// Attack: opting shoppers out of a store's messages by forging the SMS reply webhook. With Twilio as
// the provider, only a request carrying Twilio's signature (keyed with the auth token) counts; a GET
// (a link followed, a crawler) changes nothing; an opt-out belongs to the store the webhook URL
// names, so STOP to store A does not silence store B. Against the real collector process.
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { ATTACK_ADMIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { twilioSignature } from '../../src/sms/twilio-signature.js';

afterAll(dropTestSchemas);

const PUBLIC_URL = 'https://collect.example';
const AUTH_TOKEN = 'twilio-auth-token-of-the-store';
const PHONE = '+14155550123';
const DAY = 86_400_000;
// Twilio as the provider (never reached: quiet hours all day keep every message pending).
const CAMPAIGNS = JSON.stringify({
  provider: { provider: 'twilio', accountSid: 'AC123', authToken: AUTH_TOKEN, from: '+14155550000', baseUrl: 'http://127.0.0.1:9' },
  quietHours: { start: '00:00', end: '23:59' },
  frequencyCap: null,
  campaigns: { survey: { enabled: false }, cross_sell: { enabled: false } },
  stores: { wk_a: { url: 'https://a.example', country: 'US' }, wk_b: { url: 'https://b.example', country: 'US' } },
});
const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };

const start = (store: (typeof testStores)[number]) =>
  startCollectorProcess(store, {
    writeKeys: 'wk_a=*;wk_b=*',
    args: ['--public-url', PUBLIC_URL],
    env: { HOMING_CAMPAIGNS: CAMPAIGNS, HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_INBOUND_KEY: 'inbound-key' },
  });

/** The same shopper leaves a cart in both stores; the scheduler queues a reminder from each. */
async function cartsInBothStores(collector: CollectorProcess): Promise<void> {
  for (const writeKey of ['wk_a', 'wk_b']) {
    const sentAt = new Date().toISOString();
    const base = { anonymousId: `shopper-${writeKey}`, timestamp: sentAt };
    const batch = [
      { type: 'identify', messageId: nanoid(), traits: { phone: PHONE, phone_consent: true }, ...base },
      { type: 'track', event: 'Product Added', messageId: nanoid(), properties: { product_id: 'p1', name: 'Mug', price: 10, quantity: 1, currency: 'USD', cart_id: `cart-${writeKey}` }, ...base },
    ];
    const answer = await (await fetch(`${collector.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey, sentAt, batch }) })).json();
    expect(answer.accepted, JSON.stringify(answer)).toBe(2);
  }
  const asOf = new Date(Date.now() + 2 * DAY).toISOString();
  expect((await fetch(`${collector.url}/v1/campaigns/run?asOf=${encodeURIComponent(asOf)}`, { method: 'POST', headers: admin })).status).toBe(200);
  expect(await states(collector)).toEqual({ wk_a: 'pending', wk_b: 'pending' });
}

async function states(collector: CollectorProcess): Promise<Record<string, string>> {
  const { messages } = (await (await fetch(`${collector.url}/v1/campaigns/outbox`, { headers: admin })).json()) as { messages: { write_key: string; state: string }[] };
  return Object.fromEntries(messages.map((m) => [m.write_key, m.state]));
}

/** A reply as Twilio posts it to `path`, signed for the URL configured in Twilio (the public URL). */
function twilioReply(collector: CollectorProcess, path: string, body: string, sign: (url: string, form: URLSearchParams) => string | undefined) {
  const form = new URLSearchParams({ MessageSid: 'SM1', AccountSid: 'AC123', From: PHONE, To: '+14155550000', Body: body });
  const signature = sign(`${PUBLIC_URL}${path}`, form);
  return fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body: form,
  });
}
const genuine = (url: string, form: URLSearchParams) => twilioSignature(AUTH_TOKEN, url, form);

describe.each(testStores)('inbound SMS replies on %s', (store) => {
  it('refuses a forged or missing Twilio signature, and a signature for another URL', async () => {
    const collector = await start(store);
    await cartsInBothStores(collector);
    const path = '/v1/campaigns/inbound/wk_a';
    expect((await twilioReply(collector, path, 'STOP', () => undefined)).status).toBe(403);
    expect((await twilioReply(collector, path, 'STOP', (url, form) => twilioSignature('guessed-token', url, form))).status).toBe(403);
    // Signed by Twilio for store B's URL, replayed to store A's.
    expect((await twilioReply(collector, path, 'STOP', (_url, form) => genuine(`${PUBLIC_URL}/v1/campaigns/inbound/wk_b`, form))).status).toBe(403);
    // The inbound key of other providers is no way around Twilio's signature.
    expect((await twilioReply(collector, `${path}?key=inbound-key`, 'STOP', () => 'forged')).status).toBe(403);
    // A JSON reply carrying a signature of the bare URL: Twilio's signature covers a form, so the body would go unsigned.
    const bare = await fetch(`${collector.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': genuine(`${PUBLIC_URL}${path}`, new URLSearchParams()) },
      body: JSON.stringify({ from: PHONE, body: 'STOP' }),
    });
    expect(bare.status).toBe(415);
    expect(await states(collector)).toEqual({ wk_a: 'pending', wk_b: 'pending' });
    await collector.stop();
  });

  it("a genuine STOP to store A cancels A's message and leaves store B's", async () => {
    const collector = await start(store);
    await cartsInBothStores(collector);
    const answer = await twilioReply(collector, '/v1/campaigns/inbound/wk_a', 'STOP', genuine);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('<Response></Response>');
    expect(await states(collector)).toEqual({ wk_a: 'cancelled', wk_b: 'pending' });
    // Later runs keep it that way: B still messages the phone, A does not.
    const asOf = new Date(Date.now() + 3 * DAY).toISOString();
    await fetch(`${collector.url}/v1/campaigns/run?asOf=${encodeURIComponent(asOf)}`, { method: 'POST', headers: admin });
    expect(await states(collector)).toEqual({ wk_a: 'cancelled', wk_b: 'pending' });
    // The operator's blacklist for every store does stop B.
    await fetch(`${collector.url}/v1/campaigns/blacklist`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ phone: PHONE }) });
    expect(await states(collector)).toEqual({ wk_a: 'cancelled', wk_b: 'cancelled' });
    await collector.stop();
  });

  it('a GET with the reply in the query opts nobody out, and an unknown write key is refused', async () => {
    const collector = await start(store);
    await cartsInBothStores(collector);
    const query = new URLSearchParams({ Body: 'STOP', From: PHONE, key: 'inbound-key' });
    const get = await fetch(`${collector.url}/v1/campaigns/inbound/wk_a?${query}`);
    expect(get.status).toBe(405);
    const unknown = await twilioReply(collector, '/v1/campaigns/inbound/wk_nope', 'STOP', genuine);
    expect(unknown.status).toBe(401);
    expect((await fetch(`${collector.url}/v1/campaigns/inbound?${query}`, { method: 'POST' })).status).toBe(404);
    expect(await states(collector)).toEqual({ wk_a: 'pending', wk_b: 'pending' });
    await collector.stop();
  });
});

describe.each(testStores)('inbound SMS replies without Twilio on %s', (store) => {
  it('needs the inbound key in the URL (providers that cannot sign), and still applies to the named store only', async () => {
    const collector = await startCollectorProcess(store, {
      writeKeys: 'wk_a=*;wk_b=*',
      env: { HOMING_CAMPAIGNS: JSON.stringify({ ...JSON.parse(CAMPAIGNS), provider: { provider: 'outbox' } }), HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_INBOUND_KEY: 'inbound-key' },
    });
    await cartsInBothStores(collector);
    const reply = (key: string) =>
      fetch(`${collector.url}/v1/campaigns/inbound/wk_b?key=${key}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ from: PHONE, message: 'لغو' }) });
    expect((await reply('guessed')).status).toBe(401);
    expect(await states(collector)).toEqual({ wk_a: 'pending', wk_b: 'pending' });
    expect((await reply('inbound-key')).status).toBe(200);
    expect(await states(collector)).toEqual({ wk_a: 'pending', wk_b: 'cancelled' });
    await collector.stop();
  });
});
