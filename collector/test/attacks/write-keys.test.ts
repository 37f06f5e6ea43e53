// Write keys are public and come from the browser: a name that exists on every JavaScript object
// (`constructor`, `__proto__`, `toString`, ...) must be an unknown key on every route and every way
// of passing a key, and must never make the collector grant an origin or store an event.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, runCollectorToExit, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype); // constructor, __proto__, toString, hasOwnProperty, valueOf, ...
const EVIL_ORIGIN = 'https://evil.example';

const BATCH_PATHS = ['/v1/batch', '/v1/b', '/beacon/v1/batch'];
const SINGLE_PATHS: Record<string, string> = { '/v1/t': 'track', '/v1/track': 'track', '/v1/i': 'identify', '/v1/identify': 'identify', '/v1/p': 'page', '/v1/page': 'page' };
const WAYS = ['body', 'basic', 'query'] as const;
const ORIGINS = [undefined, ATTACK_ORIGIN, EVIL_ORIGIN];

function event(type: string) {
  return { type, event: type === 'track' ? 'Product Added' : undefined, properties: { price: 1 }, traits: { phone: '+989121234567' }, messageId: nanoid(), anonymousId: 'anon-attack', timestamp: new Date().toISOString() };
}

/** One ingest request with the key passed one way. */
function ingestRequest(base: string, path: string, key: string, way: (typeof WAYS)[number], origin: string | undefined) {
  const type = SINGLE_PATHS[path];
  const body: Record<string, unknown> = type ? event(type) : { batch: [event('track'), event('identify')] };
  if (way === 'body') body.writeKey = key;
  const url = new URL(path, base);
  if (way === 'query') url.searchParams.set('writeKey', key);
  const headers: Record<string, string> = { 'content-type': 'text/plain;charset=UTF-8' };
  if (way === 'basic') headers.authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  if (origin) headers.origin = origin;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function storedEvents(collector: CollectorProcess): Promise<number> {
  const response = await fetch(new URL('/v1/reports/summary', collector.url), { headers: { authorization: `Bearer ${ATTACK_ADMIN}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { events: { total: number } }).events.total;
}

describe.each(testStores)('write keys on $name', (store) => {
  let collector: CollectorProcess;
  // A fresh process per test (the helper ends every process after each test).
  beforeEach(async () => {
    collector = await startCollectorProcess(store);
  });

  it('refuses every prototype name as a write key on every ingest route, every way of passing it, with or without Origin, and stores nothing', async () => {
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']));
    const refused: string[] = [];
    for (const name of PROTOTYPE_NAMES) {
      for (const path of [...BATCH_PATHS, ...Object.keys(SINGLE_PATHS)]) {
        for (const way of WAYS) {
          await Promise.all(
            ORIGINS.map(async (origin) => {
              const response = await ingestRequest(collector.url, path, name, way, origin);
              await response.arrayBuffer();
              const granted = response.headers.get('access-control-allow-origin');
              if (response.status !== 401 || granted) refused.push(`${path} ${way} ${name} origin=${origin}: ${response.status} ${granted ?? ''}`);
            }),
          );
        }
      }
    }
    expect(refused).toEqual([]);
    expect(await storedEvents(collector)).toBe(0);

    // The same requests with the configured key are stored: the refusals above were about the key.
    for (const way of WAYS) expect((await ingestRequest(collector.url, '/v1/batch', ATTACK_KEY, way, ATTACK_ORIGIN)).status).toBe(200);
    expect(await storedEvents(collector)).toBe(6);
  });

  it('refuses prototype names on the offers and survey routes', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const offers = await fetch(new URL(`/v1/offers?write_key=${encodeURIComponent(name)}&order_id=1001`, collector.url), { headers: { origin: EVIL_ORIGIN } });
      expect(offers.status, `GET /v1/offers ${name}`).toBe(401);
      expect(offers.headers.get('access-control-allow-origin')).toBeNull();

      const accept = await fetch(new URL('/v1/offers/offer-1/accept', collector.url), {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: EVIL_ORIGIN },
        body: JSON.stringify({ write_key: name, token: 'x', quantity: 1 }),
      });
      expect(accept.status, `POST /v1/offers/:id/accept ${name}`).toBe(401);
      expect(accept.headers.get('access-control-allow-origin')).toBeNull();

      const surveyUrl = new URL(`/s/1001?k=${encodeURIComponent(name)}&t=x`, collector.url);
      expect((await fetch(surveyUrl)).status, `GET /s ${name}`).toBe(403);
      const answer = await fetch(surveyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=1&comment=hi' });
      expect(answer.status, `POST /s ${name}`).toBe(403);
    }
    const summary = (await (await fetch(new URL('/v1/reports/summary', collector.url), { headers: { authorization: `Bearer ${ATTACK_ADMIN}` } })).json()) as Record<string, any>;
    expect(summary.surveys.answers).toBe(0);
  });

  it('refuses prototype names as the write key in a webhook URL (platform orders, SMS replies), before any signature or body is looked at', async () => {
    const paths = (name: string) => [`/v1/webhooks/woocommerce/${name}`, `/v1/webhooks/shopify/${name}`, `/v1/campaigns/inbound/${name}`];
    for (const name of PROTOTYPE_NAMES) {
      for (const path of paths(encodeURIComponent(name))) {
        const response = await fetch(new URL(path, collector.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: EVIL_ORIGIN }, body: '{"from":"+989121234567","body":"STOP"}' });
        const answer = (await response.json()) as { error: string };
        expect([response.status, answer.error], `${path}`).toEqual([401, expect.stringMatching(/^unknown[ _]write[ _]key$/)]);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      }
    }
    // The configured key gets past the key check to the next one (no secret or signature yet).
    for (const path of paths(ATTACK_KEY)) {
      const response = await fetch(new URL(path, collector.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":"+989121234567","body":"STOP"}' });
      expect(((await response.json()) as { error: string }).error, path).not.toMatch(/^unknown[ _]write[ _]key$/);
    }
  });

  it('grants CORS only to the configured origins, whatever Origin a preflight or request claims', async () => {
    for (const origin of [EVIL_ORIGIN, 'null', ...PROTOTYPE_NAMES]) {
      for (const path of ['/v1/batch', '/v1/t', '/beacon/v1/batch', '/v1/offers']) {
        const preflight = await fetch(new URL(path, collector.url), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
        expect(preflight.headers.get('access-control-allow-origin'), `${path} preflight from ${origin}`).toBeNull();
      }
    }
    const allowed = await fetch(new URL('/v1/batch', collector.url), { method: 'OPTIONS', headers: { origin: ATTACK_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ATTACK_ORIGIN);
  });
});

describe('write keys in the configuration', () => {
  it.each(['__proto__=*', 'constructor=*', `${ATTACK_KEY}=${ATTACK_ORIGIN};toString=*`])('refuses to start with %s as a write key', async (keys) => {
    const { code, output } = await runCollectorToExit(['--port', '0', '--database', 'sqlite::memory:', '--admin-token', ATTACK_ADMIN, '--write-keys', keys]);
    expect(code).not.toBe(0);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/cannot be a write key/);
  });
});
