// Exactly-once sending across a crash, with a real collector process killed (SIGKILL) while the
// SMS provider holds its request: after a restart on the same database,
//  - Kavenegar (dedupes on localid) gets the same message again with the same localid, and the
//    shopper receives it once;
//  - Twilio (no idempotency key) is not asked again: the message is marked 'unknown'.
// Also an injected failure between the provider's answer and the confirmation, in process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { nanoid } from 'nanoid';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { waitFor } from '../../test/e2e/harness.js';
import { createProvider } from '../src/sms/index.js';
import { DAY, MIN, T0, outbox, runAt, shopperAddsToCart, startCampaigns, testCampaigns } from './campaigns-helpers.js';
import type { TestCollectorApp } from './helpers.js';

afterAll(dropTestSchemas);

const bin = resolve(import.meta.dirname, '../bin/homing-collector.mjs');
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

/** A fake SMS API that records every request and delivers each localid (Kavenegar) once. */
async function fakeProvider(onRequest: (body: URLSearchParams) => 'answer' | 'hold') {
  const requests: URLSearchParams[] = [];
  const delivered = new Map<string, number>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = new URLSearchParams(raw);
      requests.push(body);
      const key = body.get('localid') ?? `twilio-${requests.length}`;
      const first = !delivered.has(key);
      if (first) delivered.set(key, requests.length);
      if (onRequest(body) === 'hold') return; // never answer: the collector dies waiting
      const json = req.url!.includes('/sms/send.json')
        ? { return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 1000 + delivered.get(key)!, status: 1 }] }
        : { sid: `SM${requests.length}`, status: 'queued' };
      res.writeHead(req.url!.includes('Messages.json') ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, delivered };
}

async function startProcess(databaseUrl: string, campaigns: unknown): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', '--database', databaseUrl, '--write-keys', 'wk_p=*', '--admin-token', 't', '--public-url', 'https://c.example'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOMING_LOG_LEVEL: 'warn', HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify(campaigns) },
  });
  children.push(child);
  const exited = new Promise((r) => child.once('exit', r));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
  return { child, url, exited };
}

const auth = { authorization: 'Bearer t' };

async function seedCart(url: string, now: number) {
  const at = new Date(now).toISOString();
  const base = { anonymousId: 'a1', timestamp: at, context: { timezone: 'UTC', page: { url: 'https://shop.example/' }, platform: 'shopify' } };
  const response = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      writeKey: 'wk_p',
      sentAt: at,
      batch: [
        { type: 'identify', traits: { phone: '+989121234567', phone_consent: true, first_name: 'Sara', name_source: 'prompt' }, messageId: nanoid(), ...base },
        { type: 'track', event: 'Product Added', properties: { cart_id: 'c1', product_id: 'p1', variant: '11', quantity: 1, price: 10 }, messageId: nanoid(), ...base },
      ],
    }),
  });
  expect((await response.json()).accepted).toBe(2);
}

const run = (url: string, asOf: number) =>
  fetch(`${url}/v1/campaigns/run?asOf=${new Date(asOf).toISOString()}`, { method: 'POST', headers: auth }).then(async (r) => ({ status: r.status, body: r.status === 200 ? await r.json() : await r.text() }));

const messages = (url: string) => fetch(`${url}/v1/campaigns/outbox`, { headers: auth }).then(async (r) => (await r.json()).messages as Record<string, any>[]);

const onlyFirstStep = (provider: Record<string, unknown>) => ({
  provider,
  quietHours: null,
  frequencyCap: null,
  stores: { wk_p: { url: 'https://shop.example', country: 'IR' } },
  campaigns: { abandoned_cart: { enabled: true, steps: [{ after: '1h', template: { en: '{name}, your cart: {link}' } }] }, survey: { enabled: false, steps: [] }, cross_sell: { enabled: false, steps: [] } },
});

