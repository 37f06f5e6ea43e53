// The owner's editing screens show text that others wrote: a shopper's name (browser traits, sent
// by anyone with the public write key) in the message preview, offer rule and product names, store
// names, values in the settings history. None of it may become markup or script in the owner's
// browser. And the screens never carry a secret: stores and history show only that one is set.
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const HOSTILE = '</script><img src=x onerror=alert(1)>';
const WEBHOOK_SECRET = 'whsec-never-shown-1234';
const ADMIN_TOKEN = 'shpat-never-shown-5678';
const admin = { authorization: `Bearer ${ATTACK_ADMIN}`, 'content-type': 'application/json' };

async function signedIn(c: CollectorProcess): Promise<string> {
  const response = await fetch(`${c.url}/app?token=${ATTACK_ADMIN}`, { redirect: 'manual', headers: { accept: 'text/html' } });
  return (response.headers.getSetCookie().find((line) => line.startsWith('homing_admin=')) ?? '').split(';')[0]!;
}

describe.each(testStores)('owner screens against hostile text ($name)', (store) => {
  it('a hostile shopper name, store name and offer rule stay text on every screen; no secret is on any', async () => {
    const campaigns = {
      stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR', name: HOSTILE, woocommerce: { webhookSecret: WEBHOOK_SECRET }, shopify: { shopDomain: 'shop.myshopify.com', adminAccessToken: ADMIN_TOKEN } } },
    };
    const c = await startCollectorProcess(store, { env: { HOMING_CAMPAIGNS: JSON.stringify(campaigns), HOMING_CAMPAIGNS_INTERVAL: '0' } });
    // Anyone with the write key names themselves.
    const at = new Date().toISOString();
    const batch = [{ type: 'identify', anonymousId: 'a1', messageId: nanoid(), timestamp: at, traits: { phone: '+989121234567', phone_consent: true, first_name: HOSTILE } }];
    const ingest = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ATTACK_ORIGIN }, body: JSON.stringify({ writeKey: ATTACK_KEY, sentAt: at, batch }) });
    expect(ingest.status).toBe(200);
    const rule = { write_key: ATTACK_KEY, name: HOSTILE, currency: 'USD', offer: [{ product_id: 'p1', name: HOSTILE, price: 10 }] };
    expect((await fetch(`${c.url}/v1/admin/offers/rules/r1`, { method: 'PUT', headers: admin, body: JSON.stringify(rule) })).status).toBe(200);
    expect((await fetch(`${c.url}/v1/admin/offers/rules/r1`, { method: 'PUT', headers: admin, body: JSON.stringify({ ...rule, name: `${HOSTILE}2` }) })).status).toBe(200);

    const cookie = await signedIn(c);
    for (const lang of ['en', 'fa']) {
      for (const path of ['/app/campaigns', '/app/offers', '/app/blacklist', '/app/stores', '/app/audit']) {
        const response = await fetch(`${c.url}${path}?lang=${lang}`, { headers: { cookie, accept: 'text/html' } });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
        const html = await response.text();
        expect({ path, markup: html.includes('<img src=x') || html.includes('</script><img') }).toEqual({ path, markup: false });
        expect({ path, secret: html.includes(WEBHOOK_SECRET) || html.includes(ADMIN_TOKEN) }).toEqual({ path, secret: false });
      }
    }
    // The hostile text is there, as text: in the preview's sample and the offer editor.
    const campaignsPage = await (await fetch(`${c.url}/app/campaigns`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(campaignsPage).toContain('\\u003c/script>\\u003cimg src=x onerror=alert(1)>');
    const offersPage = await (await fetch(`${c.url}/app/offers`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(offersPage).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    await c.stop();
  });
});
