// Delivery through the script tag in real Chromium: nothing is lost, nothing is duplicated at
// the collector, whatever the network and the collector do.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, startTestServer, waitFor, type TestServer } from './harness.js';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const warnings: string[] = [];

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
  warnings.length = 0;
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

/** Tracks `count` events from a page timer and returns their messageIds (read back from storage). */
async function trackMany(page: Page, count: number, name = 'Test Event'): Promise<void> {
  await page.evaluate(
    ([count, name]) =>
      Promise.all(Array.from({ length: count as number }, (_, i) => (window as any).homing.track(name, { i }))),
    [count, name] as const,
  );
}

const named = (name: string) => (e: { event?: string }) => e.event === name;

describe('delivery through the script tag', () => {
  it('sends the page view and tracked events as text/plain batches to /v1/batch', async () => {
    context = await newContext(browser);
    const page = await open();
    await trackMany(page, 5);
    const events = await server.collector.waitForEvents(named('Test Event'), 5);
    const pageView = await server.collector.waitForEvents((e) => e.type === 'page', 1);
    expect(pageView[0].properties?.path).toBe('/test/e2e/pages/delivery/index.html');
    expect(events[0].context?.library).toEqual({ name: 'homing', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(events[0].anonymousId).toBe(pageView[0].anonymousId);
    expect(server.collector.requests[0].contentType).toMatch(/^text\/plain/);
    expect(JSON.parse(server.collector.requests[0].body).writeKey).toBe('wk_test');
    await waitFor(async () => (await page.evaluate(() => (window as any).homing.stats())).queued === 0, { message: 'queue drained' });
    expect(warnings).toEqual([]);
  });
});
