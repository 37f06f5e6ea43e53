// Secrets stay secret: no credential reaches a log line or an admin answer, and the key that signs
// offers, survey links and sessions is the collector's own secret, never derived from the admin
// token (whoever holds the admin token, or guesses how a key is derived, forges nothing).
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { signOfferToken, type TokenClaims } from '../../src/offers/token.js';
import { waitFor } from '../../../test/e2e/harness.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const bearer = { authorization: `Bearer ${ATTACK_ADMIN}` };
const PHONE = '+989121234567';
/** The order key the platform shows only the buyer; the thank-you page sends it with the order. */
const ORDER_KEY = 'wc_order_Secrets1001';

async function sendEvents(c: CollectorProcess, batch: object[], writeKey = ATTACK_KEY): Promise<void> {
  const response = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey, batch, sentAt: new Date().toISOString() }) });
  const answer = await response.json();
  expect(answer.accepted, JSON.stringify(answer)).toBe(batch.length);
}

const event = (fields: object) => ({ messageId: nanoid(), anonymousId: 'a1', timestamp: new Date().toISOString(), ...fields });

/** An order with an offer rule matching it, and the offer's signed token as the browser gets it. */
async function offerToken(c: CollectorProcess): Promise<{ offerId: string; token: string }> {
  const rule = { id: 'r1', write_key: ATTACK_KEY, currency: 'USD', when: { product_ids: ['phone-1'] }, offer: [{ product_id: 'charger', name: 'Charger', price: 40 }], expires_in_minutes: 60 };
  expect((await fetch(`${c.url}/v1/admin/offers/rules/r1`, { method: 'PUT', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify(rule) })).status).toBe(200);
  await sendEvents(c, [event({ type: 'track', event: 'Order Completed', properties: { order_id: '1001', order_key: ORDER_KEY, value: 500, currency: 'USD', products: [{ product_id: 'phone-1' }] } })]);
  const answer = await (await fetch(`${c.url}/v1/offers?order_id=1001&order_key=${ORDER_KEY}&write_key=${ATTACK_KEY}&wait=5`, { headers: { origin: ATTACK_ORIGIN } })).json();
  return { offerId: answer.offers[0].id, token: answer.offers[0].choices[0].token };
}

/** Info lines are written: the last request's among them, and each request's completion. */
const allLogged = (output: string, lastUrl: string) => output.includes(lastUrl) && output.split('request completed').length === output.split('incoming request').length;

