// The store owner's app (/app): numbers per store and per range, masked phones, CSV downloads that
// a spreadsheet opens safely, the sign-in page for a browser without a session, retrying a
// failed SMS, the collector's own links in a message made clickable, and messages dated later shown.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { csvCell, toCsv } from '../src/app/csv.js';
import { linkOwnUrls } from '../src/app/own-links.js';
import { ENGINE_REASONS } from '../src/app/outbox-reasons.js';
import { ADMIN, admin, OTHER_KEY, send, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { dropTestSchemas, testStores } from './stores.js';
import { DAY, runAt, shopperAddsToCart, startCampaigns, T0 } from './campaigns-helpers.js';
import { defaultFeatures } from '../src/features.js';

afterAll(dropTestSchemas);

const at = (t: number) => new Date(t).toISOString();

/** A cart with a phone (and an order when orderId is given), sent at time t for a store. */
async function cart(t: TestCollectorApp, writeKey: string, id: string, when: number, { phone, value = 10, currency = 'EUR', name = 'Tea', orderId, comment }: { phone?: string; value?: number; currency?: string; name?: string; orderId?: string; comment?: string } = {}) {
  t.clock.now = new Date(when);
  const base = { anonymousId: `anon-${id}`, timestamp: at(when) };
  const product = { product_id: 'p1', name, price: value, quantity: 1 };
  const batch: Record<string, unknown>[] = [
    { type: 'track', event: 'Cart Updated', properties: { cart_id: `cart-${id}`, currency, value, products: [product] }, messageId: nanoid(), ...base },
  ];
  if (phone) batch.push({ type: 'identify', traits: { phone, phone_consent: true }, messageId: nanoid(), ...base });
  if (orderId) batch.push({ type: 'track', event: 'Order Completed', properties: { order_id: orderId, cart_id: `cart-${id}`, value, currency, products: [product] }, messageId: nanoid(), ...base });
  if (orderId && comment !== undefined) batch.push({ type: 'track', event: 'Survey Submitted', properties: { order_id: orderId, rating: 4, comment }, messageId: nanoid(), ...base });
  const answer = await send(t.app, batch, { writeKey, sentAt: at(when) });
  expect(answer.body.accepted).toBe(batch.length);
}

const cardValue = (html: string, card: string) => new RegExp(`data-card="${card}"><div class="value">([^<]*)<`).exec(html)?.[1];

describe.each(testStores)('owner app ($name)', (store) => {
  let t: TestCollectorApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('counts each store on its own, all stores only when asked, and only the days of the range', async () => {
    t = await startCollector(store, {}, defaultFeatures);
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    await cart(t, WRITE_KEY, 'a', now - 2 * DAY, { phone: '+989121230001', value: 30, orderId: 'o-a' });
    await cart(t, WRITE_KEY, 'b', now - DAY, { phone: '+989121230002' });
    await cart(t, WRITE_KEY, 'old', now - 40 * DAY, { value: 99, orderId: 'o-old' });
    await cart(t, OTHER_KEY, 'c', now - DAY, { value: 500, currency: 'USD', orderId: 'o-c' });
    t.clock.now = new Date(now);

    const mine = (await t.app.inject({ url: `/app?store=${WRITE_KEY}`, headers: admin })).body;
    expect([cardValue(mine, 'carts'), cardValue(mine, 'withPhone'), cardValue(mine, 'orders'), cardValue(mine, 'revenue')]).toEqual(['2', '2', '1', '€30.00']);
    const other = (await t.app.inject({ url: `/app?store=${OTHER_KEY}`, headers: admin })).body;
    expect([cardValue(other, 'carts'), cardValue(other, 'orders'), cardValue(other, 'revenue')]).toEqual(['1', '1', 'US$500.00']);
    const all = (await t.app.inject({ url: '/app?store=all', headers: admin })).body;
    expect([cardValue(all, 'carts'), cardValue(all, 'revenue')]).toEqual(['3', '€30.00 · US$500.00']);
    // 90 days reach the old cart; a range of its own day shows it alone.
    const ninety = (await t.app.inject({ url: `/app?store=${WRITE_KEY}&days=90`, headers: admin })).body;
    expect(cardValue(ninety, 'carts')).toBe('3');
    const day = at(now - 40 * DAY).slice(0, 10);
    const thatDay = (await t.app.inject({ url: `/app?store=${WRITE_KEY}&from=${day}&to=${day}`, headers: admin })).body;
    expect([cardValue(thatDay, 'carts'), cardValue(thatDay, 'revenue')]).toEqual(['1', '€99.00']);
    // A write key the collector does not have falls back to one real store, never to all.
    const unknown = (await t.app.inject({ url: '/app/carts?store=wk_nobody', headers: admin })).body;
    expect(unknown).toContain(`<option value="${OTHER_KEY}" selected>`);
    expect(unknown).toMatch(/data-total="1"/);
  });

  it('the carts list masks phones until the owner asks for one, and finds carts by the digits typed in Persian', async () => {
    t = await startCollector(store, {}, defaultFeatures);
    await cart(t, WRITE_KEY, 'a', T0, { phone: '+989121234567', name: 'چای سبز' });
    await cart(t, WRITE_KEY, 'b', T0, { phone: '+989351112233', name: 'Cup' });
    const list = (await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}`, headers: admin })).body;
    expect(list).not.toContain('+989121234567');
    expect(list).toContain('+98•••4567');
    const shown = (await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}&show=cart-a`, headers: admin })).body;
    expect(shown).toContain('+989121234567');
    expect(shown).not.toContain('+989351112233');
    const found = (await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}&q=${encodeURIComponent('۰۹۱۲ ۱۲۳')}`, headers: admin })).body;
    expect(found).toMatch(/data-total="1"/);
    expect(found).toContain('data-cart="cart-a"');
    const byProduct = (await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}&q=${encodeURIComponent('چای')}`, headers: admin })).body;
    expect(byProduct).toContain('data-cart="cart-a"');
    expect(byProduct).not.toContain('data-cart="cart-b"');
    // The shopper's page masks the phone too.
    const timeline = (await t.app.inject({ url: `/app/shopper?store=${WRITE_KEY}&id=anon-a`, headers: admin })).body;
    expect(timeline).not.toContain('+989121234567');
    expect(timeline).toContain('data-kind="event"');
  });

  it('CSV downloads: one store, quoted, with a byte order mark, and shopper text that looks like a formula stays text', async () => {
    t = await startCollector(store, {}, defaultFeatures);
    await cart(t, WRITE_KEY, 'a', T0, { phone: '+989121234567', name: 'Tea, "green"', orderId: 'o-1', comment: '=HYPERLINK("https://evil.example","click")' });
    await cart(t, OTHER_KEY, 'b', T0, { name: 'Other store' });
    const carts = await t.app.inject({ url: `/app/export/carts.csv?store=${WRITE_KEY}`, headers: admin });
    expect(carts.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(carts.headers['content-disposition']).toMatch(/^attachment; filename="homing-carts-wk_test-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/);
    expect(carts.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(carts.body).toContain('"Tea, ""green"" x1"');
    expect(carts.body).not.toContain('Other store');
    const surveys = await t.app.inject({ url: `/app/export/surveys.csv?store=${WRITE_KEY}`, headers: admin });
    expect(surveys.body).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(surveys.body.split('\r\n')[0]).toBe('\uFEFFstore,order_id,answered_at,rating,comment,source');
  });

  it('a browser without a session gets the sign-in page in its language and comes back to the page it asked for; an API client gets 401 JSON', async () => {
    t = await startCollector(store, {}, defaultFeatures);
    const page = await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}`, headers: { accept: 'text/html', 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fapp%2Fcarts%3Fstore%3Dwk_test');
    const login = await t.app.inject({ url: page.headers.location as string, headers: { accept: 'text/html', 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } });
    expect(login.headers['content-type']).toContain('text/html');
    expect(login.body).toMatch(/<html lang="fa" dir="rtl"/);
    expect(login.body).toContain('ورود');
    expect(login.body).toContain('value="/app/carts?store=wk_test"');
    const signIn = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: ADMIN, next: '/app/carts?store=wk_test' }).toString() });
    expect(signIn.headers.location).toBe('/app/carts?store=wk_test');
    // Only the app's own pages: never another site.
    const away = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: ADMIN, next: '//evil.example/app' }).toString() });
    expect(away.headers.location).toBe('/app');
    const api = await t.app.inject({ url: '/app/carts', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ error: expect.stringMatching(/admin token required/) });
    expect((await t.app.inject({ url: '/dashboard' })).headers.location).toBe('/app');
  });

  it('speaks Persian right to left with Persian digits and the Persian calendar, in the owner\'s time zone', async () => {
    t = await startCollector(store, {}, defaultFeatures);
    await cart(t, WRITE_KEY, 'a', T0, { phone: '+989121234567', value: 2_500_000, currency: 'IRR' });
    const page = await t.app.inject({ url: `/app?store=${WRITE_KEY}&lang=fa`, headers: { ...admin, cookie: 'homing_tz=Asia%2FTehran' } });
    expect(page.body).toMatch(/<html lang="fa" dir="rtl" data-tz="Asia\/Tehran"/);
    expect(String(page.headers['set-cookie'])).toContain('homing_lang=fa');
    expect(cardValue(page.body, 'carts')).toBe('۱');
    // 23 November 2026 is 2 Azar 1405 in the Persian calendar.
    expect(page.body).toContain('۲ آذر ۱۴۰۵');
    const carts = (await t.app.inject({ url: `/app/carts?store=${WRITE_KEY}`, headers: { ...admin, cookie: 'homing_lang=fa' } })).body;
    // Iranian stores price in toman: 2,500,000 rials.
    expect(carts).toContain('۲۵۰٬۰۰۰ تومان');
    expect(carts).toMatch(/<td data-label="کالاها" dir="auto">/);
  });
});

describe.each(testStores)('outbox retry ($name)', (store) => {
  let t: TestCollectorApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('a failed message goes back to the queue with the session only as JSON; other states cannot be retried', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await runAt(t, T0 + DAY + 60_000);
    const [message] = await t.app.homing.db.query<{ id: number }>('SELECT id FROM campaigns_outbox');
    const id = Number(message!.id);
    await t.app.homing.db.run("UPDATE campaigns_outbox SET state = 'failed', error = 'the operator refused this number' WHERE id = $1", [id]);
    const signIn = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${ADMIN}` });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const page = (await t.app.inject({ url: `/app/outbox?store=${WRITE_KEY}&state=failed`, headers: { cookie } })).body;
    expect(page).toContain(`data-post="/app/outbox/${id}/retry"`);
    expect(page).toContain('the operator refused this number');

    const asForm = await t.app.inject({ method: 'POST', url: `/app/outbox/${id}/retry`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(asForm.statusCode).toBe(415);
    const retried = await t.app.inject({ method: 'POST', url: `/app/outbox/${id}/retry`, headers: { cookie, 'content-type': 'application/json' }, payload: '{}' });
    expect(retried.json()).toEqual({ retried: id });
    const [row] = await t.app.homing.db.query<{ state: string; error: string | null }>('SELECT state, error FROM campaigns_outbox WHERE id = $1', [id]);
    expect(row).toEqual({ state: 'pending', error: null });
    const again = await t.app.inject({ method: 'POST', url: `/app/outbox/${id}/retry`, headers: { cookie, 'content-type': 'application/json' }, payload: '{}' });
    expect(again.statusCode).toBe(409);
    // The next run sends it.
    await runAt(t, T0 + DAY + 2 * 60_000);
    const [sent] = await t.app.homing.db.query<{ state: string }>('SELECT state FROM campaigns_outbox WHERE id = $1', [id]);
    expect(sent!.state).toBe('sent');
  });

  it("says why a message was not sent in the owner's language; a reason it does not know is shown as it is", async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await shopperAddsToCart(t, { anonymousId: 'a2', phone: '+989121234568' });
    await runAt(t, T0 + DAY + 60_000);
    const ids = (await t.app.homing.db.query<{ id: number }>('SELECT id FROM campaigns_outbox ORDER BY id')).map((m) => Number(m.id));
    await t.app.homing.db.run("UPDATE campaigns_outbox SET state = 'held', error = 'country' WHERE id = $1", [ids[0]]);
    await t.app.homing.db.run("UPDATE campaigns_outbox SET state = 'cancelled', error = 'no offer rule matches the order' WHERE id = $1", [ids[1]]);
    const signIn = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${ADMIN}` });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const reasons = async (lang: string) =>
      [...(await t!.app.inject({ url: `/app/outbox?store=${WRITE_KEY}&lang=${lang}`, headers: { cookie } })).body.matchAll(/data-error>([^<]*)</g)].map((m) => m[1]).sort();
    expect(await reasons('fa')).toEqual(['شماره‌ای از کشوری جز کشور فروشگاه', 'هیچ قانون پیشنهادی با این سفارش جور نیست.']);
    expect(await reasons('en')).toEqual(['No offer rule matches this order.', 'number of another country than the store’s']);
    await t.app.homing.db.run("UPDATE campaigns_outbox SET error = 'provider said: 21610 unsubscribed' WHERE id = $1", [ids[1]]);
    expect(await reasons('he')).toEqual(['provider said: 21610 unsubscribed', 'מספר ממדינה אחרת משל החנות']);
  });

  it('knows the reasons the campaign engine writes (a reason reworded there would show untranslated)', () => {
    const sources = readdirSync(join(import.meta.dirname, '../src/campaigns'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(import.meta.dirname, '../src/campaigns', f), 'utf8'))
      .join('\n');
    for (const reason of ENGINE_REASONS) expect(sources, reason).toContain(`'${reason}'`);
  });
});

describe.each(testStores)('outbox links and schedule ($name)', (store) => {
  let t: TestCollectorApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  async function signIn(app: TestCollectorApp) {
    const answer = await app.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${ADMIN}` });
    return String(answer.headers['set-cookie']).split(';')[0]!;
  }

  it("the collector's own short link in a message is a link in the Outbox and the timeline; other URLs stay text", async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    await runAt(t, T0 + DAY + 60_000);
    const [message] = await t.app.homing.db.query<{ id: number; body: string }>('SELECT id, body FROM campaigns_outbox');
    const short = /https:\/\/collect\.example\/r\/\w{8}/.exec(message!.body)![0];
    // A template may hold other addresses: they are not made links.
    await t.app.homing.db.run('UPDATE campaigns_outbox SET body = $1 WHERE id = $2', [`${message!.body}. See https://shop.example/help or https://collect.example.evil.example/r/AbCd2345 <b>`, message!.id]);
    const cookie = await signIn(t);
    const anchor = `<a href="${short}" dir="ltr" target="_blank" rel="noreferrer">${short}</a>`;
    const outboxPage = (await t.app.inject({ url: `/app/outbox?store=${WRITE_KEY}`, headers: { cookie } })).body;
    expect(outboxPage).toContain(`${anchor}. See https://shop.example/help or https://collect.example.evil.example/r/AbCd2345 &lt;b&gt;`);
    expect(outboxPage.match(/<a href="https?:\/\/[^"]*"/g)).toEqual([`<a href="${short}"`]);
    const timeline = (await t.app.inject({ url: `/app/shopper?store=${WRITE_KEY}&id=a1`, headers: { cookie } })).body;
    expect(timeline).toContain(anchor);
  });

  it('messages made for a later day show in the default range; a range in the past ends where it says', async () => {
    t = await startCampaigns(store);
    await shopperAddsToCart(t, { anonymousId: 'a1' });
    // The campaign clock run a day ahead (as the demo does): its message is dated tomorrow.
    const run = await t.app.inject({ method: 'POST', url: `/v1/campaigns/run?asOf=${encodeURIComponent(new Date(T0 + DAY + 60_000).toISOString())}`, headers: admin });
    expect(run.json()).toMatchObject({ sent: 1 });
    const cookie = await signIn(t);
    const listed = async (query: string) => Number(/data-total="(\d+)"/.exec((await t!.app.inject({ url: `/app/outbox?store=${WRITE_KEY}${query}`, headers: { cookie } })).body)![1]);
    expect(await listed('')).toBe(1);
    expect(await listed('&days=7')).toBe(1);
    expect(await listed('&from=2026-11-01&to=2026-11-22')).toBe(0);
  });
});

