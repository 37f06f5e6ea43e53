// Settings in the database: the API's documents and refusals, secrets kept and hidden, the audit and
// reverts, changes applied to the running collector at once, and seeding from the configuration
// file across restarts.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCollector } from '../src/server.js';
import { defaultFeatures } from '../src/features.js';
import { nextSendDayTime } from '../src/campaigns/send-days.js';
import { admin, ADMIN, send, startCollector, track } from './helpers.js';
import { HOUR, outbox, PUBLIC_URL, runAt, shopperAddsToCart } from './campaigns-helpers.js';
import type { Engine } from '../src/campaigns/engine.js';
import { dropTestSchemas, testStores, type TestStore } from './stores.js';

afterAll(dropTestSchemas);

const T0 = Date.parse('2026-11-23T10:00:00.000Z'); // a Monday
const DAY = 86_400_000;

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function campaignsFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'homing-settings-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const fileSettings = (overrides: Record<string, unknown> = {}) => ({
  quietHours: null,
  frequencyCap: null,
  provider: { provider: 'webhook', url: 'https://sms.example/send', secret: 'webhook-signing-secret', headers: { authorization: 'Bearer provider-header-token' } },
  stores: { wk_test: { url: 'https://shop.example', country: 'IR', restoreSecret: 'restore-secret-value', woocommerce: { webhookSecret: 'woo-secret-value' } } },
  ...overrides,
});
const SECRETS = ['webhook-signing-secret', 'provider-header-token', 'restore-secret-value', 'woo-secret-value'];

async function start(store: TestStore, options: { databaseUrl?: string; file?: string; writeKeys?: Record<string, { allowedOrigins: string[] }>; clock?: { now: Date } } = {}) {
  const clock = options.clock ?? { now: new Date(T0) };
  const app = await createCollector({
    config: {
      databaseUrl: options.databaseUrl ?? store.fresh(),
      writeKeys: options.writeKeys ?? { wk_test: { allowedOrigins: ['https://shop.example'] } },
      adminToken: ADMIN,
      publicUrl: 'https://collect.example',
      rateLimitPerSecond: 0,
      clientRateLimitPerSecond: 0,
      env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_FILE: options.file ?? campaignsFile(fileSettings()) },
    },
    features: defaultFeatures,
    now: () => clock.now,
  });
  apps.push(app);
  return { app, clock };
}

const json = { ...admin, 'content-type': 'application/json' };
async function call(app: FastifyInstance, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: payload === undefined ? admin : json, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined, text: response.body };
}

