// The owner's editing screens in real Chromium against the real collector (createCollector on
// SQLite), with real clicks: the abandoned-cart delay and Persian text, a blacklisted phone and an
// edited offer rule are used by the next campaign run and offer request with no restart, are there
// after a reload, and are listed in the settings history. Also: problems shown next to their field
// in the owner's language, and every screen usable at 390 px in Persian (right to left).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { nanoid } from 'nanoid';
import { createCollector } from 'homing-collector';
import { launchBrowser, waitFor } from './harness.js';

const ADMIN = 'admin-token';
const KEY = 'wk_e2e';
const SHOP = 'https://shop.example';
const T0 = Date.parse('2026-11-23T10:00:00.000Z'); // a Monday
const MIN = 60_000;
const HOUR = 60 * MIN;
const PERSIAN_SHOPPER = '+989121234567';
const BLOCKED_SHOPPER = '+989127654321';
const NEW_PERSIAN = '{name} جان، سبد شما هنوز اینجاست. با کد {code} تمامش کنید: {link}';
const admin = { authorization: `Bearer ${ADMIN}` };
const rule = { write_key: KEY, name: 'Wallet', currency: 'USD', offer: [{ product_id: 'p-wallet', name: 'Wallet', price: 30 }], expires_in_minutes: 15 };

let browser: Browser;
let collector: FastifyInstance;
let url: string;
let context: BrowserContext;
let page: Page;
const clock = { now: new Date(T0) };
const dir = mkdtempSync(join(tmpdir(), 'homing-app-edit-'));
const pageErrors: string[] = [];

async function sendEvents(batch: Record<string, unknown>[]): Promise<void> {
  const answer = await collector.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { 'content-type': 'text/plain' },
    payload: JSON.stringify({ writeKey: KEY, sentAt: clock.now.toISOString(), batch }),
  });
  expect(answer.json()).toMatchObject({ accepted: batch.length });
}

/** A shopper who gave a consenting phone and left a shirt in the cart at T0. */
async function shopperLeavesCart(anonymousId: string, phone: string, locale: string): Promise<void> {
  const base = { anonymousId, timestamp: new Date(T0).toISOString(), context: { locale, timezone: 'Asia/Tehran', page: { url: `${SHOP}/products/shirt` } } };
  await sendEvents([
    { type: 'identify', traits: { phone, phone_consent: true, first_name: 'Sara', name_source: 'prompt' }, messageId: nanoid(), ...base },
    { type: 'track', event: 'Product Added', properties: { product_id: 'p-shirt', name: 'Shirt', price: 20, quantity: 1, cart_id: `cart-${anonymousId}`, currency: 'USD' }, messageId: nanoid(), ...base },
  ]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await createCollector({
    config: {
      databaseUrl: `sqlite:${join(dir, 'collector.db')}`,
      adminToken: ADMIN,
      publicUrl: 'https://collect.example',
      writeKeys: { [KEY]: { allowedOrigins: [SHOP] } },
      rateLimitPerSecond: 0,
      clientRateLimitPerSecond: 0,
      env: {
        HOMING_SECRET: 'e2e-secret',
        HOMING_CAMPAIGNS_INTERVAL: '0',
        HOMING_CAMPAIGNS: JSON.stringify({ quietHours: null, frequencyCap: null, stores: { [KEY]: { url: SHOP, country: 'IR', name: 'Demo shop' } } }),
      },
    },
    now: () => clock.now,
  });
  url = await collector.listen({ port: 0, host: '127.0.0.1' });
  expect((await collector.inject({ method: 'PUT', url: '/v1/admin/offers/rules/wallet', headers: admin, payload: rule })).statusCode).toBe(200);
  await shopperLeavesCart('persian', PERSIAN_SHOPPER, 'fa-IR');
  await shopperLeavesCart('blocked', BLOCKED_SHOPPER, 'fa-IR');
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => dialog.accept());
  // Signing in with the token link: the collector swaps it for the session cookie.
  await page.goto(`${url}/app/campaigns?token=${ADMIN}&lang=en`);
  await page.waitForURL(/\/app\/campaigns/);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cart = () => page.locator('form[data-campaign="abandoned_cart"]');
const firstStep = () => cart().locator('li.step').first();

/**
 * Runs `action`, after which the page reloads itself (the app reloads a list once a change is made),
 * and waits until that reload is over: a check made meanwhile could read the emptied page, and a
 * navigation started meanwhile would be cut short by it.
 */
async function reloadedBy(action: () => Promise<unknown>): Promise<void> {
  await page.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));
  await action();
  await waitFor(() => page.evaluate(() => !(window as unknown as { beforeReload?: boolean }).beforeReload).catch(() => false), { message: 'the page reloaded itself' });
  await page.waitForLoadState();
}

