// Capture on a store that is neither Shopify nor WooCommerce (examples/plain): data-homing-*
// buttons, the phone prompt (lazy, Shadow DOM, strict CSP, RTL), phone fields without type=tel,
// and single-page navigation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startTestServer, waitFor, type RecordedEvent, type TestServer } from './harness.js';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const problems: string[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await context?.close();
  server.collector.reset();
  problems.length = 0;
});

async function open(path = '/examples/plain/'): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function' && '__homingNet' in window);
  return page;
}

const track = (name: string, extra: (e: RecordedEvent) => boolean = () => true) => (e: RecordedEvent) => e.event === name && extra(e);
const prompt = (page: Page) => page.locator('homing-phone-prompt');

describe('capture on a store with data-homing-* attributes', () => {
  it('records adds and removals from the attributes, with an exact cart value and a persisted cart id', async () => {
    context = await browser.newContext();
    const page = await open();
    await page.click('#add-tea');
    const [tea] = await server.collector.waitForEvents(track('Product Added'));
    expect(tea.properties).toEqual({
      product_id: 'tea-01', variant: 'tea-01-100g', name: 'Green Tea', price: 12.1, quantity: 1, url: '/examples/plain/#tea-01',
      cart_id: expect.stringMatching(/^[\w-]{12}$/), currency: 'EUR',
    });
    await page.keyboard.press('Escape'); // the prompt (tested below) is not in the way
    await page.click('#add-cup');
    await page.click('#add-tea');
    await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 31.4));
    await page.click('#remove-tea');
    const [removed] = await server.collector.waitForEvents(track('Product Removed'));
    expect(removed.properties).toMatchObject({ variant: 'tea-01-100g', quantity: 1, price: 12.1, cart_id: tea.properties!.cart_id });
    const [last] = await server.collector.waitForEvents(track('Cart Updated', (e) => e.properties?.value === 19.3));
    expect(last.properties?.products).toEqual([
      expect.objectContaining({ variant: 'tea-01-100g', quantity: 1 }),
      expect.objectContaining({ product_id: 'cup-02', sku: 'CUP-2', quantity: 1 }),
    ]);
    // The store's own handler ran as before.
    expect(await page.textContent('#cart-count')).toBe('2');

    // The cart id survives a reload.
    await page.reload();
    await page.waitForFunction(() => '__homingNet' in window);
    await page.click('#add-cup');
    await server.collector.waitForEvents(track('Product Added', (e) => e.properties?.product_id === 'cup-02'), 2);
    expect(new Set(server.collector.tracks('Product Added').map((e) => e.properties?.cart_id)).size).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows the phone prompt after the first add, accessibly, under a strict CSP and without layout shift', async () => {
    context = await browser.newContext();
    const page = await open();
    await page.focus('#add-tea');
    // Where everything on the page is before the sheet shows: it must not move.
    const layout = () => page.evaluate(() => [...document.querySelectorAll('body *')].map((el) => JSON.stringify(el.getBoundingClientRect())).join());
    const before = await layout();
    await page.evaluate(() => {
      (window as any).shifts = [];
      new PerformanceObserver((list) => (window as any).shifts.push(...list.getEntries().map((e: any) => e.value))).observe({ type: 'layout-shift' });
    });
    await page.click('#add-tea');
    const dialog = page.locator('homing-phone-prompt [role=dialog]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-labelledby')).toBe('title');
    const after = await layout();
    expect(after.startsWith(before)).toBe(true);
    expect(await page.evaluate(() => (window as any).shifts)).toEqual([]);
    expect(await page.locator('homing-phone-prompt h2').textContent()).toBe('Save your cart');
    expect(await page.getByLabel('Mobile number').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await page.getByLabel('Yes, text me about my cart').isChecked()).toBe(false);
    // Styled through adoptedStyleSheets although the policy forbids inline styles.
    expect(await dialog.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');

    await page.getByLabel('Mobile number').fill('12');
    await page.click('homing-phone-prompt .save');
    expect(await page.locator('homing-phone-prompt [role=alert]').textContent()).toBe('Please enter a valid mobile number.');
    await page.getByLabel('Mobile number').fill('0151 2345 6789');
    await page.getByLabel('Yes, text me about my cart').check();
    await page.click('homing-phone-prompt .save');
    const [identify] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(identify.traits).toEqual({ phone: '+4915123456789', phone_consent: true });
    await page.keyboard.press('Escape');
    await prompt(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('add-tea');
    // A number is known now: no prompt on later adds.
    await page.click('#add-cup');
    await server.collector.waitForEvents(track('Product Added'), 2);
    expect(await prompt(page).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('remembers a dismissal, and speaks Persian right-to-left on a Persian store', async () => {
    context = await browser.newContext();
    const page = await open('/examples/plain/fa.html');
    await page.click('#add-tea');
    await prompt(page).locator('[role=dialog]').waitFor();
    expect(await prompt(page).getAttribute('dir')).toBe('rtl');
    expect(await page.locator('homing-phone-prompt h2').textContent()).toBe('سبد خریدتان را نگه دارید');
    await page.click('homing-phone-prompt .close');
    await prompt(page).waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForFunction(() => '__homingNet' in window);
    await page.click('#add-cup');
    await server.collector.waitForEvents(track('Product Added'), 2);
    await server.collector.waitForEvents(track('Cart Updated'), 2);
    expect(await prompt(page).count()).toBe(0);
    expect(server.collector.list((e) => e.type === 'identify')).toHaveLength(0);
  });

  it('takes a Persian birthday in the Persian calendar and digits, after saying so when it cannot be read', async () => {
    context = await browser.newContext();
    const page = await open('/examples/plain/fa.html');
    await page.click('#add-tea');
    await prompt(page).locator('[role=dialog]').waitFor();
    const birthday = prompt(page).getByLabel('تاریخ تولد شمسی (اختیاری، روز/ماه)');
    await prompt(page).getByLabel('شماره موبایل').fill('۰۹۱۲ ۳۳۳ ۴۴۵۵');
    await birthday.fill('۱۲ مرداد');
    await prompt(page).locator('.save').click();
    expect(await prompt(page).locator('[role=alert]').textContent()).toBe('لطفاً تاریخ تولد را به شکل روز/ماه وارد کنید.');
    expect(await birthday.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await birthday.fill('۱۲/۵');
    await prompt(page).locator('.save').click();
    await prompt(page).locator('[role=status]').waitFor();
    const identifies = await server.collector.waitForEvents((e) => e.type === 'identify');
    // 12 Mordad is 3 August; nothing went before the birthday could be read.
    expect(identifies.map((e) => e.traits)).toEqual([{ phone: '+989123334455', phone_consent: false, birthday: '08-03' }]);
    expect(problems).toEqual([]);
  });

  it('captures a phone field known only by its name, in the store default country', async () => {
    context = await browser.newContext();
    const page = await open('/examples/plain/fa.html');
    await page.fill('#contact-mobile', '٠٩١٢١٢٣٤٥٦٧');
    await page.click('h2');
    const [identify] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(identify.traits).toEqual({ phone: '+989121234567', phone_consent: false });
  });

  it('loads a lazy chunk again when its first fetch fails (a dropped connection), so the phone is still captured', async () => {
    context = await browser.newContext();
    const failed: string[] = [];
    // Every fetch of the plain chunk URL fails; the SDK's second try asks for it under another URL.
    await context.route('**/lazy/phone.mjs', (route) => (failed.push(route.request().url()), route.abort('connectionreset')));
    const page = await open('/examples/plain/fa.html');
    await page.fill('#contact-mobile', '٠٩١٢١٢٣٤٥٦٧');
    await page.click('h2');
    const [identify] = await server.collector.waitForEvents((e) => e.type === 'identify');
    expect(identify.traits).toEqual({ phone: '+989121234567', phone_consent: false });
    expect(failed).toHaveLength(1);
  });

  it('sends one page event per history navigation, and Cart Viewed on the cart route', async () => {
    context = await browser.newContext();
    const page = await open();
    await server.collector.waitForEvents((e) => e.type === 'page');
    await page.click('#cart-link');
    await server.collector.waitForEvents((e) => e.type === 'page' && e.properties?.path === '/examples/plain/cart');
    await server.collector.waitForEvents(track('Cart Viewed', (e) => e.context?.page?.path === '/examples/plain/cart'));
    await page.evaluate(() => history.replaceState({ same: true }, '', location.href));
    await page.evaluate(() => history.pushState({}, '', `${location.pathname}#section`));
    await page.goBack();
    await page.goBack();
    await waitFor(() => page.url().endsWith('/examples/plain/'));
    await server.collector.waitForEvents((e) => e.type === 'page', 3);
    await page.evaluate(() => (window as any).homing.flush());
    const paths = server.collector.list((e) => e.type === 'page').map((e) => e.properties?.path);
    expect(paths).toEqual(['/examples/plain/', '/examples/plain/cart', '/examples/plain/']);
  });
});
