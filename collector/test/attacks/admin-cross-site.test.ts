// Admin is no browser API for other sites. The attacker runs a page on a sibling subdomain of the
// collector (same site, so the SameSite=Strict session cookie travels) or on the store's own
// origin (allowed for the write key): it can post forms and text/plain beacons with the admin's
// cookie, and send preflights. None of it may change admin data or read an admin answer.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const ADMIN_ROUTES: [method: string, path: string][] = [
  ['GET', '/app'],
  ['GET', '/app/carts'],
  ['GET', '/app/outbox'],
  ['GET', '/app/shopper'],
  ['GET', '/app/export/carts.csv'],
  ['POST', '/app/outbox/1/retry'],
  ['GET', '/app/campaigns'],
  ['GET', '/v1/reports/summary'],
  ['GET', '/v1/reports/retention?writeKey=wk_shop'],
  ['GET', '/v1/carts/abandoned'],
  ['GET', '/v1/campaigns'],
  ['GET', '/v1/campaigns/outbox'],
  ['POST', '/v1/campaigns/run'],
  ['POST', '/v1/campaigns/segments'],
  ['POST', '/v1/campaigns/blacklist'],
  ['GET', '/v1/campaigns/blacklist'],
  ['DELETE', '/v1/campaigns/blacklist'],
  ['POST', '/v1/campaigns/blacklist/import'],
  ['GET', '/v1/campaigns/blacklist/export'],
  ['GET', '/v1/admin/offers/rules'],
  ['PUT', '/v1/admin/offers/rules/r1'],
  ['DELETE', '/v1/admin/offers/rules/r1'],
  ['GET', '/v1/settings'],
  ['PUT', '/v1/settings/general'],
  ['PUT', '/v1/settings/campaigns/survey'],
  ['PUT', '/v1/settings/stores/wk_shop'],
  ['POST', '/v1/settings/stores'],
  ['DELETE', '/v1/settings/stores/wk_shop'],
  ['GET', '/v1/settings/audit'],
  ['POST', '/v1/settings/audit/1/revert'],
  ['POST', '/v1/settings/test-sms'],
];

const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

/** Opens the app from a link with the token, as an admin's browser would: the session cookie. */
async function signIn(c: CollectorProcess): Promise<{ response: Response; setCookie: string; cookie: string }> {
  const response = await fetch(`${c.url}/app?token=${ATTACK_ADMIN}&days=7`, { redirect: 'manual', headers: { accept: 'text/html' } });
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('homing_admin=')) ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0] };
}

async function blacklisted(c: CollectorProcess): Promise<unknown[]> {
  const db = await openDatabase(c.databaseUrl);
  try {
    return await db.query('SELECT phone FROM campaigns_blacklist');
  } finally {
    await db.close();
  }
}

