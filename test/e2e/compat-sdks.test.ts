// Segment's analytics.js (@segment/analytics-next) and RudderStack's JS SDK
// (@rudderstack/analytics-js), the real published packages, pointed at the Homing collector in
// Chromium: their events are accepted, deduped and turned into carts and identities
// (PROTOCOL.md section 5). No external network: both get their settings inline.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from 'homing-collector';
import { launchBrowser, repoRoot, startTestServer, waitFor, type TestServer } from './harness.js';
import { dropTestSchemas, testStores } from '../../collector/test/stores.js';

const WRITE_KEY = 'wk_compat';
const segmentDir = join(repoRoot, 'node_modules/@segment/analytics-next/dist/umd');
const rudderFile = join(repoRoot, 'node_modules/@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js');

let browser: Browser;
let server: TestServer;
let collector: FastifyInstance;
let collectorUrl: string;
/** What reached the collector, to check which endpoints and credentials each SDK used. */
const requests: { method: string; path: string; query: string; basicUser?: string; anonymousId?: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  // The SDK builds, served like a CDN would (the harness serves no node_modules by itself).
  server.use(async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const file = path.startsWith('/sdk/segment/') ? join(segmentDir, path.slice('/sdk/segment/'.length).replace(/\.\.+/g, '')) : path === '/sdk/rudderstack.js' ? rudderFile : undefined;
    if (!file) return false;
    const body = await readFile(file).catch(() => undefined);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/javascript' }).end(body ?? 'not found');
    return true;
  });
  server.use((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/compat.html') return false;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>compat</title><h1>compat</h1>');
    return true;
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dropTestSchemas();
});

const rows = (sql: string, params: unknown[] = []) => collector.homing.db.query<Record<string, any>>(sql, params);

