// Settings changed through the admin API on a running collector: a change applies to the next
// campaign run, a new store's write key and a removed origin at once, and on every collector sharing
// the database within seconds; no secret reaches an answer, the audit or the logs; other sites cannot
// change settings; invalid changes change nothing; a revert restores; and the configuration file
// still wins at restart when, and only when, it changed.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/e2e/harness.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { HOUR, NOW, addsToCart, campaignsSettings, runCampaigns, sentTexts, startCampaignsCollector } from './campaigns-driver.js';

afterAll(dropTestSchemas);

const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };
const EVIL = 'https://evil.example';
const store = { url: ATTACK_ORIGIN, country: 'IR' };

async function api(c: CollectorProcess, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const response = await fetch(`${c.url}${path}`, {
    method,
    headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
}

/** A batch from a browser page of `origin` with `writeKey`: the status and the CORS grant. */
async function batchFrom(c: CollectorProcess, writeKey: string, origin: string): Promise<{ status: number; grant: string | null }> {
  const sentAt = new Date().toISOString();
  const response = await fetch(`${c.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
    body: JSON.stringify({ writeKey, sentAt, batch: [{ type: 'track', event: 'Product Viewed', messageId: nanoid(), anonymousId: 'a1', timestamp: sentAt }] }),
  });
  await response.arrayBuffer();
  return { status: response.status, grant: response.headers.get('access-control-allow-origin') };
}

function campaignsFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'homing-settings-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** A fake SMS provider (the generic webhook): every message it was asked to send. */
async function fakeProvider(): Promise<{ url: string; received: { to: string; body: string; auth?: string }[]; server: Server }> {
  const received: { to: string; body: string; auth?: string }[] = [];
  const server = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => {
      received.push({ ...JSON.parse(data), auth: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `m${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/sms`, received, server };
}
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe.each(testStores)('settings changed on a running collector ($name)', (testStore) => {
  it('a step delay and Persian text changed through the API apply to the next campaign run, with no restart', async () => {
    const c = await startCampaignsCollector(testStore, campaignsSettings({ stores: { [ATTACK_KEY]: store } }));
    await addsToCart(c, { anonymousId: 'fa-1', phone: '+989121234567', locale: 'fa-IR' });
    // The file says one day: three hours later nothing is due.
    await runCampaigns(c, NOW + 3 * HOUR);
    expect(await sentTexts(c)).toEqual([]);

    const { body: settings } = await api(c, 'GET', '/v1/settings');
    const cart = settings.campaigns.abandoned_cart;
    cart.steps[0] = { ...cart.steps[0], after: '2h', template: { ...cart.steps[0].template, fa: 'سبد خرید شما هنوز اینجاست: {link}' } };
    expect((await api(c, 'PUT', '/v1/settings/campaigns/abandoned_cart', cart)).status).toBe(200);

    await runCampaigns(c, NOW + 3 * HOUR);
    const sent = await sentTexts(c);
    expect(sent.map((m) => m.body!.replace(/https:\S+$/, 'LINK'))).toEqual(['سبد خرید شما هنوز اینجاست: LINK']);
    await c.stop();
  });

  it('a new store write key is accepted by /v1/batch at once; an origin removed loses its CORS grant at once', async () => {
    const c = await startCollectorProcess(testStore, { args: ['--rate-limit', '0', '--client-rate-limit', '0'] });
    const other = 'https://rose.example';
    expect((await batchFrom(c, 'wk_not_yet', other)).status).toBe(401);
    const created = await api(c, 'POST', '/v1/settings/stores', { name: 'Rose', url: other, country: 'AE', allowedOrigins: [other, 'https://www.rose.example'] });
    expect(created.status).toBe(201);
    const writeKey: string = created.body.writeKey;
    expect(writeKey).toMatch(/^wk_[A-Za-z0-9_-]{20,}$/);
    expect(await batchFrom(c, writeKey, 'https://www.rose.example')).toEqual({ status: 200, grant: 'https://www.rose.example' });

    const kept = await api(c, 'PUT', `/v1/settings/stores/${writeKey}`, { ...created.body, allowedOrigins: [other] });
    expect(kept.status).toBe(200);
    const removed = await batchFrom(c, writeKey, 'https://www.rose.example');
    expect(removed.grant).toBeNull();
    expect(removed.status).toBeGreaterThanOrEqual(400);
    const preflight = await fetch(`${c.url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://www.rose.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(await batchFrom(c, writeKey, other)).toEqual({ status: 200, grant: other });
    await c.stop();
  });

  it('no secret appears in GET /v1/settings, the audit or the logs, whether from the file or set through the API', async () => {
    const fake = await fakeProvider();
    servers.push(fake.server);
    const fileSecrets = ['file-provider-secret', 'file-header-token', 'file-restore-secret', 'file-woo-secret', 'file-shopify-secret', 'shpat_file_admin_token'];
    const file = campaignsFile({
      quietHours: null,
      provider: { provider: 'webhook', url: fake.url, secret: fileSecrets[0], headers: { authorization: `Bearer ${fileSecrets[1]}` } },
      stores: {
        [ATTACK_KEY]: {
          ...store,
          restoreSecret: fileSecrets[2],
          woocommerce: { webhookSecret: fileSecrets[3] },
          shopify: { webhookSecret: fileSecrets[4], shopDomain: 'rose.myshopify.com', adminAccessToken: fileSecrets[5] },
        },
      },
    });
    const c = await startCollectorProcess(testStore, { logLevel: 'debug', args: ['--public-url', 'https://collect.example'], env: { HOMING_CAMPAIGNS_FILE: file, HOMING_CAMPAIGNS_INTERVAL: '0' } });
    const { body: settings } = await api(c, 'GET', '/v1/settings');
    const apiSecrets = ['api-restore-secret', 'api-woo-secret', 'api-provider-secret'];
    const storeChange = await api(c, 'PUT', `/v1/settings/stores/${ATTACK_KEY}`, { ...settings.stores[ATTACK_KEY], restoreSecret: apiSecrets[0], woocommerce: { webhookSecret: apiSecrets[1] } });
    expect(storeChange.status).toBe(200);
    const generalChange = await api(c, 'PUT', '/v1/settings/general', { ...settings.general, provider: { ...settings.general.provider, secret: apiSecrets[2] } });
    expect(generalChange.status).toBe(200);
    // The kept header token still reaches the provider: the secret was kept, not lost.
    const test = await api(c, 'POST', '/v1/settings/test-sms', { writeKey: ATTACK_KEY, campaign: 'abandoned_cart', step: 0, locale: 'en', phone: '+989121234567' });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ to: '+989121234567', provider: 'webhook', body: 'Sara, you left something in your cart. Finish your order with code off5: https://collect.example/r/test' });
    expect(fake.received).toEqual([expect.objectContaining({ to: '+989121234567', body: test.body.body, auth: `Bearer ${fileSecrets[1]}` })]);

    const answers = [
      (await api(c, 'GET', '/v1/settings')).text,
      (await api(c, 'GET', '/v1/settings/audit?limit=500')).text,
      storeChange.text,
      generalChange.text,
      test.text,
      (await api(c, 'GET', '/v1/campaigns')).text,
    ].join('\n');
    expect(answers).toContain('{"set":true}');
    for (const secret of [...fileSecrets, ...apiSecrets]) {
      expect(answers).not.toContain(secret);
      expect(c.output()).not.toContain(secret);
    }
    await c.stop();
  });

  it('other sites cannot change settings: form and text/plain bodies are refused (415) with no CORS grant', async () => {
    const c = await startCollectorProcess(testStore);
    const signIn = await fetch(`${c.url}/app?token=${ATTACK_ADMIN}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    const cookie = signIn.headers.getSetCookie().find((line) => line.startsWith('homing_admin='))!.split(';')[0]!;
    const before = (await api(c, 'GET', '/v1/settings')).text;
    for (const [method, path] of [
      ['PUT', '/v1/settings/general'],
      ['PUT', `/v1/settings/stores/${ATTACK_KEY}`],
      ['POST', '/v1/settings/stores'],
      ['POST', '/v1/settings/audit/1/revert'],
    ] as const) {
      for (const contentType of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
        const answer = await fetch(`${c.url}${path}`, { method, headers: { cookie, origin: EVIL, 'content-type': contentType }, body: JSON.stringify({ allowedOrigins: [EVIL] }) });
        expect({ path, contentType, status: answer.status, grant: answer.headers.get('access-control-allow-origin') }).toEqual({ path, contentType, status: 415, grant: null });
      }
      const preflight = await fetch(`${c.url}${path}`, { method: 'OPTIONS', headers: { origin: ATTACK_ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const read = await fetch(`${c.url}/v1/settings`, { headers: { cookie, origin: ATTACK_ORIGIN } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect((await api(c, 'GET', '/v1/settings')).text).toBe(before);
    await c.stop();
  });

  it('an invalid change answers 400 naming every problem and changes nothing; a revert restores the value before', async () => {
    const c = await startCollectorProcess(testStore);
    const before = await api(c, 'GET', '/v1/settings');
    const bad = await api(c, 'PUT', '/v1/settings/general', { ...before.body.general, quietHours: { start: '9pm', end: '09:00' }, maxAgeDays: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(['quietHours must be null or {"start": "HH:MM", "end": "HH:MM"}: quiet hours: "9pm" is not HH:MM', 'maxAgeDays must be a number above 0, got -1']);
    const badStore = await api(c, 'PUT', `/v1/settings/stores/${ATTACK_KEY}`, { allowedOrigins: ['javascript:alert(1)'], url: 'https://u:p@shop.example' });
    expect(badStore.status).toBe(400);
    expect(badStore.body.problems).toHaveLength(2);
    expect((await api(c, 'GET', '/v1/settings')).text).toBe(before.text);
    expect(await batchFrom(c, ATTACK_KEY, ATTACK_ORIGIN)).toEqual({ status: 200, grant: ATTACK_ORIGIN });

    const changed = await api(c, 'PUT', `/v1/settings/stores/${ATTACK_KEY}`, { ...before.body.stores[ATTACK_KEY], allowedOrigins: [] });
    expect(changed.status).toBe(200);
    expect((await batchFrom(c, ATTACK_KEY, ATTACK_ORIGIN)).grant).toBeNull();
    const [entry] = (await api(c, 'GET', `/v1/settings/audit?scope=store:${ATTACK_KEY}&limit=1`)).body;
    expect(entry).toMatchObject({ who: 'admin', before: { allowedOrigins: [ATTACK_ORIGIN] }, after: { allowedOrigins: [] } });
    const reverted = await api(c, 'POST', `/v1/settings/audit/${entry.id}/revert`, {});
    expect(reverted.status).toBe(200);
    expect(await batchFrom(c, ATTACK_KEY, ATTACK_ORIGIN)).toEqual({ status: 200, grant: ATTACK_ORIGIN });
    const after = await api(c, 'GET', '/v1/settings');
    expect({ ...after.body, version: 0 }).toEqual({ ...before.body, version: 0 });
    await c.stop();
  });

  it('two collectors on one database: a change made on one applies on the other within the refresh period', async () => {
    const a = await startCollectorProcess(testStore, { args: ['--rate-limit', '0', '--client-rate-limit', '0'] });
    const b = await startCollectorProcess(testStore, { databaseUrl: a.databaseUrl, args: ['--rate-limit', '0', '--client-rate-limit', '0'] });
    const created = await api(a, 'POST', '/v1/settings/stores', { url: 'https://rose.example', country: 'AE', allowedOrigins: ['https://rose.example'] });
    expect(created.status).toBe(201);
    await waitFor(async () => (await batchFrom(b, created.body.writeKey, 'https://rose.example')).status === 200, { message: 'the other collector to accept the new write key' });
    const { body } = await api(a, 'GET', '/v1/settings');
    expect((await api(a, 'PUT', `/v1/settings/stores/${ATTACK_KEY}`, { ...body.stores[ATTACK_KEY], allowedOrigins: [] })).status).toBe(200);
    await waitFor(async () => (await batchFrom(b, ATTACK_KEY, ATTACK_ORIGIN)).grant === null, { message: 'the other collector to drop the origin' });
    await a.stop();
    await b.stop();
  });

  it('the file route: a changed file applies at restart; an unchanged file keeps the value set in the app', async () => {
    const file = campaignsFile({ phoneDailyCap: 4, stores: { [ATTACK_KEY]: store } });
    const env = { HOMING_CAMPAIGNS_FILE: file, HOMING_CAMPAIGNS_INTERVAL: '0' };
    const first = await startCollectorProcess(testStore, { env });
    const { body } = await api(first, 'GET', '/v1/settings');
    expect(body.general.phoneDailyCap).toBe(4);
    expect((await api(first, 'PUT', '/v1/settings/general', { ...body.general, phoneDailyCap: 8 })).status).toBe(200);
    await first.stop();

    const second = await startCollectorProcess(testStore, { env, databaseUrl: first.databaseUrl });
    expect((await api(second, 'GET', '/v1/settings')).body.general.phoneDailyCap).toBe(8);
    await second.stop();

    writeFileSync(file, JSON.stringify({ phoneDailyCap: 5, stores: { [ATTACK_KEY]: store } }));
    const third = await startCollectorProcess(testStore, { env, databaseUrl: first.databaseUrl });
    expect((await api(third, 'GET', '/v1/settings')).body.general.phoneDailyCap).toBe(5);
    const [entry] = (await api(third, 'GET', '/v1/settings/audit?scope=general&limit=1')).body;
    expect(entry).toMatchObject({ who: 'configuration file', before: { phoneDailyCap: 8 }, after: { phoneDailyCap: 5 } });
    await third.stop();
  });
});