describe.each(testStores)('admin routes against other sites ($name)', (store) => {
  it('a cross-site form or text/plain post carrying the session cookie changes nothing (415); the same as JSON does', async () => {
    const c = await startCollectorProcess(store);
    const { cookie } = await signIn(c);
    const post = (contentType: string | undefined, body: string | undefined, path = '/v1/campaigns/blacklist') =>
      fetch(`${c.url}${path}`, { method: 'POST', headers: { cookie, origin: ATTACK_ORIGIN, ...(contentType ? { 'content-type': contentType } : {}) }, body });

    const plain = await post('text/plain;charset=UTF-8', JSON.stringify({ phone: '+989121234567' }));
    expect(plain.status).toBe(415);
    expect(corsHeaders(plain)).toEqual([]);
    // The classic trick: a form whose field name and value join into valid JSON.
    const form = await post('application/x-www-form-urlencoded', `${encodeURIComponent('{"phone":"+989121234567","x":"')}=${encodeURIComponent('"}')}`);
    expect(form.status).toBe(415);
    const multipart = new FormData();
    multipart.set('phone', '+989121234567');
    expect((await fetch(`${c.url}/v1/campaigns/blacklist`, { method: 'POST', headers: { cookie, origin: ATTACK_ORIGIN }, body: multipart })).status).toBe(415);
    // A bodiless beacon (fetch no-cors, sendBeacon) to run the campaigns now.
    expect((await post(undefined, undefined, '/v1/campaigns/run')).status).toBe(415);
    expect(await blacklisted(c)).toEqual([]);

    // Every route that changes something, whatever it changes: a text/plain or bodiless request with the cookie is refused before it is read.
    for (const [method, path] of ADMIN_ROUTES.filter(([method]) => method !== 'GET')) {
      for (const contentType of ['text/plain', undefined]) {
        const response = await fetch(`${c.url}${path}`, { method, headers: { cookie, origin: ATTACK_ORIGIN, ...(contentType ? { 'content-type': contentType } : {}) }, body: contentType ? '{"phone":"+989121234567"}' : undefined });
        expect({ method, path, contentType, status: response.status }).toEqual({ method, path, contentType, status: 415 });
      }
    }
    expect(await blacklisted(c)).toEqual([]);

    // The admin's own page sends JSON (a cross-site page cannot without a preflight): accepted.
    const json = await post('application/json', JSON.stringify({ phone: '+989121234567' }));
    expect(json.status).toBe(200);
    expect(await blacklisted(c)).toEqual([{ phone: '+989121234567' }]);
  });

  it('no admin route grants CORS to the store origin allowed for the write key, on a preflight or on the answer', async () => {
    const c = await startCollectorProcess(store);
    const origin = ATTACK_ORIGIN;
    // The store's browser routes do get a grant: the check below can tell the difference.
    const ingest = await fetch(`${c.url}/v1/batch`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(ingest.headers.get('access-control-allow-origin')).toBe(origin);

    for (const [method, path] of ADMIN_ROUTES) {
      const preflight = await fetch(`${c.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
      });
      expect({ path, grants: corsHeaders(preflight) }).toEqual({ path, grants: [] });
      const answer = await fetch(`${c.url}${path}`, {
        method,
        headers: { origin, authorization: `Bearer ${ATTACK_ADMIN}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        body: method === 'GET' ? undefined : JSON.stringify({ text: 'hi', phone: '+989121234567' }),
      });
      expect(answer.status).toBeLessThan(500);
      expect({ path, grants: corsHeaders(answer) }).toEqual({ path, grants: [] });
      // A page may not be framed by another page (a sibling subdomain's frame would carry the cookie and invite clickjacking).
      if (answer.headers.get('content-type')?.startsWith('text/html')) expect({ path, csp: answer.headers.get('content-security-policy') }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
    }
  });

  it('a malformed, forged or tampered cookie is a 401 (never a 500); a browser without a session is sent to the login form', async () => {
    const c = await startCollectorProcess(store);
    const { cookie } = await signIn(c);
    const [expires, mac] = cookie.slice('homing_admin='.length).split('.');
    const later = (parseInt(expires!, 36) + 365 * 86_400_000).toString(36);
    for (const bad of ['homing_admin=%E0%A4%A', `homing_admin=${ATTACK_ADMIN}`, `homing_admin=${later}.${mac}`, 'homing_admin=', 'homing_admin=a.b.c']) {
      const response = await fetch(`${c.url}/v1/reports/summary`, { headers: { cookie: bad } });
      expect({ bad, status: response.status }).toEqual({ bad, status: 401 });
    }
    expect((await fetch(`${c.url}/v1/reports/summary`, { headers: { cookie } })).status).toBe(200);

    const browser = await fetch(`${c.url}/app/carts?days=7`, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml', cookie: 'homing_admin=%E0%A4%A' } });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/login?next=%2Fapp%2Fcarts%3Fdays%3D7');
    const api = await fetch(`${c.url}/app`, { redirect: 'manual', headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: expect.stringMatching(/admin token required/) });

    const login = await fetch(`${c.url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'; style-src 'self';.*form-action 'self'/);
    const html = await login.text();
    expect(html).toMatch(/<html lang="en" dir="ltr"/);
    expect(html).toMatch(/<form method="post" action="\/login">/);
  });

  it('a token in a link is exchanged for a session cookie and taken out of the URL; sign-in and sign-out work from forms', async () => {
    const c = await startCollectorProcess(store);
    const { response, setCookie, cookie } = await signIn(c);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/app?days=7');
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/); // served over plain http to a plain http public URL
    expect(setCookie).not.toContain(ATTACK_ADMIN);
    const overview = await fetch(`${c.url}/app`, { headers: { cookie, accept: 'text/html' } });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('action="/logout"');

    // A wrong token in a link leaves the URL as well, towards the login form.
    const wrong = await fetch(`${c.url}/app?token=guess`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/login?next=%2Fapp');
    expect(wrong.headers.getSetCookie()).toEqual([]);

    const form = (token: string) =>
      fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    const refused = await form('guess');
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie()).toEqual([]);
    const signedIn = await form(ATTACK_ADMIN);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/app');
    const formCookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await fetch(`${c.url}/v1/reports/summary`, { headers: { cookie: formCookie } })).status).toBe(200);

    // Another site's form (a sibling subdomain sends the cookie too) cannot sign the owner out.
    for (const headers of [{ 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'https://shop.example' }, { origin: 'null' }]) {
      const forged = await fetch(`${c.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: formCookie, ...headers } });
      expect(forged.status, JSON.stringify(headers)).toBe(403);
      expect(forged.headers.getSetCookie()).toEqual([]);
    }
    const signedOut = await fetch(`${c.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: formCookie, 'sec-fetch-site': 'same-origin' } });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.getSetCookie()[0]).toMatch(/^homing_admin=; .*Max-Age=0/);
  });

  it('the session cookie is Secure when browsers reach the collector over https', async () => {
    const c = await startCollectorProcess(store, { args: ['--public-url', 'https://collect.example'] });
    const { setCookie } = await signIn(c);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
  });
});
