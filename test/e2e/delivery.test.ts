// Delivery through the script tag in real Chromium: nothing is lost, nothing is duplicated at
// the collector, whatever the network, the collector and the tabs do. Every scenario compares
// the set of messageIds the browser stored with the set the collector received.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startTestServer, waitFor, type TestServer } from './harness.js';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
let warnings: string[];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  server.collector.reset();
  warnings = [];
  context = await browser.newContext();
});
afterEach(async () => {
  await context?.close();
});

const pageUrl = (query = '') => `${server.origin}/test/e2e/pages/delivery/index.html${query}`;

async function open(query = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  page.on('pageerror', (e) => warnings.push(`pageerror ${e.message}`));
  await page.goto(pageUrl(query));
  await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
  return page;
}

/** Tracks `count` events and resolves once all are durably stored (track() resolves then). */
function trackMany(page: Page, count: number, name = 'Test Event', tag = 'run'): Promise<void> {
  return page.evaluate(
    ([count, name, tag]) => Promise.all(Array.from({ length: count as number }, (_, i) => (window as any).homing.track(name, { i, tag }))).then(() => {}),
    [count, name, tag] as const,
  );
}

/** messageIds in the page's IndexedDB queue, read with the raw IndexedDB API. */
function storedIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('homing');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const keys = db.transaction('events').objectStore('events').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve((keys.result as string[]).filter((k) => k.startsWith('q:')).map((k) => k.slice(2)));
          };
        };
      }),
  );
}

/** Closes the tab the way a shopper does (pagehide runs) and waits until it is gone. */
async function closeTab(page: Page): Promise<void> {
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
}

const received = () => new Set(server.collector.events.keys());
async function expectAllDelivered(ids: string[], timeout = 20_000): Promise<void> {
  await waitFor(() => ids.every((id) => server.collector.events.has(id)), { timeout, message: `${ids.filter((id) => !received().has(id)).length} of ${ids.length} stored events at the collector` });
}
const named = (name: string) => (e: { event?: string }) => e.event === name;

