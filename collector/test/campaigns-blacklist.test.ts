// The blacklist admin API the store owner's app uses: list, add, remove, CSV import (bad rows
// reported per row, the good ones imported all the same) and CSV export.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { admin, OTHER_KEY, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { DAY, MIN, outbox, runAt, shopperAddsToCart, startCampaigns, T0 } from './campaigns-helpers.js';
import { dropTestSchemas, testStores } from './stores.js';

afterAll(dropTestSchemas);

describe.each(testStores)('blacklist admin API ($name)', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => t?.app.close());
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = admin) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('needs the admin: no token is a 401 and changes nothing', async () => {
    t = await startCampaigns(store);
    expect((await call('GET', '/v1/campaigns/blacklist', undefined, {})).statusCode).toBe(401);
    expect((await call('POST', '/v1/campaigns/blacklist/import', { csv: '+989121234567' }, {})).statusCode).toBe(401);
    expect((await call('DELETE', '/v1/campaigns/blacklist', { phone: '+989121234567' }, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect((await call('GET', '/v1/campaigns/blacklist/export', undefined, {})).statusCode).toBe(401);
    expect(await t.app.homing.db.query('SELECT * FROM campaigns_blacklist')).toEqual([]);
  });

  it('reads JSON only: a form or text body is refused (415)', async () => {
    t = await startCampaigns(store);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await t.app.inject({ method: 'POST', url: '/v1/campaigns/blacklist/import', headers: { ...admin, 'content-type': contentType }, payload: '{"csv":"+989121234567"}' });
      expect(answer.statusCode).toBe(415);
    }
    expect(await t.app.homing.db.query('SELECT * FROM campaigns_blacklist')).toEqual([]);
  });

  it('adds, lists per store (with the every-store entries), removes', async () => {
    t = await startCampaigns(store);
    expect((await call('POST', '/v1/campaigns/blacklist', { writeKey: WRITE_KEY, phone: '+98 912 123 4567' })).json()).toMatchObject({ phone: '+989121234567' });
    await call('POST', '/v1/campaigns/blacklist', { phone: '+989120000001' });
    await call('POST', '/v1/campaigns/blacklist', { writeKey: OTHER_KEY, phone: '+989120000002' });
    const listed = (await call('GET', `/v1/campaigns/blacklist?writeKey=${WRITE_KEY}`)).json().entries.map((e: any) => [e.writeKey, e.phone, e.kind]);
    expect(listed.sort()).toEqual([['*', '+989120000001', 'blacklist'], [WRITE_KEY, '+989121234567', 'blacklist']]);
    expect((await call('DELETE', '/v1/campaigns/blacklist', { writeKey: WRITE_KEY, phone: '+989121234567' })).json()).toMatchObject({ removed: true });
    expect((await call('DELETE', '/v1/campaigns/blacklist', { writeKey: WRITE_KEY, phone: '+989121234567' })).statusCode).toBe(404);
    expect((await call('GET', `/v1/campaigns/blacklist?writeKey=${WRITE_KEY}`)).json().entries).toHaveLength(1);
  });

  it('refuses a store that is not configured and a phone that is not one, with the reason', async () => {
    t = await startCampaigns(store);
    const badKey = await call('POST', '/v1/campaigns/blacklist', { writeKey: 'constructor', phone: '+989121234567' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error).toContain('writeKey');
    const badPhone = await call('POST', '/v1/campaigns/blacklist', { writeKey: WRITE_KEY, phone: '12' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error).toContain('phone');
  });

  it('imports a CSV: good rows are added, each bad row is reported with its line, and the next run messages nobody listed', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1', phone: '+989121234567' });
    await shopperAddsToCart(t, { anonymousId: 'a2', phone: '+989120000002' });
    const csv = 'phone,writeKey\r\n+989121234567,\r\n"not a phone",\r\n+989120000002,wk_unknown\r\n\r\n+98 912 000 0002\r\n+989121234567\r\n';
    const imported = await call('POST', '/v1/campaigns/blacklist/import', { writeKey: WRITE_KEY, csv });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({
      added: 2,
      alreadyListed: 1,
      problems: [
        { line: 3, value: 'not a phone', error: expect.stringContaining('not a valid phone number') },
        { line: 4, value: 'wk_unknown', error: expect.stringContaining('not a write key') },
      ],
    });
    expect((await runAt(t, T0 + DAY + MIN)).sent).toBe(0);
    expect(await outbox(t)).toEqual([]);
  });

  it('exports the blacklist and the opt-outs as CSV that imports back, with formula cells defused', async () => {
    t = await startCampaigns(store);
    await call('POST', '/v1/campaigns/blacklist', { writeKey: WRITE_KEY, phone: '+989121234567' });
    await t.app.inject({ method: 'POST', url: `/v1/campaigns/inbound/${WRITE_KEY}`, headers: admin, payload: { from: '+989120000002', body: 'STOP' } });
    await t.app.homing.db.run("UPDATE campaigns_optouts SET keyword = '=HYPERLINK(\"https://evil.example\")'");
    const exported = await call('GET', `/v1/campaigns/blacklist/export?writeKey=${WRITE_KEY}`);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain(`blacklist-${WRITE_KEY}.csv`);
    const lines = exported.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF?phone,writeKey,kind,since,keyword$/);
    // A spreadsheet shows the + of a phone and runs no formula a shopper's reply carried.
    expect(lines).toContainEqual(expect.stringMatching(/^'\+989121234567,wk_test,blacklist,/));
    expect(lines).toContainEqual(expect.stringMatching(/^'\+989120000002,wk_test,opt-out,.*,"'=HYPERLINK\(""https:\/\/evil.example""\)"$/));

    await t.app.homing.db.run('DELETE FROM campaigns_blacklist');
    const again = (await call('POST', '/v1/campaigns/blacklist/import', { writeKey: WRITE_KEY, csv: exported.body })).json();
    expect(again).toMatchObject({ added: 2, problems: [] });
  });
});