describe("the collector's own links in a message's text", () => {
  const link = (url: string) => `<a href="${url}" dir="ltr" target="_blank" rel="noreferrer">${url}</a>`;
  it('only its short, survey, review and unsubscribe pages under its public URL become links, without the punctuation after them', () => {
    expect(linkOwnUrls('Back to your cart: https://c.example/r/AbCd2345. Rate: https://c.example/s/o-1?k=wk&t=x،', 'https://c.example/')).toBe(
      `Back to your cart: ${link('https://c.example/r/AbCd2345')}. Rate: ${link('https://c.example/s/o-1?k=wk&amp;t=x')}،`,
    );
    expect(linkOwnUrls('https://c.example/homing/r/AbCd2345 https://c.example/r/AbCd2345', 'https://c.example/homing')).toBe(`${link('https://c.example/homing/r/AbCd2345')} https://c.example/r/AbCd2345`);
  });
  it('look-alike hosts, credentials, other pages and schemes stay escaped text', () => {
    for (const text of ['https://c.example.evil.example/r/x', 'https://c.example@evil.example/r/x', 'https://c.example:8443/r/x', 'http://c.example/r/x', 'https://c.example/app/outbox', 'https://c.example/r/', 'javascript:alert(1)//c.example/r/x']) {
      expect(linkOwnUrls(`${text} <i>`, 'https://c.example')).not.toMatch(/<a |<i>/);
    }
    expect(linkOwnUrls('https://c.example/r/x"onclick="y', 'https://c.example')).toBe(`${link('https://c.example/r/x')}&quot;onclick=&quot;y`);
  });
});

describe('csv cells', () => {
  it('quote separators, quotes and line breaks, and neutralise formulas in text but not our numbers', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a'], [['چای']])).toBe('\uFEFFa\r\nچای\r\n');
  });
});