describe('delivery through the script tag', () => {
  it('sends the page view and tracked events as text/plain batches to /v1/batch, then empties the queue', async () => {
    const page = await open();
    await trackMany(page, 5);
    const events = await server.collector.waitForEvents(named('Test Event'), 5);
    const [pageView] = await server.collector.waitForEvents((e) => e.type === 'page', 1);
    expect(pageView.properties?.path).toBe('/test/e2e/pages/delivery/index.html');
    expect(events[0].context?.library).toEqual({ name: 'homing', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(events[0].anonymousId).toBe(pageView.anonymousId);
    expect(server.collector.requests[0].contentType).toMatch(/^text\/plain/);
    expect(JSON.parse(server.collector.requests[0].body).writeKey).toBe('wk_test');
    await waitFor(async () => (await storedIds(page)).length === 0, { message: 'queue drained' });
    expect(await page.evaluate(() => (window as any).homing.stats())).toMatchObject({ storage: 'indexeddb', queued: 0 });
    expect(warnings).toEqual([]);
  });

  it('keeps events through a reload while the collector is down, and delivers all of them once it is back', async () => {
    server.collector.setMode('error500');
    const page = await open();
    await trackMany(page, 20, 'Product Added', 'before');
    const before = await storedIds(page);
    expect(before.length).toBe(21); // 20 + the page view
    await page.reload();
    await page.waitForFunction(() => typeof (window as any).homing?.stats === 'function');
    await trackMany(page, 10, 'Product Added', 'after');
    const all = await storedIds(page);
    expect(all).toEqual(expect.arrayContaining(before));
    expect(all.length).toBe(32);
    expect(server.collector.events.size).toBe(0);
    server.collector.setMode('ok');
    await expectAllDelivered(all);
    expect(server.collector.tracks('Product Added')).toHaveLength(30);
  });

  it('offline, tab closed, reopened, online: delivers everything', async () => {
    // A beacon can still leave while a page closes offline, so the collector refuses too.
    server.collector.setMode('refuse');
    let page = await open();
    await context.setOffline(true);
    await trackMany(page, 15, 'Cart Updated');
    const ids = await storedIds(page);
    expect(ids.length).toBe(16);
    await closeTab(page);
    await context.setOffline(false);
    page = await open();
    await waitFor(() => server.collector.requests.length > 0, { message: 'a refused attempt' });
    expect(server.collector.events.size).toBe(0);
    server.collector.setMode('ok');
    await expectAllDelivered([...ids, ...(await storedIds(page))]);
    expect(server.collector.tracks('Cart Updated')).toHaveLength(15);
  });

  it('two tabs tracking at once lose nothing and duplicate nothing at the collector', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await Promise.all([trackMany(a, 60, 'Product Added', 'a'), trackMany(b, 60, 'Product Added', 'b')]);
    const added = await server.collector.waitForEvents(named('Product Added'), 120, 20_000);
    expect(new Set(added.map((e) => `${e.properties?.tag}${e.properties?.i}`)).size).toBe(120);
    await server.collector.waitForEvents((e) => e.type === 'page', 2);
    await waitFor(async () => (await storedIds(a)).length === 0, { message: 'queue drained' });
    expect(server.collector.deliveries.length).toBe(server.collector.events.size);
  });

  it('when the sending tab closes, another tab takes over and sends what both stored', async () => {
    server.collector.setMode('error500');
    const sender = await open();
    const other = await open();
    await Promise.all([trackMany(sender, 10, 'Product Added', 'sender'), trackMany(other, 10, 'Product Added', 'other')]);
    const ids = await storedIds(other);
    expect(ids.length).toBe(22);
    await closeTab(sender);
    server.collector.setMode('ok');
    await expectAllDelivered(ids);
    expect(server.collector.tracks('Product Added')).toHaveLength(20);
  });

  it('retries after a 500 and delivers once', async () => {
    server.collector.setMode('error500', { times: 1 });
    const page = await open();
    await trackMany(page, 3, 'Product Added');
    await server.collector.waitForEvents(named('Product Added'), 3);
    expect(server.collector.requests[0].answered).toBe(500);
    await waitFor(async () => (await storedIds(page)).length === 0, { message: 'queue drained' });
  });

  it('splits a batch the collector answers 413 and delivers every event', async () => {
    server.collector.setMode('error500');
    const page = await open();
    await trackMany(page, 40, 'Promotion Viewed');
    const ids = await storedIds(page);
    server.collector.setMode('tooLarge413', { times: 1 });
    await page.evaluate(() => (window as any).homing.flush());
    await expectAllDelivered(ids);
    const answered = server.collector.requests.map((r) => r.answered);
    expect(answered).toContain(413);
    const afterSplit = server.collector.requests.slice(answered.indexOf(413) + 1);
    expect(Math.max(...afterSplit.map((r) => JSON.parse(r.body).batch.length))).toBeLessThan(41);
  });

  it('beacons waiting events when the page is closed', async () => {
    const page = await open();
    await server.collector.waitForEvents((e) => e.type === 'page', 1);
    // Not urgent: a regular send would wait 2 s, but the page closes right away.
    await trackMany(page, 3, 'Promotion Viewed');
    await closeTab(page);
    await server.collector.waitForEvents(named('Promotion Viewed'), 3);
    const beacon = server.collector.requests.find((r) => r.body.includes('Promotion Viewed'))!;
    expect(beacon.headers['sec-fetch-mode']).toBe('no-cors'); // sendBeacon, not fetch
  });

  it('consent pending keeps events unsent until granted', async () => {
    const page = await open('?consent=pending');
    await trackMany(page, 4, 'Product Added');
    await page.evaluate(() => (window as any).homing.flush());
    expect(server.collector.requests).toHaveLength(0);
    const ids = await storedIds(page);
    expect(ids.length).toBe(5);
    await page.evaluate(() => (window as any).homing.consent('granted'));
    await expectAllDelivered(ids);
  });

  it('reports Core Web Vitals from the lazy chunk next to the script', async () => {
    const page = await open('?vitals=1');
    await page.click('#add'); // an interaction, so INP has something to measure
    await waitFor(() => server.collector.requests.some((r) => r.path === '/v1/batch'), { message: 'first batch' });
    await closeTab(page); // CLS and INP are reported when the page is hidden
    // FCP/TTFB/LCP may arrive before CLS (sent from the closing page): wait for all three names.
    const expected = ['FCP', 'TTFB', 'CLS'];
    const vitals = await waitFor(() => {
      const found = server.collector.list(named('Web Vitals'));
      const names = new Set(found.map((e) => e.properties?.name));
      return expected.every((name) => names.has(name)) ? found : undefined;
    }, { message: `Web Vitals ${expected.join(', ')} at the collector` });
    for (const e of vitals) expect(e.properties).toMatchObject({ value: expect.any(Number), rating: expect.any(String), id: expect.any(String) });
    expect(warnings).toEqual([]);
  });

  it('the npm build (dist/homing.mjs) delivers too and loads its lazy chunks from next to itself', async () => {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${server.origin}/test/e2e/pages/delivery/npm.html`);
    await page.waitForFunction(() => typeof (window as any).homing?.track === 'function');
    await page.evaluate(() => (window as any).homing.track('Product Added', { product_id: 'p1' }));
    const [added] = await server.collector.waitForEvents(named('Product Added'), 1);
    expect(JSON.parse(server.collector.requests[0].body).writeKey).toBe('wk_npm');
    expect(added.context?.library?.name).toBe('homing');
    await closeTab(page);
    await server.collector.waitForEvents(named('Web Vitals'), 2);
    expect(warnings).toEqual([]);
  });

  it('replays calls queued on the stub before the script arrived, in order', async () => {
    const page = await open('?stub=1');
    const [identify] = await server.collector.waitForEvents((e) => e.type === 'identify', 1);
    const stubbed = await server.collector.waitForEvents(named('Stub Event'), 2);
    expect(identify.traits).toEqual({ email: 'shopper@example.com' });
    expect(stubbed.map((e) => e.properties?.n)).toEqual([1, 2]);
    expect(Date.parse(identify.timestamp!)).toBeLessThanOrEqual(Date.parse(stubbed[0].timestamp!));
    expect(await page.evaluate(() => (window as any).readyCalledWith)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('a malformed attribute gives one warning naming it, and the page keeps working', async () => {
    const page = await open('?data-country=Iran&data-platform=magento');
    await trackMany(page, 2, 'Product Added');
    await server.collector.waitForEvents(named('Product Added'), 2);
    expect(warnings.sort()).toEqual(['homing: data-country="Iran" is invalid; ignored', 'homing: data-platform="magento" is invalid; ignored']);
    expect(await page.evaluate(() => document.querySelector('h1')!.textContent)).toBe('Delivery');
  });

  it('a missing write key gives one warning; events are kept in the browser, none is sent', async () => {
    const page = await open('?omit=data-write-key');
    await trackMany(page, 2, 'Product Added');
    await page.evaluate(() => (window as any).homing.flush());
    expect(warnings).toEqual(['homing: data-write-key is missing; nothing is sent']);
    expect((await storedIds(page)).length).toBe(3);
    expect(server.collector.requests).toHaveLength(0);
  });
});

