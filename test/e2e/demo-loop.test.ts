// The loop Homing exists for, on the real demo (`npm start`) in Chromium, in each demo store: a
// shopper fills a cart, leaves a phone number with SMS consent at checkout and goes away; the
// campaign clock runs a day and more later; the SMS's link (in the owner app's Outbox, at the
// address `npm start` printed) brings the cart back with its discount code; the shopper orders,
// sees that order on the thank-you page with the upsell, then the survey, and the collector (and
// the owner's app) counts a recovered order with its revenue. No page along the way logs an error
// or fails to load anything. The demo's Shopify and WooCommerce backends also send the platform's
// signed order webhooks: the order arrives twice and counts once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitFor } from './harness.js';
import { consentAt, notInLanguage, pageProblems, startDemo, type Demo } from './demo-server.js';
import { dropTestSchemas, testStores } from '../../collector/test/stores.js';
import { openDatabase, type ClosableSql } from '../../collector/src/db/open.js';

let browser: Browser;
let demo: Demo;
/** The demo's database, to see which platform webhooks the collector took. */
let db: ClosableSql;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dropTestSchemas();
});

const summary = () => demo.admin('/v1/reports/summary');

const consenting = async (): Promise<number> => (await summary()).identities.consenting;

/** Waits until the collector has applied a signed webhook of each of `topics` for `writeKey`. */
async function webhooksArrived(writeKey: string, topics: string[]) {
  await waitFor(async () => {
    const rows = await db.query<{ topic: string }>('SELECT topic FROM webhooks_deliveries WHERE write_key = $1', [writeKey]);
    return topics.every((topic) => rows.some((row) => row.topic === topic));
  }, { message: `${topics.join(', ')} webhooks for ${writeKey}` });
}

/** The orders the collector knows and their revenue: an order the browser and the webhook both sent counts once. */
async function orders() {
  const { orders } = await summary();
  return { count: orders.count, revenue: Object.fromEntries(orders.revenue.map((r: { currency: string; value: number }) => [r.currency, r.value])) };
}

/** The shopper goes away once their phone and consent are known to the collector. */
async function leave(page: Page, consentingBefore: number) {
  await waitFor(async () => (await consenting()) > consentingBefore, { message: 'the consenting phone at the collector' });
  await page.close();
}

/** Runs the campaign clock as `npm start` printed it, and returns the link texted to `phone` as the owner's app shows it in the Outbox. */
async function smsLinkFor(phone: string): Promise<{ body: string; link: string }> {
  await consentAt(db, phone);
  const run = await demo.admin(new URL(demo.runUrl).pathname + new URL(demo.runUrl).search, { method: 'POST' });
  expect(run.sent, `the campaign run: ${JSON.stringify(run)}`).toBeGreaterThanOrEqual(1);
  const { messages } = await demo.admin<{ messages: { phone: string; body: string }[] }>('/v1/campaigns/outbox?state=sent');
  const message = messages.find((m) => m.phone === phone);
  expect(message, `an SMS to ${phone} in ${JSON.stringify(messages)}`).toBeDefined();
  const link = /https?:\/\/\S+\/r\/[A-Za-z0-9]+/.exec(message!.body)?.[0];
  expect(link).toBeDefined();
  const outbox = await context.newPage();
  await outbox.goto(demo.outboxUrl);
  expect(await outbox.textContent('main')).toContain(link);
  await outbox.close();
  return { body: message!.body, link: link! };
}

/** A page of the owner's app, signed in from the link `npm start` printed. */
async function ownerPage(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(demo.appUrl);
  await page.goto(new URL(path, demo.base).href);
  return page;
}

/** The owner's app's overview of `writeKey`: its recovered orders and revenue as shown. */
async function appRecovered(writeKey: string): Promise<{ orders: string; revenue: string }> {
  const page = await ownerPage(`/app?store=${writeKey}`);
  const shown = { orders: (await page.textContent('[data-card="recoveredOrders"] .value'))!, revenue: (await page.textContent('[data-card="recoveredRevenue"] .value'))! };
  await page.close();
  return shown;
}

async function recovered(currency: string) {
  return waitFor(async () => {
    const { campaigns } = await summary();
    return campaigns.totals.revenue[currency] ? campaigns.totals : undefined;
  }, { message: `a recovered ${currency} order in the campaigns report` });
}