describe.each(testStores)('exactly-once sending across a killed process on $name', (store) => {
  it('Kavenegar: resent after the restart with the same localid, delivered once', async () => {
    const databaseUrl = store.fresh();
    let killed: ChildProcess | undefined;
    const fake = await fakeProvider(() => {
      if (!killed) return 'answer';
      killed.kill('SIGKILL'); // the process dies while the provider holds the request
      killed = undefined;
      return 'hold';
    });
    const config = onlyFirstStep({ provider: 'kavenegar', apiKey: 'KEY', baseUrl: fake.base });
    const first = await startProcess(databaseUrl, config);
    const now = Date.now();
    await seedCart(first.url, now);
    killed = first.child;
    await run(first.url, now + 2 * 3_600_000).catch(() => undefined); // the connection dies with the process
    await first.exited;
    expect(fake.requests).toHaveLength(1);

    const second = await startProcess(databaseUrl, config);
    expect((await messages(second.url))[0]).toMatchObject({ state: 'sending' });
    // Before the lease expires the message is left alone (another process may still be sending it).
    expect((await run(second.url, now + 2 * 3_600_000 + 60_000)).body).toMatchObject({ sent: 0, recovered: 0 });
    const after = await run(second.url, now + 3 * 3_600_000);
    expect(after.body).toMatchObject({ sent: 1, recovered: 1 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((r) => r.get('localid'))).toEqual([fake.requests[0]!.get('localid'), fake.requests[0]!.get('localid')]);
    expect(fake.requests[1]!.get('message')).toBe(fake.requests[0]!.get('message')); // the stored body, not a re-render
    expect(fake.delivered.size).toBe(1);
    const [message] = await messages(second.url);
    expect(message).toMatchObject({ state: 'sent', attempts: 2 });
    // Later runs send nothing more.
    expect((await run(second.url, now + 5 * DAY)).body).toMatchObject({ sent: 0 });
    expect(fake.requests).toHaveLength(2);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('Twilio: not resent after the restart; the message is marked unknown', async () => {
    const databaseUrl = store.fresh();
    let victim: ChildProcess | undefined;
    const fake = await fakeProvider(() => {
      victim?.kill('SIGKILL');
      return 'hold';
    });
    const config = onlyFirstStep({ provider: 'twilio', accountSid: 'AC1', authToken: 'tok', from: '+15005550006', baseUrl: fake.base });
    const first = await startProcess(databaseUrl, config);
    const now = Date.now();
    await seedCart(first.url, now);
    victim = first.child;
    await run(first.url, now + 2 * 3_600_000).catch(() => undefined);
    await first.exited;
    victim = undefined;

    const second = await startProcess(databaseUrl, config);
    const after = await run(second.url, now + 3 * 3_600_000);
    expect(after.body).toMatchObject({ sent: 0, unknown: 1 });
    expect(fake.requests).toHaveLength(1);
    const [message] = await messages(second.url);
    expect(message).toMatchObject({ state: 'unknown' });
    expect(message!.error).toMatch(/not resent/);
    const summary = await fetch(`${second.url}/v1/reports/summary`, { headers: auth }).then((r) => r.json());
    expect(summary.campaigns.steps[0]).toMatchObject({ sent: 0, unknown: 1 });
    second.child.kill('SIGTERM');
    await second.exited;
  });
});

describe.each(testStores)('an injected failure between the provider answer and the confirmation on $name', (store) => {
  let t: TestCollectorApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('the outbox provider (idempotent) is asked again with the same key, never a second key', async () => {
    const seen: string[] = [];
    const provider = createProvider(undefined, (line) => seen.push(line));
    const keys: string[] = [];
    const tracking = { ...provider, send: (m: Parameters<typeof provider.send>[0]) => (keys.push(m.idempotencyKey), provider.send(m)) };
    let crash = true;
    const databaseUrl = store.fresh();
    const hooks = {
      afterProviderAnswered() {
        if (crash) throw new Error('process died');
      },
    };
    t = await startCampaigns(store, { provider: tracking, hooks, config: testCampaigns((c) => (c.campaigns.survey.enabled = false)) }, { databaseUrl });
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await expect(runAt(t, T0 + DAY + MIN)).rejects.toThrow(/500/);
    expect((await outbox(t)).map((m) => m.state)).toEqual(['sending']);
    await t.app.close();

    crash = false;
    t = await startCampaigns(store, { provider: tracking, hooks, config: testCampaigns((c) => (c.campaigns.survey.enabled = false)) }, { databaseUrl });
    expect(await runAt(t, T0 + DAY + 10 * MIN)).toMatchObject({ sent: 1, recovered: 1 });
    expect(keys).toEqual(['abandoned_cart:0:wk_test:cart-a1', 'abandoned_cart:0:wk_test:cart-a1']);
    expect(seen[0]).toBe(seen[1]); // the same text both times
    expect((await outbox(t)).map((m) => m.state)).toEqual(['sent']);
  });
});

describe.each(testStores)('two collectors sharing one database on $name', (store) => {
  const apps: TestCollectorApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.app.close();
  });

  it('running the scheduler at the same moment sends every message exactly once', async () => {
    const databaseUrl = store.fresh();
    const sentKeys: string[] = [];
    const provider = { name: 'counting', idempotent: false, async send(m: { idempotencyKey: string }) {
      sentKeys.push(m.idempotencyKey);
      await new Promise((r) => setTimeout(r, 1)); // let the other collector interleave
      return { providerMessageId: m.idempotencyKey };
    } };
    const options = { provider, config: testCampaigns((c) => (c.campaigns.survey.enabled = false)) };
    const a = await startCampaigns(store, options, { databaseUrl });
    apps.push(a);
    for (let i = 0; i < 30; i++) await shopperAddsToCart(a, { anonymousId: `s${i}`, phone: `+98912555${String(i).padStart(4, '0')}` });
    const b = await startCampaigns(store, options, { databaseUrl });
    apps.push(b);
    const [ra, rb] = await Promise.all([runAt(a, T0 + DAY + MIN), runAt(b, T0 + DAY + MIN)]);
    expect(ra.sent + rb.sent).toBe(30);
    expect(sentKeys).toHaveLength(30);
    expect(new Set(sentKeys).size).toBe(30);
    expect((await outbox(a)).every((m) => m.state === 'sent')).toBe(true);
  });
});