describe('the owner edits settings in the app', () => {
  it('campaigns: a Persian text without {link} is refused next to its field, with a live segment count and preview', async () => {
    await page.goto(`${url}/app/campaigns?lang=en`);
    const persian = firstStep().locator('textarea[lang="fa"]');
    await persian.click();
    await persian.fill('');
    await persian.pressSequentially('سلام {name}');
    // Counted in the page as typed: Persian makes the text UCS-2.
    const count = firstStep().locator('.text[data-locale="fa"] .count');
    await waitFor(async () => (await count.textContent())?.startsWith('UCS-2: 11 characters, 1 SMS'), { message: 'the live count' });
    // The preview fills {name} with the latest shopper's name.
    expect(await firstStep().locator('.text[data-locale="fa"] .bubble').textContent()).toBe('سلام Sara');
    await cart().getByRole('button', { name: 'Save' }).click();
    const problem = firstStep().locator('.text[data-locale="fa"] .field-problem');
    await waitFor(() => problem.isVisible(), { message: 'the problem next to the Persian text' });
    expect(await problem.textContent()).toContain('The text needs {link}');
    expect(await persian.getAttribute('aria-invalid')).toBe('true');
    // Messages are added and removed in place, numbered as they stand.
    await cart().getByRole('button', { name: 'Add a message' }).click();
    expect(await cart().locator('li.step legend').allTextContents()).toEqual(['Message 1', 'Message 2', 'Message 3']);
    await cart().locator('li.step').nth(1).getByRole('button', { name: 'Remove this message' }).click();
    expect(await cart().locator('li.step legend').allTextContents()).toEqual(['Message 1', 'Message 2']);
    expect(await cart().locator('li.step').nth(1).getByLabel('Send after').getAttribute('id')).toMatch(/-s1-delay$/);
    // Nothing was saved.
    const settings = (await collector.inject({ url: '/v1/settings', headers: admin })).json();
    expect(settings.campaigns.abandoned_cart.steps[0].template.fa).not.toContain('سلام');
  });

  it('campaigns: the server’s own refusal is shown in the owner’s language next to the field it names', async () => {
    await page.goto(`${url}/app/campaigns?lang=fa`);
    // A template placeholder the sender does not know, typed past the page's own check: the server names the step and language.
    await page.evaluate(() => {
      const form = document.querySelector('form[data-campaign="abandoned_cart"]') as HTMLFormElement & { dataset: DOMStringMap };
      form.dataset.placeholders += ',coupon';
    });
    const persian = firstStep().locator('textarea[lang="fa"]');
    await persian.fill('{coupon} {link}');
    await cart().locator('button[type=submit]').click();
    const problem = firstStep().locator('.text[data-locale="fa"] .field-problem');
    await waitFor(() => problem.isVisible(), { message: 'the server problem next to the Persian text' });
    expect(await problem.textContent()).toMatch(/^ذخیره نشد: .*\{coupon\}/);
  });

  it('campaigns: a new delay and Persian text are saved and used by the next run with no restart', async () => {
    await page.goto(`${url}/app/campaigns?lang=en`);
    await firstStep().getByLabel('Send after').fill('2');
    await firstStep().getByLabel('Unit').selectOption('h');
    await firstStep().locator('textarea[lang="fa"]').fill(NEW_PERSIAN);
    await cart().getByLabel('Sun').uncheck();
    await cart().getByLabel('From').fill('09:00');
    await cart().getByLabel('Until').fill('20:00');
    await cart().getByRole('button', { name: 'Save' }).click();
    await waitFor(async () => (await cart().locator('.form-status').textContent()) === 'Saved.', { message: 'saved' });
    const saved = (await collector.inject({ url: '/v1/settings', headers: admin })).json().campaigns.abandoned_cart;
    expect(saved).toMatchObject({ sendDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], sendWindow: { start: '09:00', end: '20:00' } });
    expect(saved.steps[0]).toMatchObject({ after: '2h', discountCode: 'off5' });
    // The owner tries the saved Persian text on their own phone.
    await page.getByLabel('My phone').fill('+989350000000');
    const persianBox = firstStep().locator('.text[data-locale="fa"]');
    await persianBox.getByRole('button', { name: 'Send a test SMS to my phone' }).click();
    await waitFor(async () => (await persianBox.locator('.test-status').textContent()) === 'Sent.', { message: 'test SMS sent' });
  });

  it('blacklist: a phone added in the app', async () => {
    await page.goto(`${url}/app/blacklist?lang=en`);
    await page.getByLabel('Phone number').fill('+98 912 765 4321');
    await page.locator('#blacklist-add').getByRole('button', { name: 'Add a phone' }).click();
    await waitFor(() => page.locator('table td', { hasText: BLOCKED_SHOPPER }).count(), { message: 'the phone listed' });
  });

  it('blacklist: a CSV import lists each refused row by line; a phone is removed again', async () => {
    await page.goto(`${url}/app/blacklist?lang=en`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'phones.csv', mimeType: 'text/csv', buffer: Buffer.from('phone\n+989120000001\nnot-a-phone\n+989120000002,wk_nope\n') });
    await page.locator('#blacklist-import').getByRole('button', { name: 'Import CSV' }).click();
    const problems = page.locator('#blacklist-import .import-problems li');
    await waitFor(async () => (await problems.count()) === 2, { message: 'two refused rows' });
    expect(await problems.allTextContents()).toEqual([expect.stringMatching(/^Row 3 \(not-a-phone\): not a valid phone number/), expect.stringMatching(/^Row 4 \(wk_nope\): not a write key/)]);
    expect(await page.locator('#blacklist-import .form-status').textContent()).toBe('1 added, 0 already listed.');
    await page.reload();
    const row = page.locator('tr', { hasText: '+989120000001' });
    await reloadedBy(() => row.getByRole('button', { name: 'Remove +989120000001' }).click());
    await waitFor(async () => (await page.locator('tr', { hasText: '+989120000001' }).count()) === 0, { message: 'the phone removed' });
    expect(await page.locator('table td', { hasText: BLOCKED_SHOPPER }).count()).toBe(1);
  });

  it('offers: a rule edited in the app, with the thank-you card previewed as typed', async () => {
    await page.goto(`${url}/app/offers?lang=en`);
    await page.locator('#rule-wallet summary').click();
    const form = page.locator('#rule-wallet form');
    await form.getByLabel('Product name').fill('Leather wallet');
    await form.getByLabel('Price').fill('25');
    await form.getByLabel('Discount, percent').fill('20');
    expect(await form.locator('.upsell-preview h3').textContent()).toBe('Leather wallet');
    expect(await form.locator('.upsell-preview .price').textContent()).toBe('$20.00');
    await form.getByRole('button', { name: 'Save' }).click();
    await waitFor(async () => (await form.locator('.form-status').textContent()) === 'Saved.', { message: 'rule saved' });
  });

  it('offers: a new rule is created, refused fields are marked, and it is deleted', async () => {
    await page.goto(`${url}/app/offers?lang=en`);
    await page.locator('#new-rule summary').click();
    const form = page.locator('#new-rule form');
    await form.getByLabel('Rule id').fill('socks');
    await form.getByLabel('Currency').fill('usd');
    await form.getByLabel('Product id').fill('p-socks');
    await form.getByLabel('Product name').fill('Socks');
    await form.getByLabel('Price').fill('-1');
    await form.getByRole('button', { name: 'Save' }).click();
    const priceProblem = form.locator('.product [name=price]').locator('xpath=..').locator('.field-problem');
    await waitFor(() => priceProblem.isVisible(), { message: 'the price problem' });
    expect(await priceProblem.textContent()).toContain('/offer/0/price');
    await form.getByLabel('Price').fill('5');
    await form.getByRole('button', { name: 'Save' }).click();
    await waitFor(() => page.locator('#rule-socks').count(), { message: 'the new rule listed' });
    expect((await collector.inject({ url: '/v1/admin/offers/rules', headers: admin })).json().rules.map((r: any) => r.id)).toEqual(['socks', 'wallet']);
    await page.locator('#rule-socks summary').click();
    await reloadedBy(() => page.locator('#rule-socks').getByRole('button', { name: 'Delete' }).click());
    await waitFor(async () => (await page.locator('#rule-socks').count()) === 0, { message: 'the rule deleted' });
    expect((await collector.inject({ url: '/v1/admin/offers/rules', headers: admin })).json().rules.map((r: any) => r.id)).toEqual(['wallet']);
  });

  it('the next campaign run and offer request use the changes; a reload shows them; the history lists them', async () => {
    // 2 hours after the cart was left (it was 1 day before the change): due now, in the new Persian.
    clock.now = new Date(T0 + 2 * HOUR + MIN);
    const run = await collector.inject({ method: 'POST', url: `/v1/campaigns/run?asOf=${encodeURIComponent(clock.now.toISOString())}`, headers: admin });
    expect(run.statusCode).toBe(200);
    const messages = (await collector.inject({ url: '/v1/campaigns/outbox', headers: admin })).json().messages;
    expect(messages.map((m: any) => m.phone)).toEqual([PERSIAN_SHOPPER]);
    expect(messages[0]).toMatchObject({ state: 'sent', due_at: clock.now.toISOString() });
    expect(messages[0].body).toMatch(/^Sara جان، سبد شما هنوز اینجاست\. با کد off5 تمامش کنید: https:\/\/collect\.example\/r\//);

    // An order for the edited offer.
    await sendEvents([
      { type: 'track', event: 'Order Completed', properties: { order_id: 'o-1', order_key: 'wc_order_secret', value: 40, currency: 'USD', products: [{ product_id: 'p-shirt', price: 40, quantity: 1 }] }, messageId: nanoid(), anonymousId: 'buyer', timestamp: clock.now.toISOString() },
    ]);
    const offers = await collector.inject({ url: `/v1/offers?order_id=o-1&order_key=wc_order_secret&write_key=${KEY}`, headers: { origin: SHOP } });
    expect(offers.statusCode).toBe(200);
    expect(offers.json().offers).toMatchObject([{ product: { product_id: 'p-wallet', name: 'Leather wallet' }, discount_percent: 20, choices: [{ price: 20 }] }]);

    await page.goto(`${url}/app/campaigns?lang=en`);
    expect(await firstStep().getByLabel('Send after').inputValue()).toBe('2');
    expect(await firstStep().getByLabel('Unit').inputValue()).toBe('h');
    expect(await firstStep().locator('textarea[lang="fa"]').inputValue()).toBe(NEW_PERSIAN);
    await page.goto(`${url}/app/blacklist?lang=en`);
    expect(await page.locator('table td', { hasText: BLOCKED_SHOPPER }).count()).toBe(1);
    await page.goto(`${url}/app/offers?lang=en`);
    expect(await page.locator('#rule-wallet summary').textContent()).toContain('Wallet');
    expect(await page.locator('#rule-wallet [name=product_name]').inputValue()).toBe('Leather wallet');

    await page.goto(`${url}/app/audit?lang=en`);
    const rows = page.locator('tbody tr');
    const text = (await rows.allTextContents()).join('\n');
    expect(text).toMatch(/Abandoned cart[\s\S]*steps › 1 › after: 1d → 2h/);
    expect(text).toContain(NEW_PERSIAN);
    expect(text).toMatch(/Blacklist and opt-outs: Demo shop[\s\S]*\+989127654321/);
    expect(text).toMatch(/Thank-you offers: wallet[\s\S]*Leather wallet/);
    expect(pageErrors).toEqual([]);
  });

  it('stores: a secret is never on the page; replacing it is saved, shown as set, and revertable from the history; a new store gets its write key', async () => {
    await page.goto(`${url}/app/stores?lang=en`);
    const form = page.locator('form.store');
    const secret = form.locator('fieldset.secret[data-secret="woocommerce.webhookSecret"]');
    expect(await secret.locator('.badge').textContent()).toBe('not set');
    await secret.getByLabel('Replace').check();
    await secret.locator('input.secret-value').fill('whsec-new-value');
    await form.getByLabel('SMS per day at most').fill('40');
    await form.getByRole('button', { name: 'Save' }).click();
    await waitFor(async () => (await form.locator('.form-status').textContent()) === 'Saved.', { message: 'store saved' });
    const stored = (await collector.inject({ url: '/v1/settings', headers: admin })).json().stores[KEY];
    expect(stored).toMatchObject({ dailySmsBudget: 40, woocommerce: { webhookSecret: { set: true } }, url: SHOP, allowedOrigins: [SHOP] });
    await page.reload();
    expect(await page.content()).not.toContain('whsec-new-value');
    expect(await form.locator('fieldset.secret[data-secret="woocommerce.webhookSecret"] .badge').textContent()).toBe('set');

    // A wrong URL is refused next to its field.
    await form.getByLabel('Store URL').fill('ftp://shop.example');
    await form.getByRole('button', { name: 'Save' }).click();
    const problem = form.locator('[data-path="url"]').locator('xpath=..').locator('.field-problem');
    await waitFor(() => problem.isVisible(), { message: 'the URL problem' });
    expect(await problem.textContent()).toContain('url');

    // The history reverts the budget and secret change.
    await page.goto(`${url}/app/audit?lang=en`);
    const change = page.locator('tbody tr', { hasText: 'dailySmsBudget' }).first();
    expect(await change.textContent()).toContain('Store: Demo shop');
    await reloadedBy(() => change.getByRole('button', { name: 'Revert' }).click());
    await waitFor(async () => !(await collector.inject({ url: '/v1/settings', headers: admin })).json().stores[KEY].dailySmsBudget, { message: 'reverted' });

    await page.goto(`${url}/app/stores?lang=en`);
    await page.locator('summary', { hasText: 'New store' }).click();
    const created = page.locator('form.new-store');
    await created.getByLabel('Store name').fill('Second shop');
    await created.getByLabel('Store URL').fill('https://second.example');
    await created.getByRole('button', { name: 'Create store' }).click();
    await page.waitForURL(/store=/);
    const key = new URL(page.url()).searchParams.get('store')!;
    expect(await page.locator('form.store code').textContent()).toBe(key);
    expect((await collector.inject({ url: '/v1/settings', headers: admin })).json().stores[key]).toMatchObject({ name: 'Second shop', url: 'https://second.example' });
  });

  it('every editing screen fits 390 px in Persian, Hebrew and Arabic, right to left, with no sideways scroll', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    const small = await phone.newPage();
    try {
      for (const lang of ['fa', 'he', 'ar']) {
        for (const path of ['/app/campaigns', '/app/offers', '/app/blacklist', '/app/stores', '/app/audit']) {
          await small.goto(`${url}${path}?lang=${lang}`);
          expect(await small.locator('html').getAttribute('dir')).toBe('rtl');
          const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect({ lang, path, overflow }).toEqual({ lang, path, overflow: 0 });
        }
      }
    } finally {
      await phone.close();
    }
  });
});
