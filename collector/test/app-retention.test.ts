// The owner's Retention screen: the retention numbers of the hand-worked order history
// (./retention-fixtures.ts) as cards, cohorts and RFM groups, in English and in Persian (Persian
// digits, rials in toman); and the campaign results per store and date range, every lifecycle
// campaign listed, SMS and e-mail apart.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { admin, OTHER_KEY, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { dropTestSchemas, testStores } from './stores.js';
import { startCampaigns, testCampaigns } from './campaigns-helpers.js';
import { insertOrderHistory } from '../src/retention/history.js';
import { at, identities, order, orders } from './retention-fixtures.js';

afterAll(dropTestSchemas);

const cardValue = (html: string, card: string) => new RegExp(`data-card="${card}"><div class="value">([^<]*)<`).exec(html)?.[1];
/** The text of one cell (by its data- name) in the row whose opening tag carries `row`. */
const cell = (html: string, row: string, name: string) => {
  const start = html.indexOf(row);
  if (start < 0) return undefined;
  const tr = html.slice(start, html.indexOf('</tr>', start));
  return new RegExp(`data-${name}>([^<]*)`).exec(tr)?.[1];
};

describe.each(testStores)('owner app: retention ($name)', (store) => {
  let t: TestCollectorApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  const start = async () => {
    t = await startCampaigns(store, { config: testCampaigns((c) => (c.stores[WRITE_KEY]!.churnDays = 90)) });
    await insertOrderHistory(t.app.homing.db, WRITE_KEY, { identities, orders });
    return t;
  };
  const page = async (query: string, lang = 'en') => {
    const response = await t!.app.inject({ url: `/app/retention?${query}&lang=${lang}`, headers: admin });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('shows the store\'s retention numbers, cohorts and groups for the dates picked, in English', async () => {
    await start();
    const html = await page(`store=${WRITE_KEY}&from=2026-04-01&to=2026-06-30`);
    const cards = ['customers', 'newCustomers', 'returningCustomers', 'repeatPurchaseRate', 'ordersPerCustomer', 'averageOrderValue', 'revenue', 'medianDaysBetweenOrders', 'churnRate', 'clv'];
    expect(cards.map((c) => cardValue(html, c))).toEqual(['4', '2', '2', '60%', '1.75', 'US$36.75', 'US$220.50', '60 days', '20%', 'US$787.34']);
    // Each number says in plain words what it is; churn names the store's own days.
    expect(html).toContain('Of everyone who ever ordered, how many ordered twice or more.');
    expect(html).toContain('Customers with no order in the last 90 days');
    expect(html).toMatch(/data-other-currencies>[^]*€20\.00 \(1 orders\)/);
    // Cohorts: April's one new customer came back two months later, May's not in the next; a month without new customers has no row.
    expect(html).toContain('<td class="num" data-cohort="2026-04">1</td>');
    expect(html).toMatch(/data-month="2026-04" data-k="1">0%</);
    expect(html).toMatch(/class="num heat h5" title="100% of Apr 2026: 1 customers" data-month="2026-04" data-k="2">100%</);
    expect(html).toMatch(/data-month="2026-05" data-k="1">0%</);
    expect(html).not.toContain('data-cohort="2026-06"');
    // RFM groups with their revenue in the main currency and what to do.
    expect([cell(html, 'data-segment="Loyal"', 'customers'), cell(html, 'data-segment="Loyal"', 'revenue')]).toEqual(['2', 'US$280.00']);
    expect([cell(html, 'data-segment="Lost"', 'customers'), cell(html, 'data-segment="Lost"', 'revenue')]).toEqual(['1', 'US$80.00']);
    expect(html).toContain('They buy often: offer a loyalty perk or a bigger pack.');
    // The VIP campaign's group is marked and the campaign's setting is one tap away.
    expect(html).toMatch(/data-segment="Champions"><td[^>]*><div><b>Champions<\/b><div class="muted" data-vip>/);
    expect(html).toContain(`href="/app/campaigns?store=${WRITE_KEY}#campaign-vip"`);
    // The other store's order is not this store's.
    const other = await page(`store=${OTHER_KEY}&from=2026-04-01&to=2026-06-30`);
    expect(cardValue(other, 'customers')).toBe('0');
  });

  it('speaks Persian: Persian digits, the Persian calendar, rials in toman', async () => {
    await start();
    // Two orders of 1,250,000 rials by one customer of the other store, a month apart.
    await insertOrderHistory(t!.app.homing.db, OTHER_KEY, {
      identities: [{ anonymousId: 'ir1', phone: '+989121110000', email: null, at: at('2026-04-02') }],
      orders: [order('I1', 'ir1', '2026-04-02', 1_250_000, { currency: 'IRR' }), order('I2', 'ir1', '2026-05-02', 1_250_000, { currency: 'IRR' })],
    });
    const html = await page(`store=${OTHER_KEY}&from=2026-04-01&to=2026-06-30`, 'fa');
    expect(html).toContain('<html lang="fa" dir="rtl"');
    expect([cardValue(html, 'customers'), cardValue(html, 'revenue'), cardValue(html, 'averageOrderValue'), cardValue(html, 'medianDaysBetweenOrders')]).toEqual([
      '۱',
      '۲۵۰٬۰۰۰ تومان',
      '۱۲۵٬۰۰۰ تومان',
      '۳۰ روز',
    ]);
    expect(html).toContain('نرخ خرید دوباره');
    // April is Farvardin to Ordibehesht 1405 in the Persian calendar; its share in Persian digits.
    expect(html).toMatch(/<th scope="row">فروردین–اردیبهشت ۱۴۰۵<\/th><td class="num" data-cohort="2026-04">۱<\/td>/);
    expect(html).toMatch(/data-month="2026-04" data-k="1">۱۰۰٪</);
    expect(cell(html, 'data-segment="Champions"', 'customers')).toMatch(/^[۰-۹]+$/);
  });

  it('lists each campaign and message with its channel: sent, tapped, orders, revenue and opt-outs of this store in these dates', async () => {
    await start();
    const db = t!.app.homing.db;
    let id = 0;
    const message = async (campaign: string, writeKey: string, sentAt: string, channel = 'sms') => {
      id++;
      await db.run(
        `INSERT INTO campaigns_outbox (id, idempotency_key, campaign, step, write_key, subject_id, subject_at, phone, state, due_at, created_at, sent_at, channel)
         VALUES ($1, $2, $3, 0, $4, $5, $6, $7, 'sent', $6, $6, $6, $8)`,
        [id, `k${id}`, campaign, writeKey, `s${id}`, sentAt, channel === 'email' ? `p${id}@shop.example` : `+98912000000${id}`, channel],
      );
      return id;
    };
    const tapped = await message('win_back', WRITE_KEY, at('2026-06-10'));
    await db.run(`INSERT INTO links_links (code, write_key, target_url, campaign, step, outbox_id, created_at) VALUES ('c1', $1, 'https://shop.example/', 'win_back', 0, $2, $3)`, [WRITE_KEY, tapped, at('2026-06-10')]);
    await db.run(`INSERT INTO links_clicks (code, clicked_at) VALUES ('c1', $1)`, [at('2026-06-11')]);
    await db.run(
      `INSERT INTO campaigns_attributions (write_key, order_id, outbox_id, campaign, step, value, currency, clicked_at, ordered_at) VALUES ($1, 'W1', $2, 'win_back', 0, 55, 'USD', $3, $4)`,
      [WRITE_KEY, tapped, at('2026-06-11'), at('2026-06-12')],
    );
    const optedOut = await message('win_back', WRITE_KEY, at('2026-06-15'));
    await db.run(`INSERT INTO campaigns_optouts (write_key, phone, opted_out_at, keyword, last_outbox_id) VALUES ($1, $2, $3, 'STOP', $4)`, [WRITE_KEY, `+98912000000${optedOut}`, at('2026-06-16'), optedOut]);
    await message('review_request', WRITE_KEY, at('2026-06-20'), 'email');
    await message('win_back', WRITE_KEY, at('2026-05-10')); // before the dates
    await message('vip', OTHER_KEY, at('2026-06-20')); // another store

    const html = await page(`store=${WRITE_KEY}&from=2026-06-01&to=2026-06-30`);
    const winBack = 'data-campaign="win_back" data-step="0" data-channel="sms"';
    expect(['sent', 'clicked', 'orders', 'revenue', 'optouts'].map((c) => cell(html, winBack, c))).toEqual(['2', '1 (50%)', '1', 'US$55.00', '1']);
    const review = 'data-campaign="review_request" data-step="0" data-channel="email"';
    expect(cell(html, review, 'sent')).toBe('1');
    expect(html.slice(html.indexOf(review), html.indexOf('</tr>', html.indexOf(review)))).toContain('E-mail');
    // Every lifecycle campaign has its rows, also those that sent nothing here (and are off).
    for (const campaign of ['replenishment', 'win_back', 'birthday', 'review_request', 'bounce_back', 'vip']) expect(html).toContain(`data-campaign="${campaign}" data-step="0"`);
    expect(html).toContain('data-campaign="win_back" data-step="1" data-channel="sms"');
    expect(cell(html, 'data-campaign="vip" data-step="0" data-channel="sms"', 'sent')).toBe('0');
    // May's message counts in May's dates.
    const may = await page(`store=${WRITE_KEY}&from=2026-05-01&to=2026-05-31`);
    expect([cell(may, winBack, 'sent'), cell(may, winBack, 'orders')]).toEqual(['1', '0']);
  });
});