const accept = (c: CollectorProcess, offerId: string, token: string) =>
  fetch(`${c.url}/v1/offers/${encodeURIComponent(offerId)}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ATTACK_ORIGIN },
    body: JSON.stringify({ write_key: ATTACK_KEY, order_key: ORDER_KEY, token, quantity: 1 }),
  });

describe.each(testStores)('secrets ($name)', (store) => {
  it('request logs show no admin token, session cookie, webhook key or write key, wherever they were sent', async () => {
    const writeKey = 'wk_live_6f1d2c9a8b7e';
    const inboundKey = 'inbound-key-4e5f6a7b';
    const c = await startCollectorProcess(store, { logLevel: 'info', writeKeys: `${writeKey}=${ATTACK_ORIGIN}`, env: { HOMING_CAMPAIGNS_INBOUND_KEY: inboundKey, HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify({ stores: { [writeKey]: { url: ATTACK_ORIGIN, country: 'IR' } } }) } });
    const link = await fetch(`${c.url}/app?token=${ATTACK_ADMIN}`, { redirect: 'manual' });
    const session = link.headers.getSetCookie()[0]!.split(';')[0]!;
    const sessionValue = session.split('=')[1]!;
    await fetch(`${c.url}/v1/reports/summary`, { headers: bearer });
    await fetch(`${c.url}/v1/reports/summary`, { headers: { cookie: session } });
    await fetch(`${c.url}/v1/reports/summary?token=${ATTACK_ADMIN}`, { redirect: 'manual' });
    await fetch(`${c.url}/v1/campaigns/inbound/${writeKey}?key=${inboundKey}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: PHONE, body: 'hello' }) });
    await fetch(`${c.url}/v1/batch?writeKey=${writeKey}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ batch: [] }) });
    await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'text/plain' }, body: '{"batch":[]}' });
    await fetch(`${c.url}/no-such-page?token=${ATTACK_ADMIN}&Key=${inboundKey}`);
    // The buyer's order key opens the order's offers: it is a credential too.
    await fetch(`${c.url}/v1/offers?order_id=1001&order_key=wc_order_LogSecret77&write_key=${writeKey}`, { headers: { origin: ATTACK_ORIGIN } });
    await fetch(`${c.url}/healthz?done=1`);
    await waitFor(() => allLogged(c.output(), '/healthz?done=1'), { message: 'every request to be logged' });

    const output = c.output();
    expect(output).toContain('[redacted]'); // the URLs were logged, with the credentials taken out
    for (const secret of [ATTACK_ADMIN, sessionValue, inboundKey, 'wc_order_LogSecret77']) expect(output).not.toContain(secret);
    // A write key is public (it names the store in webhook paths), but the ways a browser passes
    // one are not logged: the query value is redacted, the Basic auth header is left out.
    expect(output).not.toContain(`writeKey=${writeKey}`);
    expect(output).not.toContain(Buffer.from(`${writeKey}:`).toString('base64'));
  });

  it('the outbox provider logs neither the phone number nor the text of a message at info level', async () => {
    const c = await startCollectorProcess(store, { logLevel: 'info', env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify({ quietHours: null, stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR' } } }) } });
    const context = { timezone: 'UTC', locale: 'en-GB', platform: 'shopify', page: { url: 'https://shop.example/products/shirt' } };
    await sendEvents(c, [
      event({ type: 'identify', traits: { phone: PHONE, phone_consent: true, first_name: 'Sara', name_source: 'prompt' }, context }),
      event({ type: 'track', event: 'Product Added', properties: { product_id: 'p-shirt', name: 'Shirt', price: 20, quantity: 1, currency: 'USD', cart_id: 'cart-1' }, context }),
    ]);
    const asOf = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const run = await (await fetch(`${c.url}/v1/campaigns/run?asOf=${asOf}`, { method: 'POST', headers: bearer })).json();
    expect(run.sent).toBe(1);
    const { messages } = await (await fetch(`${c.url}/v1/campaigns/outbox?state=sent`, { headers: bearer })).json();
    expect(messages[0].body).toContain('Sara');

    await waitFor(() => allLogged(c.output(), '/v1/campaigns/outbox'), { message: 'every request to be logged' });
    const output = c.output();
    expect(output).not.toContain('9121234567');
    expect(output).not.toContain(messages[0].body);
  });

  it.each([
    ['twilio', { provider: 'twilio', accountSid: 'AC00000000000000000000000000000001', authToken: 'twilio-auth-7c1d9e', from: '+15005550006' }, 'twilio-auth-7c1d9e'],
    ['kavenegar', { provider: 'kavenegar', apiKey: 'kavenegar-key-5a3b8f', sender: '10004346' }, 'kavenegar-key-5a3b8f'],
    ['webhook', { provider: 'webhook', url: 'https://sms.example/send', secret: 'webhook-secret-2d4c6e', headers: { authorization: 'Bearer header-secret-9f8e' } }, 'webhook-secret-2d4c6e'],
  ])('GET /v1/campaigns shows no credential (%s provider, a store restore secret)', async (_name, provider, providerSecret) => {
    const campaigns = { provider, stores: { [ATTACK_KEY]: { url: 'https://shop.example', restoreSecret: 'restore-secret-1b2c3d' } } };
    const c = await startCollectorProcess(store, { env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(campaigns) } });
    const response = await fetch(`${c.url}/v1/campaigns`, { headers: bearer });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const secret of [providerSecret, 'restore-secret-1b2c3d', 'header-secret-9f8e', ATTACK_ADMIN]) expect(text).not.toContain(secret);
    const answer = JSON.parse(text);
    expect(answer.provider).toEqual({ provider: provider.provider });
    expect(answer.stores[ATTACK_KEY]).toEqual({ url: 'https://shop.example', restoreSecret: { set: true } });
  });

  it('offer tokens and survey links signed with a key derived from the admin token are refused', async () => {
    const c = await startCollectorProcess(store);
    const { offerId, token } = await offerToken(c);
    const claims: TokenClaims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    // How such keys used to be made, and the admin token itself.
    for (const key of [createHmac('sha256', ATTACK_ADMIN).update('homing offers').digest('hex'), ATTACK_ADMIN]) {
      const forged = await accept(c, offerId, signOfferToken({ ...claims, a: 0.01 }, key));
      expect(forged.status).toBe(403);
      expect((await forged.json()).error).toBe('bad_signature');
      const surveyToken = createHmac('sha256', key).update(`survey\n${ATTACK_KEY}\n1001`).digest().subarray(0, 16).toString('base64url');
      expect((await fetch(`${c.url}/s/1001?k=${ATTACK_KEY}&t=${surveyToken}`)).status).toBe(403);
    }
    expect((await accept(c, offerId, token)).status).toBe(200);
  });

  it('a signed token survives a restart on the same database', async () => {
    const first = await startCollectorProcess(store);
    const { offerId, token } = await offerToken(first);
    await first.stop();
    const second = await startCollectorProcess(store, { databaseUrl: first.databaseUrl });
    const accepted = await accept(second, offerId, token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: true, duplicate: false });
  });

  it('two processes started together on one database share one secret', async () => {
    const databaseUrl = store.fresh();
    const [a, b] = await Promise.all([startCollectorProcess(store, { databaseUrl }), startCollectorProcess(store, { databaseUrl })]);
    const { offerId, token } = await offerToken(a!);
    const accepted = await accept(b!, offerId, token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: true });
  });
});
