// `npm start` as a newcomer meets it: the printed walk-through, the demo landing page linking every
// store and tool (each page with the demo's favicon), a store in Chromium, and the owner's app
// (opened from the landing page) showing the cart their clicks produced.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitFor } from './harness.js';
import { startDemo, type Demo } from './demo-server.js';

let browser: Browser;
let demo: Demo;

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemo()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const summary = () => demo.admin('/v1/reports/summary');

describe('npm start', () => {
  it('prints a campaign clock that runs a day and a half or more ahead, at noon', () => {
    const asOf = new Date(new URL(demo.runUrl).searchParams.get('asOf')!);
    expect(asOf.getTime() - Date.now()).toBeGreaterThan(36 * 3_600_000);
    expect(asOf.getHours()).toBe(12);
  });

  it('links every store, the pixel sandbox and the owner\'s app from the landing page, each page with the favicon', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.base}/`);
    const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const id of ['shopify-store', 'woocommerce-store', 'woocommerce-blocks-store', 'plain-store', 'persian-store', 'hebrew-store', 'shopify-pixel-sandbox', 'woocommerce-thank-you', 'app-link', 'outbox'])
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    for (const link of links.filter((href) => !/\/app\b|\/campaigns\//.test(href))) {
      const html = await (await fetch(link)).text();
      expect(html, link).toContain('<link rel="icon" href="/examples/favicon.svg"');
    }
    const icon = await fetch(`${demo.base}/examples/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    await page.click('#app-link');
    await page.locator('[data-card="carts"]').waitFor();
    await context.close();
  });

  it('serves a store; the owner\'s app shows the cart with the product added', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.base}/`);
    await waitFor(async () => (await summary()).events.byType.page >= 1, { message: 'the landing page view at the collector' });

    await page.click('#shopify-store');
    await page.click('a[href="/products/classic-mug"]');
    await page.click('#add-to-cart');
    await waitFor(async () => {
      const s = await summary();
      return s.funnel.carts >= 1 && s.topProducts.some((p: { name: string | null }) => p.name?.includes('Classic Mug')) ? s : undefined;
    }, { message: 'the add to cart, with the product name, at the collector' });

    const app = await context.newPage();
    await app.goto(demo.appUrl);
    await app.goto(`${demo.base}/app?store=wk_shopify`);
    expect(Number(await app.textContent('[data-card="carts"] .value'))).toBeGreaterThanOrEqual(1);
    await app.click('nav.main a[href^="/app/carts"]');
    expect(await app.textContent('main')).toContain('Classic Mug');
    await context.close();
  });

  it('prints a three-step walk-through (the landing page shows it too) whose curl command, pasted into a shell, runs the campaign clock', async () => {
    const steps = /Try this:\n((?: {2}\d\. .*\n)+)/.exec(demo.printed)?.[1]!.trimEnd().split('\n') ?? [];
    expect(steps.map((step) => step.slice(0, 5))).toEqual(['  1. ', '  2. ', '  3. ']);
    expect(steps[2]).toContain(demo.outboxUrl);
    const command = /curl .*/.exec(steps[1]!)![0];
    const landing = await (await fetch(`${demo.base}/`)).text();
    expect(/<code id="run-clock">([^<]*)<\/code>/.exec(landing)?.[1]?.replaceAll('&quot;', '"').replaceAll('&amp;', '&'), 'the landing page shows the same command').toBe(command);
    const { stdout } = await promisify(execFile)('sh', ['-c', command]);
    const run = JSON.parse(stdout);
    expect(run.asOf).toBe(new Date(new URL(demo.runUrl).searchParams.get('asOf')!).toISOString());
    expect(run.sent).toBeTypeOf('number');
  });

  it('adds to the WooCommerce cart from the add-to-cart link itself (no JavaScript), then drops the parameter', async () => {
    const added = await fetch(`${demo.base}/examples/woocommerce/shop/?add-to-cart=12`, { redirect: 'manual' });
    expect(added.status).toBe(302);
    expect(added.headers.get('location')).toBe('/examples/woocommerce/shop/');
    const cookie = added.headers.get('set-cookie')!.split(';')[0]!;
    const cart = await (await fetch(`${demo.base}/wp-json/wc/store/v1/cart`, { headers: { cookie } })).json();
    expect(cart.items.map((item: { name: string; quantity: number }) => `${item.name} × ${item.quantity}`)).toEqual(['Beanie × 1']);
  });
});