/** The phone prompt opens after the first add; this shopper closes it and gives the number at checkout. */
async function dismissPrompt(page: Page) {
  const dialog = page.locator('homing-phone-prompt [role=dialog]');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

/** The upsell shows on the thank-you page; declining it brings the survey into the same box. Neither makes the phone's page scroll sideways. */
async function upsellThenSurvey(page: Page) {
  const offer = page.locator('[data-homing-widget=upsell] article').first();
  await offer.waitFor();
  expect(await sideways(page)).toBe(0);
  await offer.locator('button.decline').click();
  await page.locator('[data-homing-widget=survey] form').waitFor();
  expect(await sideways(page)).toBe(0);
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The browser the test is in now; `contexts`: all the test opened. */
let context: BrowserContext;
let contexts: BrowserContext[] = [];
/** What went wrong on any page the test opened (see pageProblems), per browser: nothing should. */
let problems: string[][] = [];

/** A browser profile on a 390 px phone (a new shopper, or the same one on another device), every page of it watched. */
async function newShopper(): Promise<void> {
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  contexts.push(context);
  problems.push(pageProblems(context));
}

describe.each(testStores)('the demo store sells ($name)', (store) => {
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    const seen = problems.flat();
    [contexts, problems] = [[], []];
    expect(seen).toEqual([]);
  });
  beforeAll(async () => {
    // The scheduler's own timer is off: only the campaign clock below sends.
    const databaseUrl = store.fresh();
    demo = await startDemo({ HOMING_DATABASE_URL: databaseUrl, HOMING_CAMPAIGNS_INTERVAL: '0' });
    db = await openDatabase(databaseUrl);
  });
  afterAll(async () => {
    await db?.close();
    await demo?.close();
  });

  it('Shopify-style store: cart → phone → SMS → cart permalink with the code → order → recovered', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/products/classic-mug`);
    await page.click('#add-to-cart');
    await page.locator('cart-drawer.active').waitFor();
    await page.goto(`${demo.base}/cart`);
    await page.click('#checkout');
    await page.waitForURL(/\/checkouts\/cn\/[^/]+$/);
    await page.fill('#checkout_name', 'Sam');
    await page.fill('#checkout_phone', '613 555 0142');
    await page.check('#checkout_sms_consent');
    await leave(page, before);

    const { body, link } = await smsLinkFor('+16135550142');
    expect(body).toContain('off5');
    // Opened on another device: the link alone carries the cart.
    await newShopper();
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/checkouts\/cn\/[^/]+\?discount=off5$/);
    expect(await page.textContent('.order-summary .line')).toContain('Classic Mug - Red × 1');
    expect(await page.textContent('.discount-code')).toBe('OFF5');
    expect(await page.textContent('.discount-amount')).toBe('−$0.99');
    expect(await page.textContent('.total-value')).toBe('$19.00');

    await page.fill('#checkout_name', 'Sam');
    await page.fill('#checkout_phone', '613 555 0142');
    await page.check('#checkout_sms_consent');
    await page.click('#pay-now');
    await page.waitForURL(/\/thank-you$/);
    expect(await page.textContent('h1')).toBe('Thank you, Sam!');
    expect(await page.textContent('.order-summary .line')).toBe('Classic Mug - Red × 1$19.99');
    expect(await page.textContent('.discount-code')).toBe('OFF5');
    expect(await page.textContent('.total-value')).toBe('$19.00');
    await upsellThenSurvey(page);

    await webhooksArrived('wk_shopify', ['checkouts/create', 'orders/create', 'orders/paid']);
    expect(await orders()).toEqual({ count: 1, revenue: { CAD: 19 } });
    const totals = await recovered('CAD');
    expect(totals.recovered_orders).toBe(1);
    expect(totals.revenue).toEqual({ CAD: 19 });
    expect(await appRecovered('wk_shopify')).toEqual({ orders: '1', revenue: 'CA$19.00' });
  });

  it('WooCommerce classic store: cart → phone → SMS → signed restore link with the coupon → order → recovered', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/examples/woocommerce/shop/`);
    await page.click('a[data-product_id="12"]');
    await page.locator('a.added_to_cart').waitFor();
    await page.goto(`${demo.base}/examples/woocommerce/shop/checkout.html`);
    await page.fill('#billing_first_name', 'Sara');
    await page.fill('#billing_phone', '0912 345 6789');
    await page.check('#sms_consent');
    await leave(page, before);

    const { link } = await smsLinkFor('+989123456789');
    // Opened on another device: the link alone carries the cart.
    await newShopper();
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/examples\/woocommerce\/shop\/cart\.html$/);
    await page.locator('.cart_totals .coupon-code').waitFor();
    expect(await page.textContent('.cart_totals .product-name')).toBe('Beanie × 1');
    expect(await page.textContent('.cart_totals .coupon-code')).toBe('off5');
    expect(await page.textContent('.cart_totals .total-amount')).toBe('$17.10');

    await page.click('.checkout-button');
    await page.locator('#order_review .coupon-code').waitFor();
    expect(await page.textContent('#order_review .total-amount')).toBe('$17.10');
    await page.fill('#billing_first_name', 'Sara');
    await page.fill('#billing_phone', '0912 345 6789');
    await page.check('#sms_consent');
    await page.click('#place_order');
    await page.waitForURL(/\/checkout\/order-received\/\d+\/\?key=wc_order_/);
    expect(await page.textContent('.woocommerce-order-overview__total strong')).toBe('$17.10');
    expect(await page.textContent('.woocommerce-table--order-details td.product-name')).toContain('Beanie');
    expect(await page.textContent('.coupon-code')).toBe('off5');
    await upsellThenSurvey(page);

    await webhooksArrived('wk_woo', ['order.created']);
    expect(await orders()).toEqual({ count: 2, revenue: { CAD: 19, USD: 17.1 } });
    const totals = await recovered('USD');
    expect(totals.recovered_orders).toBe(2);
    expect(totals.revenue.USD).toBe(17.1);
  });

  it('WooCommerce block store: Store API cart and checkout blocks, the signed link restores the cart with its coupon', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/examples/woocommerce/blocks/`);
    await page.click('#add-tshirt');
    await waitFor(async () => (await page.textContent('.wc-block-mini-cart__badge')) === '1');
    await page.goto(`${demo.base}/examples/woocommerce/blocks/checkout.html`);
    await page.fill('#billing-first_name', 'Alex');
    await page.fill('#billing-phone', '(201) 555-0188');
    await page.check('#sms-consent');
    await leave(page, before);

    const { link } = await smsLinkFor('+12015550188');
    expect(link).toBeDefined();
    // Opened on another device: the link alone carries the cart.
    await newShopper();
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/examples\/woocommerce\/blocks\/cart\.html$/);
    const discount = page.locator('.wc-block-components-totals-discount');
    await discount.waitFor();
    expect(await discount.textContent()).toBe('Coupon: off5−$1.00');
    expect(await page.textContent('.wc-block-components-totals-footer-item')).toBe('Total$19.00');
    await page.click('.wc-block-cart__submit-button');
    await page.locator('.wc-block-components-totals-discount').waitFor();
    await page.fill('#billing-first_name', 'Alex');
    await page.fill('#billing-phone', '(201) 555-0188');
    await page.check('#sms-consent');
    await page.click('#place-order');
    await page.waitForURL(/\/checkout\/order-received\/\d+\/\?key=wc_order_/);
    expect(await page.textContent('.woocommerce-order-overview__total strong')).toBe('$19.00');
    expect(await page.textContent('.woocommerce-table--order-details td.product-name')).toBe('T-Shirt - Blue ×\u00a01');
    expect(await page.textContent('.coupon-code')).toBe('off5');
    await upsellThenSurvey(page);
    await webhooksArrived('wk_woo_blocks', ['order.created']);
    expect(await orders()).toEqual({ count: 3, revenue: { CAD: 19, USD: 17.1 + 19 } });
    await waitFor(async () => (await summary()).campaigns.totals.revenue.USD === 17.1 + 19, { message: 'the block store order recovered' });
  });

  it('Persian store: toman and Persian digits on the page, IRR at the collector; the SMS link brings back the cart with the code', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/examples/plain/fa.html`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.click('#add-tea');
    await dismissPrompt(page);
    await page.click('#cart-link');
    expect(await page.textContent('#cart-totals .total')).toBe('مبلغ قابل پرداخت: ۲۵۰٬۰۰۰ تومان');
    await page.fill('#checkout-name', 'سارا');
    await page.fill('#checkout-phone', '۰۹۱۲ ۱۱۱ ۲۲۳۳');
    await page.check('#checkout-consent');
    await leave(page, before);

    const { body, link } = await smsLinkFor('+989121112233');
    expect(body).toContain('سبد خریدتان');
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/examples\/plain\/fa\.html\?discount=off5$/);
    expect(await page.textContent('#discount-notice')).toBe('کد OFF5 اعمال شد: ۵٪ تخفیف روی سبد خرید شما.');
    await page.click('#cart-link');
    expect(await page.textContent('#cart-totals .discount')).toBe('تخفیف OFF5: −۱۲٬۵۰۰ تومان');
    expect(await page.textContent('#cart-totals .total')).toBe('مبلغ قابل پرداخت: ۲۳۷٬۵۰۰ تومان');
    await page.fill('#checkout-name', 'سارا');
    await page.fill('#checkout-phone', '۰۹۱۲ ۱۱۱ ۲۲۳۳');
    await page.check('#checkout-consent');
    await page.click('#place-order');
    await page.waitForURL(/\/examples\/plain\/thank-you\/\d+\?key=/);
    expect(await page.textContent('h1')).toBe('سارا عزیز، سپاس از خرید شما!');
    expect(await page.textContent('.lines')).toBe('چای سبز × ۱ — ۲۵۰٬۰۰۰ تومان');
    expect(await page.textContent('.total-value')).toBe('۲۳۷٬۵۰۰ تومان');
    // The offer is priced in toman like the page: the cup's 1,200,000 rials, 10% off.
    const offer = page.locator('[data-homing-widget=upsell] article', { hasText: 'استکان کمرباریک' });
    expect([await offer.locator('.price').textContent(), await offer.locator('.regular').textContent()]).toEqual(['۱۰۸٬۰۰۰ تومان', '۱۲۰٬۰۰۰ تومان']);
    await upsellThenSurvey(page);
    expect(notInLanguage(await page.innerText('body'), 'fa', ['OFF5'])).toEqual([]);

    const totals = await recovered('IRR');
    expect(totals.revenue.IRR).toBe(2375000);
  });

  it('Hebrew store: right to left in shekels; the Hebrew SMS link brings back the cart with the code → order → recovered', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/examples/plain/he.html`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.click('#add-cup');
    await dismissPrompt(page);
    await page.click('#add-cup');
    await page.click('#cart-link');
    expect(await page.textContent('#cart-totals .total')).toBe('סה״כ לתשלום: \u200f58.00\u00a0\u200f₪');
    await page.fill('#checkout-name', 'נועה');
    await page.fill('#checkout-phone', '050-555-1234');
    await page.check('#checkout-consent');
    await leave(page, before);

    const { body, link } = await smsLinkFor('+972505551234');
    // Greeted by name only with the name typed into Homing's own prompt (this shopper gave it at checkout).
    expect(body).toMatch(/^המוצרים שבחרת עדיין מחכים בעגלה\. אפשר להשלים את ההזמנה עם הקוד off5: http/);
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/examples\/plain\/he\.html\?discount=off5$/);
    expect(await page.textContent('#discount-notice')).toBe('הקוד OFF5 הופעל: 5% הנחה על הסל.');
    await page.click('#cart-link');
    expect(await page.textContent('#cart-lines')).toBe('ספל תה × 2 — \u200f58.00\u00a0\u200f₪');
    expect(await page.textContent('#cart-totals .discount')).toBe('הנחה OFF5: −\u200f2.90\u00a0\u200f₪');
    expect(await page.textContent('#cart-totals .total')).toBe('סה״כ לתשלום: \u200f55.10\u00a0\u200f₪');
    await page.fill('#checkout-name', 'נועה');
    await page.fill('#checkout-phone', '050-555-1234');
    await page.check('#checkout-consent');
    await page.click('#place-order');
    await page.waitForURL(/\/examples\/plain\/thank-you\/\d+\?key=/);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('h1')).toBe('תודה, נועה!');
    expect(await page.textContent('.lines')).toBe('ספל תה × 2 — \u200f58.00\u00a0\u200f₪');
    expect(await page.textContent('.total-value')).toBe('\u200f55.10\u00a0\u200f₪');
    await upsellThenSurvey(page);
    expect(notInLanguage(await page.innerText('body'), 'he', ['OFF5'])).toEqual([]);

    const totals = await recovered('ILS');
    expect(totals.revenue.ILS).toBe(55.1);
  });

  it('Plain store: cart in a cookie, the SMS link with ?discount= → order in euros → recovered', async () => {
    await newShopper();
    const before = await consenting();
    let page = await context.newPage();
    await page.goto(`${demo.base}/examples/plain/`);
    await page.click('#add-tea');
    await dismissPrompt(page);
    await page.click('#cart-link');
    expect(await page.textContent('#cart-totals .total')).toBe('Total: €12.10');
    await page.fill('#checkout-name', 'Lena');
    await page.fill('#checkout-phone', '0151 2345 6789');
    await page.check('#checkout-consent');
    await leave(page, before);

    const { body, link } = await smsLinkFor('+4915123456789');
    expect(body).toMatch(/^You left something in your cart\. Finish your order with code off5: http/);
    page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/examples\/plain\/\?discount=off5$/);
    expect(await page.textContent('#discount-notice')).toBe('Code OFF5 applied: 5% off your cart.');
    await page.click('#cart-link');
    expect(await page.textContent('#cart-lines')).toBe('Green Tea × 1 — €12.10');
    expect(await page.textContent('#cart-totals .discount')).toBe('Discount OFF5: −€0.60');
    expect(await page.textContent('#cart-totals .total')).toBe('Total: €11.50');
    await page.fill('#checkout-name', 'Lena');
    await page.fill('#checkout-phone', '0151 2345 6789');
    await page.check('#checkout-consent');
    await page.click('#place-order');
    await page.waitForURL(/\/examples\/plain\/thank-you\/\d+\?key=/);
    expect(await page.textContent('h1')).toBe('Thank you, Lena!');
    expect(await page.textContent('.lines')).toBe('Green Tea × 1 — €12.10');
    expect(await page.textContent('.total-value')).toBe('€11.50');
    await upsellThenSurvey(page);

    const totals = await recovered('EUR');
    expect(totals.revenue.EUR).toBe(11.5);
    expect(await appRecovered('wk_plain')).toEqual({ orders: '1', revenue: '€11.50' });
  });

  it('Plain and Persian stores, a month later: the replenishment SMS for the tea brings the shopper back with its code', async () => {
    await newShopper();
    // The campaign clock past the tea's 30 days and the step's 3 more, at noon like the printed one.
    const asOf = new Date(new URL(demo.runUrl).searchParams.get('asOf')!);
    asOf.setDate(asOf.getDate() + 40);
    const run = await demo.admin(`/v1/campaigns/run?asOf=${asOf.toISOString()}`, { method: 'POST' });
    expect(run.scheduled['replenishment:0'], JSON.stringify(run)).toBeGreaterThanOrEqual(1);
    const { messages } = await demo.admin<{ messages: { phone: string; campaign: string; body: string }[] }>('/v1/campaigns/outbox?state=sent');
    const message = messages.find((m) => m.campaign === 'replenishment' && m.phone === '+4915123456789');
    expect(message?.body).toMatch(/^Time to reorder Green Tea\? It should be running low\. 5% off with refill5: http/);
    // The Persian store's shopper too: the link leads under that store's own page.
    const persian = messages.find((m) => m.campaign === 'replenishment' && m.phone === '+989121112233');
    expect(persian?.body).toMatch(/^وقت سفارش دوباره چای سبز است؟ ۵٪ تخفیف با کد refill5: http/);
    const page = await context.newPage();
    await page.goto(/https?:\/\/\S+\/r\/[A-Za-z0-9]+/.exec(message!.body)![0]);
    await page.waitForURL(/\/examples\/plain\/\?discount=refill5/);
    expect(await page.textContent('#discount-notice')).toBe('Code REFILL5 applied: 5% off your cart.');
  });
});