describe.each(testStores)('Segment and RudderStack SDKs against the collector on $name', (store) => {
  beforeAll(async () => {
    collector = await createCollector({
      config: { databaseUrl: store.fresh(), writeKeys: { [WRITE_KEY]: { allowedOrigins: [server.origin] } }, adminToken: 'a', rateLimitPerSecond: 0 },
      features: [],
    });
    collector.addHook('onRequest', async (request) => {
      const auth = request.headers.authorization;
      requests.push({
        method: request.method,
        path: request.url.split('?')[0],
        query: request.url.split('?')[1] ?? '',
        basicUser: auth?.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : undefined,
        anonymousId: request.headers.anonymousid as string | undefined,
      });
    });
    collectorUrl = await collector.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await collector?.close();
  });

  it('accepts what @segment/analytics-next sends (track, identify, page) with Basic auth', async () => {
    requests.length = 0;
    const context = await browser.newContext();
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.origin) && !r.url().startsWith(collectorUrl)) external.push(r.url());
    });
    await page.goto(`${server.origin}/compat.html`);
    await page.addScriptTag({ url: '/sdk/segment/index.js' });
    const host = collectorUrl.replace(/^http:\/\//, '');
    await page.evaluate(
      async ({ writeKey, host, cdn }) => {
        const [analytics] = await (window as any).AnalyticsNext.AnalyticsBrowser.load(
          { writeKey, cdnURL: cdn, cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey, apiHost: `${host}/v1`, protocol: 'http' } } } },
          { integrations: { 'Segment.io': { apiHost: `${host}/v1`, protocol: 'http' } } },
        );
        await analytics.identify('user-7', { phone: '+1 415 555 2671', phone_consent: true });
        await analytics.track('Product Added', { product_id: 'seg-1', name: 'Segment Mug', price: 12, quantity: 1, cart_id: 'seg-cart', currency: 'USD' });
        await analytics.page();
      },
      { writeKey: WRITE_KEY, host, cdn: server.origin },
    );
    const events = await waitFor(async () => {
      const found = await rows("SELECT type, event, message_id, anonymous_id FROM events WHERE message_id LIKE 'ajs-%' ORDER BY id");
      return found.length >= 3 ? found : undefined;
    }, { message: 'three Segment events in the collector' });
    expect(events.map((e) => e.type).sort()).toEqual(['identify', 'page', 'track']);
    const [identity] = await rows('SELECT phone, phone_consent, user_id FROM identities WHERE anonymous_id = $1', [events[0].anonymous_id]);
    expect(identity).toEqual({ phone: '+14155552671', phone_consent: 1, user_id: 'user-7' });
    const [cart] = await rows("SELECT item_count, currency FROM carts WHERE cart_id = 'seg-cart'");
    expect(cart).toEqual({ item_count: 1, currency: 'USD' });
    expect(external).toEqual([]);
    const posts = requests.filter((r) => r.method === 'POST');
    const paths = posts.map((r) => r.path);
    expect(new Set(paths)).toEqual(new Set(['/v1/i', '/v1/t', '/v1/p']));
    expect(posts.every((r) => r.basicUser === WRITE_KEY)).toBe(true);
    await context.close();
  });

  for (const mode of ['xhr', 'beacon'] as const) {
    it(`accepts what @rudderstack/analytics-js sends (${mode}): originalTimestamp, traits in context.traits, write key only in Basic auth or the query`, async () => {
      requests.length = 0;
      const context = await browser.newContext();
      const page = await context.newPage();
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(server.origin) && !r.url().startsWith(collectorUrl)) external.push(r.url());
      });
      await page.goto(`${server.origin}/compat.html`);
      await page.addScriptTag({ url: '/sdk/rudderstack.js' });
      const cartId = `rs-cart-${mode}`;
      const anonymousId = await page.evaluate(
        ({ writeKey, dataPlane, cartId, beacon }) =>
          new Promise<string>((resolve) => {
            const analytics = new (window as any).rudderanalytics.RudderAnalytics();
            analytics.load(writeKey, dataPlane, {
              getSourceConfig: () => ({ source: { id: 'src-1', name: 'Homing compat', workspaceId: 'ws-1', enabled: true, config: {}, destinations: [] } }),
              polyfillIfRequired: false,
              useBeacon: beacon,
              ...(beacon ? { beaconQueueOptions: { flushQueueInterval: 200 } } : {}),
              logLevel: 'ERROR',
            });
            analytics.ready(() => {
              analytics.identify('user-r', { phone: '+44 7400 123456', phone_consent: true });
              analytics.track('Product Added', { product_id: 'rs-1', name: 'Rudder Tote', price: 30, quantity: 2, cart_id: cartId, currency: 'EUR' });
              analytics.page();
              resolve(analytics.getAnonymousId());
            });
          }),
        { writeKey: WRITE_KEY, dataPlane: collectorUrl, cartId, beacon: mode === 'beacon' },
      );
      const events = await waitFor(async () => {
        const found = await rows('SELECT type, event, timestamp FROM events WHERE anonymous_id = $1 ORDER BY id', [anonymousId]);
        return found.length >= 3 ? found : undefined;
      }, { message: `three RudderStack (${mode}) events in the collector` });
      expect(events.map((e) => e.type).sort()).toEqual(['identify', 'page', 'track']);
      const [identity] = await rows('SELECT phone, phone_consent, user_id FROM identities WHERE anonymous_id = $1', [anonymousId]);
      expect(identity).toEqual({ phone: '+447400123456', phone_consent: 1, user_id: 'user-r' });
      const [cart] = await rows('SELECT item_count, currency FROM carts WHERE cart_id = $1', [cartId]);
      expect(cart).toEqual({ item_count: 2, currency: 'EUR' });
      const posts = requests.filter((r) => r.method === 'POST');
      if (mode === 'beacon') {
        expect(posts.map((r) => r.path)).toContain('/beacon/v1/batch');
        expect(posts.every((r) => new URLSearchParams(r.query).get('writeKey') === WRITE_KEY)).toBe(true);
      } else {
        expect(new Set(posts.map((r) => r.path))).toEqual(new Set(['/v1/identify', '/v1/track', '/v1/page']));
        expect(posts.every((r) => r.basicUser === WRITE_KEY)).toBe(true);
      }
      expect(external).toEqual([]);
      await context.close();
    });
  }
});
