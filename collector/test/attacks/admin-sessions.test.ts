// A signed-out session is over everywhere, and the admin token cannot be guessed from one address.
// The attacker holds a copy of the owner's session cookie taken before sign-out (a shared
// computer, a proxy log), or tries tokens against the sign-in form, the Authorization header and
// token links.
import { get, type IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const signIn = async (c: CollectorProcess, token = ATTACK_ADMIN) =>
  fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });

const summary = (c: CollectorProcess, headers: Record<string, string>) => fetch(`${c.url}/v1/reports/summary`, { headers });

/** A browser navigation (fetch always says `Sec-Fetch-Mode: cors`, so it cannot be one). */
const navigate = (url: string, headers: Record<string, string>) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    get(url, { headers: { ...headers, 'sec-fetch-mode': 'navigate', accept: 'text/html' } }, (response) => resolve(response.resume())).on('error', reject);
  });

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met within 10 s');
}

describe.each(testStores)('admin sessions on $name', (store) => {
  it('a cookie copied before sign-out is refused afterwards, by this collector, another one on the same database, and after a restart', async () => {
    const first = await startCollectorProcess(store);
    const second = await startCollectorProcess(store, { databaseUrl: first.databaseUrl });
    const copied = (await signIn(first)).headers.getSetCookie()[0]!.split(';')[0]!;
    const other = (await signIn(first)).headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await summary(first, { cookie: copied })).status).toBe(200);
    expect((await summary(second, { cookie: copied })).status).toBe(200);

    const out = await fetch(`${first.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: copied, 'sec-fetch-site': 'same-origin' } });
    expect(out.status).toBe(303);
    expect((await summary(first, { cookie: copied })).status).toBe(401);
    await until(async () => (await summary(second, { cookie: copied })).status === 401);
    // Only that session ended: the owner's other browser stays signed in.
    expect((await summary(first, { cookie: other })).status).toBe(200);
    expect((await summary(second, { cookie: other })).status).toBe(200);

    await first.stop();
    const restarted = await startCollectorProcess(store, { databaseUrl: first.databaseUrl });
    expect((await summary(restarted, { cookie: copied })).status).toBe(401);
    expect((await summary(restarted, { cookie: other })).status).toBe(200);
  });

  it('ten wrong tokens from one address shut it out for a while, the right token included; other clients and sessions are not affected', async () => {
    const c = await startCollectorProcess(store);
    const session = (await signIn(c)).headers.getSetCookie()[0]!.split(';')[0]!;
    // Wrong tokens through every door count together.
    for (let i = 0; i < 4; i++) expect((await signIn(c, `guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 4; i++) expect((await summary(c, { authorization: `Bearer guess-${i}` })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await fetch(`${c.url}/app?token=guess-${i}`, { redirect: 'manual', headers: { accept: 'text/html' } })).status).toBe(303);

    const form = await signIn(c);
    expect(form.status).toBe(429);
    expect(Number(form.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(form.headers.getSetCookie()).toEqual([]);
    expect(await form.text()).toMatch(/Too many wrong tokens/);
    const api = await summary(c, { authorization: `Bearer ${ATTACK_ADMIN}` });
    expect(api.status).toBe(429);
    expect(await api.json()).toMatchObject({ error: 'too_many_attempts' });
    const link = await fetch(`${c.url}/app?token=${ATTACK_ADMIN}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(link.status).toBe(429);
    expect(link.headers.getSetCookie()).toEqual([]);

    // A session made before is still good, and another address can still sign in (the collector
    // believes X-Forwarded-For only when told to trust a proxy, so this client is another one).
    expect((await summary(c, { cookie: session })).status).toBe(200);
    const proxied = await startCollectorProcess(store, { databaseUrl: c.databaseUrl, args: ['--trust-proxy', 'true'] });
    for (let i = 0; i < 10; i++) await summary(proxied, { authorization: `Bearer guess-${i}`, 'x-forwarded-for': '203.0.113.7' });
    expect((await summary(proxied, { authorization: `Bearer ${ATTACK_ADMIN}`, 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await summary(proxied, { authorization: `Bearer ${ATTACK_ADMIN}`, 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
  });

  it('an IPv6 client counts as its /64, so new addresses from its own network guess no further', async () => {
    // Behind a trusted proxy the client is the address X-Forwarded-For names (see resource limits).
    const c = await startCollectorProcess(store, { args: ['--trust-proxy', 'true'] });
    // Every home connection gets a /64 or more: a fresh address for each guess costs nothing.
    for (let i = 0; i < 10; i++) expect((await summary(c, { authorization: `Bearer guess-${i}`, 'x-forwarded-for': `2001:db8:1:2::${(i + 1).toString(16)}` })).status).toBe(401);
    expect((await summary(c, { authorization: `Bearer ${ATTACK_ADMIN}`, 'x-forwarded-for': '2001:db8:1:2:ffff:1:2:3' })).status).toBe(429);
    expect((await summary(c, { authorization: `Bearer ${ATTACK_ADMIN}`, 'x-forwarded-for': '2001:db8:1:3::1' })).status).toBe(200);
  });

  it("another site's page cannot lock the owner out by sending wrong tokens from the owner's browser", async () => {
    const c = await startCollectorProcess(store);
    // What a page of a sibling subdomain makes the owner's browser send: form posts and images.
    const sibling = { 'sec-fetch-site': 'same-site', origin: 'https://evil.collect.example' };
    for (let i = 0; i < 12; i++) {
      const form = await fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...sibling, 'sec-fetch-mode': 'navigate', 'content-type': 'application/x-www-form-urlencoded' }, body: `token=guess-${i}` });
      expect(form.status).toBe(403);
      const image = await fetch(`${c.url}/app?token=guess-${i}`, { redirect: 'manual', headers: { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', accept: 'image/*' } });
      expect(image.headers.getSetCookie()).toEqual([]);
    }
    // The owner signs in from the sign-in page, and with a link opened from an e-mail (a navigation from another site).
    expect((await fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ATTACK_ADMIN}` })).status).toBe(303);
    const link = await navigate(`${c.url}/app?token=${ATTACK_ADMIN}`, { 'sec-fetch-site': 'cross-site' });
    expect([link.statusCode, link.headers.location, link.headers['set-cookie']?.length]).toEqual([303, '/app', 1]);
    // A client sending those headers itself gets no oracle from them: the right token is refused the same way.
    expect((await fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...sibling, 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ATTACK_ADMIN}` })).status).toBe(403);
  });
});
