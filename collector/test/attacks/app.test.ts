// The owner's app against other sites and against shopper text: another site's form or beacon
// carrying the session cookie cannot retry a message (only the app's own JSON can); a phone is
// never shown whole in a list; markup a shopper sends is shown as text; and CSV downloads hand a
// spreadsheet no formula typed by a shopper.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN } from './collector-process.js';
import { addsToCart, campaignsSettings, DAY, HOUR, NOW, runCampaigns, sendEvents, startCampaignsCollector } from './campaigns-driver.js';

afterAll(dropTestSchemas);

const PHONE = '+989121234567';

describe.each(testStores)('owner app against attacks ($name)', (store) => {
  it('a cross-site form or beacon with the session cookie retries nothing; the app\'s own JSON does', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR' } } }));
    await addsToCart(c, { anonymousId: 'a1', phone: PHONE, name: 'Sara' });
    expect((await runCampaigns(c, NOW + DAY + HOUR)).sent).toBe(1);
    const db = await openDatabase(c.databaseUrl);
    try {
      const [{ id }] = await db.query<{ id: number }>('SELECT id FROM campaigns_outbox');
      await db.run("UPDATE campaigns_outbox SET state = 'failed', error = 'refused' WHERE id = $1", [id]);
      const signIn = await fetch(`${c.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ATTACK_ADMIN}` });
      const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
      const retry = (contentType: string | undefined, body?: string) =>
        fetch(`${c.url}/app/outbox/${id}/retry`, { method: 'POST', headers: { cookie, origin: ATTACK_ORIGIN, ...(contentType ? { 'content-type': contentType } : {}) }, body });
      for (const [type, body] of [['text/plain;charset=UTF-8', '{}'], ['application/x-www-form-urlencoded', 'a=b'], [undefined, undefined]] as const) {
        const answer = await retry(type, body);
        expect({ type, status: answer.status }).toEqual({ type, status: 415 });
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      }
      const state = async () => (await db.query<{ state: string }>('SELECT state FROM campaigns_outbox WHERE id = $1', [id]))[0]!.state;
      expect(await state()).toBe('failed');
      expect((await retry('application/json', '{}')).status).toBe(200);
      expect(await state()).toBe('pending');
    } finally {
      await db.close();
      await c.stop();
    }
  });

  it('lists show phones masked, shopper markup as text, and CSV cells a spreadsheet will not run', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR' } } }));
    try {
      const evil = '=cmd|\' /C calc\'!A0<img src=x onerror=alert(1)>';
      await sendEvents(c, [
        { type: 'identify', anonymousId: 'a1', traits: { phone: PHONE, phone_consent: true } },
        { type: 'track', event: 'Cart Updated', anonymousId: 'a1', properties: { cart_id: 'c1', currency: 'USD', value: 5, products: [{ product_id: 'p1', name: evil, price: 5, quantity: 1 }] } },
      ]);
      const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };
      const list = await (await fetch(`${c.url}/app/carts?store=${ATTACK_KEY}`, { headers: admin })).text();
      expect(list).toContain('data-cart="c1"');
      expect(list).not.toContain(PHONE);
      expect(list).not.toContain('<img src=x');
      expect(list).toContain('&lt;img src=x onerror=alert(1)&gt;');
      const timeline = await (await fetch(`${c.url}/app/shopper?store=${ATTACK_KEY}&id=a1`, { headers: admin })).text();
      expect(timeline).not.toContain(PHONE);
      const csv = await (await fetch(`${c.url}/app/export/carts.csv?store=${ATTACK_KEY}`, { headers: admin })).text();
      const products = csv.split('\r\n')[1]!.split(',').at(-1);
      expect(products).toBe(`'=cmd|' /C calc'!A0<img src=x onerror=alert(1)> x1`);
    } finally {
      await c.stop();
    }
  });
});