describe('send days and send window', () => {
  const tehran = 'Asia/Tehran'; // UTC+3:30
  it('a message due outside waits for the next allowed minute in the shopper zone', () => {
    // Monday 10:00 UTC = 13:30 Tehran; window 18:00-20:00 → Monday 18:00 Tehran = 14:30 UTC.
    expect(nextSendDayTime(new Date(T0), tehran, { sendWindow: { start: '18:00', end: '20:00' } }).toISOString()).toBe('2026-11-23T14:30:00.000Z');
    // Only Saturdays: the next Saturday 00:00 Tehran (Friday 20:30 UTC).
    expect(nextSendDayTime(new Date(T0), tehran, { sendDays: ['sat'] }).toISOString()).toBe('2026-11-27T20:30:00.000Z');
    // Saturday in the window: Saturday 18:00 Tehran.
    expect(nextSendDayTime(new Date(T0), tehran, { sendDays: ['sat'], sendWindow: { start: '18:00', end: '20:00' } }).toISOString()).toBe('2026-11-28T14:30:00.000Z');
    // Allowed now: unchanged.
    expect(nextSendDayTime(new Date(T0), 'UTC', { sendDays: ['mon'], sendWindow: { start: '09:00', end: '17:00' } }).toISOString()).toBe(new Date(T0).toISOString());
    // After the window ends: tomorrow's start; a window across midnight.
    expect(nextSendDayTime(new Date(T0), 'UTC', { sendWindow: { start: '06:00', end: '08:00' } }).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(nextSendDayTime(new Date(T0), 'UTC', { sendWindow: { start: '22:00', end: '02:00' } }).toISOString()).toBe('2026-11-23T22:00:00.000Z');
  });
});

describe.each(testStores)('settings API on $name', (store) => {
  it('shows every document with secrets only as {"set": true}', async () => {
    const { app } = await start(store);
    const { status, body, text } = await call(app, 'GET', '/v1/settings');
    expect(status).toBe(200);
    expect(body.version).toBeGreaterThan(0);
    expect(body.general.provider).toEqual({ provider: 'webhook', url: 'https://sms.example/send', secret: { set: true }, headers: { set: true } });
    expect(body.general.quietHours).toBeNull();
    expect(Object.keys(body.campaigns).sort()).toEqual(['abandoned_cart', 'cross_sell', 'survey']);
    expect(body.stores.wk_test).toMatchObject({ url: 'https://shop.example', allowedOrigins: ['https://shop.example'], restoreSecret: { set: true }, woocommerce: { webhookSecret: { set: true } } });
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const audit = await call(app, 'GET', '/v1/settings/audit');
    expect(audit.body.length).toBeGreaterThan(0);
    expect(audit.body.every((e: any) => e.who === 'configuration file')).toBe(true);
    for (const secret of SECRETS) expect(audit.text).not.toContain(secret);
  });

  it('keeps a secret omitted or marked set, sets one given and clears one given as null', async () => {
    const { app } = await start(store);
    const { body: current } = await call(app, 'GET', '/v1/settings');
    const kept = await call(app, 'PUT', '/v1/settings/stores/wk_test', { ...current.stores.wk_test, name: 'Tea Shop', woocommerce: {} });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ name: 'Tea Shop', restoreSecret: { set: true }, woocommerce: { webhookSecret: { set: true } } });
    const [row] = await app.homing.db.query<{ document: string }>("SELECT document FROM settings_scopes WHERE scope = 'store:wk_test'");
    expect(JSON.parse(row!.document)).toMatchObject({ restoreSecret: 'restore-secret-value', woocommerce: { webhookSecret: 'woo-secret-value' } });

    const changed = await call(app, 'PUT', '/v1/settings/stores/wk_test', { ...kept.body, restoreSecret: 'new-restore-secret', woocommerce: { webhookSecret: null } });
    expect(changed.status).toBe(200);
    expect(changed.body.woocommerce).toEqual({});
    expect(changed.text).not.toContain('new-restore-secret');
    const [after] = await app.homing.db.query<{ document: string }>("SELECT document FROM settings_scopes WHERE scope = 'store:wk_test'");
    expect(JSON.parse(after!.document)).toMatchObject({ restoreSecret: 'new-restore-secret', woocommerce: {} });
    const audit = await call(app, 'GET', '/v1/settings/audit?scope=store:wk_test&limit=1');
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ who: 'admin', scope: 'store:wk_test', before: { name: 'Tea Shop', restoreSecret: { set: true } }, after: { restoreSecret: { set: true } } });
    expect(audit.text).not.toContain('new-restore-secret');
    expect(audit.text).not.toContain('restore-secret-value');
  });

  it('a provider of another kind keeps none of the old one secrets', async () => {
    const { app } = await start(store);
    const { body: current } = await call(app, 'GET', '/v1/settings');
    const answer = await call(app, 'PUT', '/v1/settings/general', { ...current.general, provider: { provider: 'kavenegar', secret: { set: true } } });
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual(['sms provider "kavenegar": apiKey is required']);
    const ok = await call(app, 'PUT', '/v1/settings/general', { ...current.general, provider: { provider: 'kavenegar', apiKey: 'kavenegar-api-key' } });
    expect(ok.status).toBe(200);
    expect(ok.body.provider).toEqual({ provider: 'kavenegar', apiKey: { set: true } });
  });

  it('refuses an invalid document with every problem named and changes nothing', async () => {
    const { app } = await start(store);
    const before = await call(app, 'GET', '/v1/settings');
    const bad = await call(app, 'PUT', '/v1/settings/campaigns/abandoned_cart', {
      enabled: 'yes',
      sendDays: ['monday'],
      sendWindow: { start: '25:00', end: '10:00' },
      steps: [{ after: 'tomorrow', template: { en: 'Hi {nmae}: {link}', fa: 'بدون لینک' } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      'abandoned_cart: enabled must be true or false',
      'abandoned_cart: sendDays must be a non-empty list of "mon", "tue", "wed", "thu", "fri", "sat", "sun"',
      'abandoned_cart: sendWindow must be null or {"start": "HH:MM", "end": "HH:MM"}: quiet hours: "25:00" is not HH:MM',
      'abandoned_cart step 1: "tomorrow" is not a duration like "30m", "23h" or "9d"',
      'abandoned_cart step 1 (en): unknown placeholder {nmae}; allowed: {name} {link} {code} {store}',
      'abandoned_cart step 1 (fa): the text has no {link}',
    ]);
    const general = await call(app, 'PUT', '/v1/settings/general', { ...before.body.general, phoneDailyCap: 0, defaultTimezone: 'Mars/Base', color: 'red' });
    expect(general.status).toBe(400);
    expect(general.body.problems).toEqual(['general: unknown field "color" (provider, quietHours, defaultTimezone, frequencyCap, phoneDailyCap, defaultLocale, attributionDays, maxAgeDays, leaseSeconds, maxAttempts, idleMinutes)']);
    const general2 = await call(app, 'PUT', '/v1/settings/general', { ...before.body.general, phoneDailyCap: 0, defaultTimezone: 'Mars/Base' });
    expect(general2.body.problems).toEqual(['phoneDailyCap must be a whole number of at least 1, got 0', 'defaultTimezone must be a time zone like "UTC" or "Asia/Tehran", got "Mars/Base"']);
    const storeBad = await call(app, 'PUT', '/v1/settings/stores/wk_test', { url: 'ftp://shop.example', allowedOrigins: ['https://shop.example/path'] });
    expect(storeBad.body.problems).toEqual([
      'stores.wk_test.allowedOrigins must be a list of origins like "https://shop.example" (scheme and host, no path), or "*" for any',
      `stores.wk_test.url must be the store's http(s) URL, e.g. "https://shop.example", got "ftp://shop.example"`,
    ]);
    expect((await call(app, 'PUT', '/v1/settings/campaigns/winback', { enabled: true, steps: [] })).status).toBe(404);
    expect((await call(app, 'PUT', '/v1/settings/stores/wk_nobody', { allowedOrigins: [] })).status).toBe(404);
    expect((await call(app, 'PUT', '/v1/settings/stores/constructor', { allowedOrigins: [] })).status).toBe(404);
    const after = await call(app, 'GET', '/v1/settings');
    expect(after.body).toEqual(before.body);
  });

  it('a new store: its write key is accepted at once; removing it refuses the key at once', async () => {
    const { app } = await start(store);
    const created = await call(app, 'POST', '/v1/settings/stores', { name: 'Rose Shop', url: 'https://rose.example', country: 'AE', allowedOrigins: ['https://rose.example/'] });
    expect(created.status).toBe(201);
    expect(created.body.writeKey).toMatch(/^wk_[A-Za-z0-9_-]{20,}$/);
    expect(created.body).toMatchObject({ name: 'Rose Shop', allowedOrigins: ['https://rose.example'] });
    const writeKey = created.body.writeKey;
    const accepted = await send(app, [track('Product Viewed')], { writeKey, headers: { origin: 'https://rose.example' } });
    expect(accepted.status).toBe(200);
    expect(accepted.headers['access-control-allow-origin']).toBe('https://rose.example');
    expect((await call(app, 'DELETE', `/v1/settings/stores/${writeKey}`)).status).toBe(200);
    const refused = await send(app, [track('Product Viewed')], { writeKey, headers: { origin: 'https://rose.example' } });
    expect(refused.status).toBe(401);
  });

  it('reverts a change as a new audited change, and refuses (409) to revert over a later one', async () => {
    const { app } = await start(store);
    const { body } = await call(app, 'GET', '/v1/settings');
    const first = await call(app, 'PUT', '/v1/settings/general', { ...body.general, phoneDailyCap: 7 });
    const second = await call(app, 'PUT', '/v1/settings/general', { ...first.body, phoneDailyCap: 9 });
    expect(second.body.phoneDailyCap).toBe(9);
    const [latest, older] = (await call(app, 'GET', '/v1/settings/audit?scope=general')).body;
    expect(latest.after.phoneDailyCap).toBe(9);
    expect((await call(app, 'POST', `/v1/settings/audit/${older.id}/revert`, {})).status).toBe(409);
    const reverted = await call(app, 'POST', `/v1/settings/audit/${latest.id}/revert`, {});
    expect(reverted.status).toBe(200);
    expect(reverted.body.document.phoneDailyCap).toBe(7);
    expect((await call(app, 'POST', `/v1/settings/audit/${older.id}/revert`, {})).body.document.phoneDailyCap).toBe(3);
    // The provider's secrets came back through the revert too (never through the answer).
    const [row] = await app.homing.db.query<{ document: string }>("SELECT document FROM settings_scopes WHERE scope = 'general'");
    expect(JSON.parse(row!.document).provider.secret).toBe('webhook-signing-secret');
    expect((await call(app, 'GET', '/v1/settings/audit?scope=general')).body.map((e: any) => e.who)).toEqual(['admin', 'admin', 'admin', 'admin', 'configuration file']);
    expect((await call(app, 'POST', '/v1/settings/audit/999999/revert', {})).status).toBe(404);
  });

  it('the file route and the app route: a file change wins at restart, an unchanged file keeps the app change', async () => {
    const databaseUrl = store.fresh();
    const file = campaignsFile(fileSettings({ phoneDailyCap: 4 }));
    const first = await start(store, { databaseUrl, file });
    const { body } = await call(first.app, 'GET', '/v1/settings');
    expect(body.general.phoneDailyCap).toBe(4);
    await call(first.app, 'PUT', '/v1/settings/general', { ...body.general, phoneDailyCap: 6 });
    await first.app.close();

    const second = await start(store, { databaseUrl, file });
    expect((await call(second.app, 'GET', '/v1/settings')).body.general.phoneDailyCap).toBe(6);
    await second.app.close();

    writeFileSync(file, JSON.stringify(fileSettings({ phoneDailyCap: 5 })));
    const third = await start(store, { databaseUrl, file });
    expect((await call(third.app, 'GET', '/v1/settings')).body.general.phoneDailyCap).toBe(5);
    const [latest] = (await call(third.app, 'GET', '/v1/settings/audit?scope=general&limit=1')).body;
    expect(latest).toMatchObject({ who: 'configuration file', before: { phoneDailyCap: 6 }, after: { phoneDailyCap: 5 } });
  });

  it('a change applies to the next campaign run: step delay, Persian text, send days, the store URL of short links and the provider', async () => {
    const file = campaignsFile(fileSettings({ provider: { provider: 'outbox' } }));
    const t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_FILE: file } }, defaultFeatures);
    apps.push(t.app);
    await shopperAddsToCart(t, { anonymousId: 'fa-1', locale: 'fa-IR', timezone: 'UTC', at: T0 });
    const { body } = await call(t.app, 'GET', '/v1/settings');
    const cart = body.campaigns.abandoned_cart;
    cart.steps[0] = { ...cart.steps[0], after: '2h', template: { ...cart.steps[0].template, fa: 'سبد شما آماده است، کد {code}: {link}' } };
    cart.sendDays = ['tue'];
    cart.sendWindow = { start: '09:00', end: '12:00' };
    expect((await call(t.app, 'PUT', '/v1/settings/campaigns/abandoned_cart', cart)).status).toBe(200);

    // Monday 13:00 UTC, 3 hours idle (the file said 1 day): made, and held for Tuesday 09:00.
    await runAt(t, T0 + 3 * HOUR);
    const [waiting] = await outbox(t);
    expect(waiting).toMatchObject({ state: 'pending', due_at: '2026-11-24T09:00:00.000Z' });
    expect(waiting!.error).toMatch(/send days or window in UTC/);
    await runAt(t, Date.parse('2026-11-24T09:00:00.000Z'));
    const [sent] = await outbox(t);
    expect(sent!.state).toBe('sent');
    expect(sent!.body).toMatch(/^سبد شما آماده است، کد off5: https:\/\/collect\.example\/r\/[A-Za-z0-9]+$/);

    // Short links follow the store's current URL: moved elsewhere, the old link leads nowhere.
    const path = new URL(sent!.body.match(/https:\S+$/)![0]).pathname;
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(302);
    const moved = await call(t.app, 'PUT', '/v1/settings/stores/wk_test', { ...body.stores.wk_test, url: 'https://new-shop.example' });
    expect(moved.status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);

    const engine = (t.app.homing.features.find((f) => f.name === 'campaigns') as unknown as { engine(ctx: unknown): Engine }).engine(t.app.homing.ctx);
    expect(engine.provider.name).toBe('outbox');
    const general = await call(t.app, 'PUT', '/v1/settings/general', { ...body.general, provider: { provider: 'webhook', url: 'https://sms.example/send' } });
    expect(general.status).toBe(200);
    expect(engine.provider.name).toBe('webhook');
  });

  it('sends a test SMS of a step with sample data, only to a number of the store countries', async () => {
    const t = await startCollector(store, { publicUrl: PUBLIC_URL, env: { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS_FILE: campaignsFile(fileSettings({ provider: { provider: 'outbox' } })) } }, defaultFeatures);
    apps.push(t.app);
    const sent = await call(t.app, 'POST', '/v1/settings/test-sms', { writeKey: 'wk_test', campaign: 'abandoned_cart', step: 1, locale: 'fa', phone: '09121234567' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ to: '+989121234567', locale: 'fa', provider: 'outbox', body: 'قیمت سبد خرید شما به زودی بالا می‌رود؛ همین حالا با ۱۰٪ تخفیف بخرید: https://collect.example/r/test' });
    const foreign = await call(t.app, 'POST', '/v1/settings/test-sms', { writeKey: 'wk_test', campaign: 'abandoned_cart', step: 0, locale: 'en', phone: '+447700900123' });
    expect(foreign.status).toBe(400);
    expect((await call(t.app, 'POST', '/v1/settings/test-sms', { writeKey: 'wk_nobody', campaign: 'abandoned_cart', step: 0, phone: '+989121234567' })).status).toBe(404);
    expect((await call(t.app, 'POST', '/v1/settings/test-sms', { writeKey: 'wk_test', campaign: 'survey', step: 3, phone: '+989121234567' })).status).toBe(404);
    expect(await outbox(t)).toEqual([]);
  });

  it('a webhook secret changed through the API is the one platform webhooks are checked with, at once', async () => {
    const { app } = await start(store);
    const hook = (secret: string) => {
      const payload = JSON.stringify({ id: 1 });
      return app.inject({
        method: 'POST',
        url: '/v1/webhooks/woocommerce/wk_test',
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'product.updated',
          'x-wc-webhook-delivery-id': nanoid(),
          'x-wc-webhook-signature': createHmac('sha256', secret).update(payload).digest('base64'),
        },
        payload,
      });
    };
    expect((await hook('woo-secret-value')).statusCode).toBe(200);
    const { body } = await call(app, 'GET', '/v1/settings');
    expect((await call(app, 'PUT', '/v1/settings/stores/wk_test', { ...body.stores.wk_test, woocommerce: { webhookSecret: 'rotated-woo-secret' } })).status).toBe(200);
    expect((await hook('woo-secret-value')).statusCode).toBe(401);
    expect((await hook('rotated-woo-secret')).statusCode).toBe(200);
  });

  it('a store gone from the flags is removed at restart; a store created in the app stays', async () => {
    const databaseUrl = store.fresh();
    const file = campaignsFile(fileSettings());
    const first = await start(store, { databaseUrl, file, writeKeys: { wk_test: { allowedOrigins: ['*'] }, wk_gone: { allowedOrigins: ['*'] } } });
    const created = await call(first.app, 'POST', '/v1/settings/stores', { url: 'https://rose.example' });
    await first.app.close();
    const second = await start(store, { databaseUrl, file, writeKeys: { wk_test: { allowedOrigins: ['*'] } } });
    const { body } = await call(second.app, 'GET', '/v1/settings');
    expect(Object.keys(body.stores).sort()).toEqual([created.body.writeKey, 'wk_test'].sort());
    expect((await send(second.app, [track('Product Viewed')], { writeKey: 'wk_gone' })).status).toBe(401);
    expect((await send(second.app, [track('Product Viewed')], { writeKey: created.body.writeKey })).status).toBe(200);
  });
});
