// Attack: a stranger sends events that claim to come from their own site (context.page.url), so the
// store's SMS carries a short link of the store's collector that redirects to the stranger's site.
// A short link leads only under the store's configured URL, checked when it is made and again when
// it is followed; a store without a configured URL sends nothing and says why.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_KEY } from './collector-process.js';
import {
  DAY,
  HOUR,
  NOW,
  addsToCart,
  campaignsReport,
  campaignsSettings,
  dashboard,
  follow,
  linkIn,
  orders,
  outboxMessages,
  runCampaigns,
  sentTexts,
  startCampaignsCollector,
} from './campaigns-driver.js';

afterAll(dropTestSchemas);

const visitor = { anonymousId: 'a1', phone: '+989121234567', name: 'Sara', pageUrl: 'https://evil.example/landing' };
const onHold = `store ${ATTACK_KEY} has no URL: campaigns are held; set stores.${ATTACK_KEY}.url`;

describe.each(testStores)('links only to the store on $name', (store) => {
  it('a store without a configured URL sends nothing (never the page URL events carried); the log, the report and the app\'s overview say why', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { country: 'IR' } } }));
    expect(c.output()).toContain(onHold);
    await addsToCart(c, visitor);
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 0, scheduled: {} });
    expect(await outboxMessages(c)).toEqual([]);
    expect((await campaignsReport(c)).notices).toEqual([onHold]);
    expect(await dashboard(c)).toContain(onHold);
    await c.stop();

    // Once the URL is set, the held campaign starts, with a link to the store.
    const again = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR' } } }), { databaseUrl: c.databaseUrl });
    expect(again.output()).not.toContain('has no URL');
    await runCampaigns(again, NOW + DAY + 2 * HOUR);
    const [message] = await sentTexts(again);
    expect((await follow(again, linkIn(message!.body!)!)).location).toBe('https://shop.example/cart/501:1');
    expect((await campaignsReport(again)).notices).toEqual([]);
    await again.stop();
  });

  it('a link leads under the configured URL (its path too), whatever page the events claim to come from', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example/store', country: 'IR' } } }));
    await addsToCart(c, visitor);
    await runCampaigns(c, NOW + DAY + HOUR);
    const [message] = await sentTexts(c);
    const link = await follow(c, linkIn(message!.body!)!);
    expect(link).toEqual({ status: 302, location: 'https://shop.example/store/cart/501:1' });
    await c.stop();
  });

  it("an offer rule's product on another site is never linked: the cross-sell message fails and says why", async () => {
    const rulesFile = join(mkdtempSync(join(tmpdir(), 'homing-rules-')), 'rules.json');
    writeFileSync(rulesFile, JSON.stringify([{ id: 'away', write_key: '*', currency: 'USD', offer: [{ product_id: 'p-x', name: 'Saucer', url: 'https://shop.example.evil.example/saucer', price: 5 }] }]));
    const c = await startCampaignsCollector(
      store,
      campaignsSettings({
        stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR' } },
        campaigns: { abandoned_cart: { enabled: false, steps: [] }, survey: { enabled: false, steps: [] }, cross_sell: { enabled: true, steps: [{ after: '7d', template: { en: '{product}: {link}' } }] } },
      }),
      { env: { HOMING_OFFERS_RULES_FILE: rulesFile } },
    );
    await orders(c, visitor, { order_id: '1001', products: [{ product_id: 'p-mug', price: 40, quantity: 1 }] });
    await runCampaigns(c, NOW + 7 * DAY + HOUR);
    expect((await outboxMessages(c)).map((m) => [m.campaign, m.state, m.body, m.error])).toEqual([
      ['cross_sell', 'failed', null, "the offer's product URL https://shop.example.evil.example/saucer is not under the store's URL https://shop.example"],
    ]);
    await c.stop();
  });

  it("a link is checked again when followed: once the store's URL changes, a link to the old one leads nowhere", async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://old-shop.example', country: 'IR' } } }));
    await addsToCart(c, visitor);
    await runCampaigns(c, NOW + DAY + HOUR);
    const old = linkIn((await sentTexts(c))[0]!.body!)!;
    expect((await follow(c, old)).location).toBe('https://old-shop.example/cart/501:1');
    await c.stop();

    const moved = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR' } } }), { databaseUrl: c.databaseUrl });
    expect(await follow(moved, old)).toEqual({ status: 410, location: null });
    await moved.stop();
  });

  it('a link stored with a target off the store (as a page URL from an event once made) is refused, and not counted as a click', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR' } } }));
    const db = await openDatabase(c.databaseUrl);
    try {
      for (const [code, target] of [
        ['Evil2345', 'https://evil.example/cart'],
        ['Look2345', 'https://shop.example.evil.example/cart'],
        ['User2345', 'https://shop.example@evil.example/cart'],
        ['Js234567', 'javascript:alert(1)'],
      ]) {
        await db.run('INSERT INTO links_links (code, write_key, target_url, created_at) VALUES ($1, $2, $3, $4)', [code, ATTACK_KEY, target, new Date(NOW).toISOString()]);
        expect(await follow(c, `https://collect.example/r/${code}`)).toEqual({ status: 410, location: null });
      }
      expect(await db.query('SELECT code FROM links_clicks')).toEqual([]);
    } finally {
      await db.close();
    }
    await c.stop();
  });

  it('a store URL with a path keeps links under that path: a neighbour path, dot segments however written, backslashes and other hosts are refused', async () => {
    const c = await startCampaignsCollector(store, campaignsSettings({ stores: { [ATTACK_KEY]: { url: 'https://shop.example/store', country: 'IR' } } }));
    const db = await openDatabase(c.databaseUrl);
    try {
      const refused = [
        'https://shop.example/storefront/cart',
        'https://shop.example/store/../admin',
        'https://shop.example/store/%2e%2e/admin',
        'https://shop.example/store/.%2E/admin',
        'https://shop.example/store\\..\\admin',
        'https://shop.example/store/\t../admin',
        'https://shop.example/store;/../admin',
        '//evil.example/store/cart',
        '/\\evil.example/store/cart',
        'https://shop.example\\@evil.example/store/cart',
        'https://shop.example./store/cart',
        'http://shop.example/store/cart',
        'https://shop.example:8443/store/cart',
        'https://xn--shp-0ma.example/store/cart', // shöp.example
      ];
      for (const [i, target] of refused.entries()) {
        const code = `Esc${String(i).padStart(5, '0')}`;
        await db.run('INSERT INTO links_links (code, write_key, target_url, created_at) VALUES ($1, $2, $3, $4)', [code, ATTACK_KEY, target, new Date(NOW).toISOString()]);
        expect(await follow(c, `https://collect.example/r/${code}`), target).toEqual({ status: 410, location: null });
      }
      await db.run('INSERT INTO links_links (code, write_key, target_url, created_at) VALUES ($1, $2, $3, $4)', ['Okay2345', ATTACK_KEY, 'https://shop.example/store/cart/501:1?discount=X', new Date(NOW).toISOString()]);
      expect(await follow(c, 'https://collect.example/r/Okay2345')).toEqual({ status: 302, location: 'https://shop.example/store/cart/501:1?discount=X' });
      // The redirect carries the URL as checked: a line break stored in a target splits no header and is no 500.
      await db.run('INSERT INTO links_links (code, write_key, target_url, created_at) VALUES ($1, $2, $3, $4)', ['Crlf2345', ATTACK_KEY, 'https://shop.example/store/a\r\nSet-Cookie: x=1', new Date(NOW).toISOString()]);
      expect(await follow(c, 'https://collect.example/r/Crlf2345')).toEqual({ status: 302, location: 'https://shop.example/store/aSet-Cookie:%20x=1' });
    } finally {
      await db.close();
    }
    await c.stop();
  });
});
