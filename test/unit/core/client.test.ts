import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoming } from '../../../src/core/create.js';
import type { HomingDeps } from '../../../src/core/deps.js';
import type { Homing, HomingOptions, PluginHost } from '../../../src/core/types.js';
import { memoryStore, type KeyValueStore } from '../../../src/queue/storage.js';
import { createQueue } from '../../../src/queue/queue.js';
import type { HomingEvent } from '../../../src/protocol/types.js';
import { FakeCollector } from '../fake-collector.js';

let collector: FakeCollector;
let store: KeyValueStore;
let warn: ReturnType<typeof vi.spyOn>;
let writeKey: string;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
  collector = new FakeCollector();
  store = memoryStore();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  writeKey = `wk_${Math.random().toString(36).slice(2)}`; // one per test: clients of other tests never hear this one
});
afterEach(() => {
  vi.useRealTimers();
  document.documentElement.lang = '';
  warn.mockRestore();
});

function client(options: Partial<HomingOptions> = {}, deps: HomingDeps = {}): Homing {
  return createHoming(
    { writeKey, collector: 'https://collect.example', vitalsSampleRate: 0, platform: 'generic', ...options },
    { store, fetch: collector.fetch, sendBeacon: collector.sendBeacon, locks: null, load: () => Promise.reject(new Error('no chunks in unit tests')), ...deps },
  );
}
/** What is in durable storage, oldest first (the queue's own order). */
const stored = async (): Promise<HomingEvent[]> => (await createQueue(store).read()).events;
const warnings = () => warn.mock.calls.map((c: unknown[]) => String(c[0]));
const settle = () => vi.advanceTimersByTimeAsync(3000);

describe('events', () => {
  it('records a page view on load and events in the protocol envelope', async () => {
    document.documentElement.lang = 'fa';
    const homing = client({ locale: 'fa-IR' });
    await homing.track('Product Added', { product_id: 'p1', price: 10 });
    const [page, added] = await stored();
    expect(page).toMatchObject({ type: 'page', properties: { path: location.pathname, url: location.href, title: document.title } });
    expect(added).toMatchObject({
      type: 'track',
      event: 'Product Added',
      properties: { product_id: 'p1', price: 10 },
      timestamp: '2026-11-23T10:00:00.000Z',
      context: {
        library: { name: 'homing' },
        // The store page's own language: the collector texts in it even when the browser speaks another.
        page: { url: location.href, path: location.pathname, lang: 'fa' },
        userAgent: navigator.userAgent,
        locale: 'fa-IR',
        platform: 'generic',
        consent: { analytics: true },
      },
    });
    expect(added.messageId).toMatch(/^[\w-]{21}$/);
    expect(added.messageId).not.toBe(page.messageId);
    expect(added.anonymousId).toBe(page.anonymousId);
  });

  it('reads the time zone only once a phone is known, then every later event carries it without asking Intl again', async () => {
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    const first = client();
    await first.track('Product Added');
    expect(intl).not.toHaveBeenCalled(); // no Intl cost on a page view or a cart event
    await first.identify({ phone: '+989121234567', phone_consent: true });
    await first.track('Checkout Started');
    expect(intl).toHaveBeenCalledTimes(1);
    await client().track('Next Page');
    expect(intl).toHaveBeenCalledTimes(1); // kept in storage with the UTC offset it was read at
    intl.mockRestore();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const byName = (await stored()).map((e) => [e.type === 'track' ? e.event : e.type, e.context?.timezone]);
    expect(byName).toHaveLength(6);
    expect(byName).toEqual(expect.arrayContaining([
      ['page', undefined],
      ['Product Added', undefined],
      ['identify', zone],
      ['Checkout Started', zone],
      ['page', zone],
      ['Next Page', zone],
    ]));
  });

  it('track() resolves once the event is in durable storage', async () => {
    const homing = client();
    await homing.track('Checkout Started', { cart_id: 'c1' });
    expect((await stored()).map((e) => e.type === 'track' && e.event)).toContain('Checkout Started');
  });

  it('keeps the anonymousId across page loads; reset() starts a new one', async () => {
    await client().track('A');
    await client().track('B');
    const ids = new Set((await stored()).map((e) => e.anonymousId));
    expect(ids.size).toBe(1);
    const homing = client();
    await homing.track('C');
    homing.reset();
    await settle();
    await homing.track('D');
    const byName = Object.fromEntries((await stored()).map((e) => [(e as { event?: string }).event, e.anonymousId]));
    expect(byName.D).not.toBe(byName.C);
  });

  it('records Order Completed once per order, with a messageId derived from the order', async () => {
    // The order is recorded by the thank-you chunk, as on a store page.
    const deps = { load: async () => import('../../../src/thank-you/thank-you.lazy.js') };
    const homing = client({}, deps);
    await homing.orderCompleted({ order_id: '1001', value: 25, currency: 'USD' });
    await homing.orderCompleted({ order_id: '1001', value: 25, currency: 'USD' });
    await client({}, deps).orderCompleted({ order_id: '1001', value: 25, currency: 'USD' }); // the thank-you page reloaded
    await settle();
    const orders = collector.delivered().filter((e) => e.type === 'track' && e.event === 'Order Completed');
    expect(orders).toHaveLength(1);
    expect(orders[0].messageId).toMatch(/^order-[0-9a-z]+-1001$/);
    expect((orders[0] as { properties?: object }).properties).toMatchObject({ order_id: '1001', value: 25, currency: 'USD' });
  });

  it('sends what it stored and stats() shows it', async () => {
    const homing = client();
    await homing.track('Product Added');
    expect(await homing.stats()).toMatchObject({ queued: 2, storage: 'memory', delivered: 0 });
    await settle();
    expect(await homing.stats()).toEqual({ queued: 0, storage: 'memory', delivered: 2, dropped: { full: 0, expired: 0, rejected: 0 } });
  });

  it('flush() resolves after the collector confirmed', async () => {
    const homing = client();
    await homing.track('Promotion Viewed');
    await homing.flush();
    expect(collector.delivered().map((e) => e.type)).toEqual(['page', 'track']);
  });
});

describe('storage and limits', () => {
  it('falls back to localStorage, loading its chunk, where IndexedDB is missing (happy-dom has none)', async () => {
    const load = vi.fn(async (name: string) => (name == 'local-storage' ? import('../../../src/queue/local-storage.lazy.js') : Promise.reject(new Error(name))));
    const homing = client({}, { store: undefined, load });
    await homing.track('Product Added');
    expect(await homing.stats()).toMatchObject({ storage: 'localstorage', queued: 2 });
    expect(load).toHaveBeenCalledWith('local-storage');
  });

  it('keeps events in memory when the localStorage chunk cannot be loaded either', async () => {
    const homing = client({}, { store: undefined });
    await homing.track('Product Added');
    expect(await homing.stats()).toMatchObject({ storage: 'memory', queued: 2 });
  });

  it('when full, drops page views and vitals before cart events, and stats() counts them', async () => {
    const homing = client({ consent: 'pending' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => homing.track('Product Added', { i })));
    await Promise.all(Array.from({ length: 990 }, (_, i) => homing.track('Web Vitals', { name: 'CLS', value: i })));
    await homing.flush(); // the sending tab trims the queue when it reads it
    expect(await homing.stats()).toMatchObject({ queued: 1000, dropped: { full: 11, expired: 0, rejected: 0 } });
    homing.consent('granted');
    await vi.advanceTimersByTimeAsync(60_000);
    const carts = collector.delivered().filter((e) => e.type === 'track' && e.event === 'Product Added');
    expect(carts.map((e) => (e as { properties?: { i?: number } }).properties?.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('bad input never breaks the page', () => {
  it('warns once for a track() without a name and for an oversized event, and keeps working', async () => {
    const homing = client();
    await homing.track('' as string);
    await homing.track('Huge', { blob: 'x'.repeat(70_000) });
    await homing.track('Fine');
    expect(warnings()).toEqual(['homing: track() needs an event name', 'homing: Huge is over 59 KB; dropped']);
    expect((await stored()).map((e) => (e as { event?: string }).event)).toEqual([undefined, 'Fine']);
  });

  it('resolves (with a warning) for properties that cannot be serialised', async () => {
    const homing = client();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(homing.track('Loop', circular)).resolves.toBeUndefined();
    expect(warnings()).toHaveLength(1);
  });

  it('keeps a plugin that throws away from the page and from other plugins', async () => {
    let host: PluginHost | undefined;
    const homing = client({
      plugins: [
        { name: 'broken', setup: () => { throw new Error('boom'); } },
        { name: 'good', setup: (h) => void (host = h) },
      ],
    });
    await homing.flush();
    expect(warnings()).toEqual(['homing: broken: Error: boom']);
    expect(host!.options).toMatchObject({ writeKey, platform: 'generic' });
    await host!.set('cart', { id: 'c1' });
    expect(await host!.get('cart')).toEqual({ id: 'c1' });
    await host!.track('Cart Viewed', { cart_id: 'c1' });
    expect((await stored()).some((e) => (e as { event?: string }).event === 'Cart Viewed')).toBe(true);
  });

  it('calls ready() callbacks with the client and contains their errors', async () => {
    const homing = client();
    const seen: unknown[] = [];
    homing.ready((h) => seen.push(h));
    homing.ready(() => { throw new Error('theme bug'); });
    await homing.flush();
    expect(seen).toEqual([homing]);
    expect(warnings()).toEqual(['homing: Error: theme bug']);
  });
});

describe('consent', () => {
  it('pending keeps events stored and unsent until granted', async () => {
    const homing = client({ consent: 'pending' });
    await homing.track('Product Added');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(collector.requests).toHaveLength(0);
    expect(await homing.stats()).toMatchObject({ queued: 2 });
    homing.consent('granted');
    await settle();
    expect(collector.delivered().map((e) => e.type)).toEqual(['page', 'track']);
  });

  it('denied deletes the queue and stops recording', async () => {
    const homing = client({ consent: 'pending' });
    await homing.track('Product Added');
    homing.consent('denied');
    await homing.track('Product Removed');
    await settle();
    expect(await stored()).toEqual([]);
    expect(collector.requests).toHaveLength(0);
  });

  it("follows the shopper's choice made in another tab of the store", async () => {
    vi.useRealTimers(); // the tabs talk over a real BroadcastChannel
    const otherTab = new FakeCollector();
    const homing = client({ consent: 'pending' });
    await homing.track('Product Added');
    const other = client({ consent: 'pending' }, { fetch: otherTab.fetch, store: memoryStore() });
    other.consent('granted');
    await vi.waitFor(() => expect(collector.delivered().map((e) => e.type)).toEqual(['page', 'track']));
    other.consent('denied');
    // Once the denial arrived, this tab deletes what it holds and records nothing more.
    await vi.waitFor(async () => {
      await homing.track('After Denial');
      expect(await stored()).toEqual([]);
    });
    await homing.track('After Denial');
    expect(await stored()).toEqual([]);
  });

  it('never lets an event recorded before a denial leave, even if consent is granted later', async () => {
    const homing = client({ consent: 'pending' });
    await homing.track('Before Denial');
    homing.consent('denied');
    homing.consent('granted');
    await homing.track('After Grant');
    dispatchEvent(new Event('pagehide'));
    await settle();
    const left = [...collector.beacons.flatMap((b) => b.batch), ...collector.delivered()].map((e) => (e as { event?: string }).event ?? e.type);
    expect(left).toContain('After Grant');
    expect(left).not.toContain('Before Denial');
    expect(left).not.toContain('page');
  });

  it('warns about an unknown consent state and keeps the current one', async () => {
    const homing = client({ consent: 'pending' });
    homing.consent('yes' as 'granted');
    await homing.track('Product Added');
    await settle();
    expect(collector.requests).toHaveLength(0);
    expect(warnings()).toEqual(['homing: consent("yes") is not granted, pending or denied']);
  });
});

describe('web vitals', () => {
  it('loads the vitals chunk after load for sampled page views only', async () => {
    const load = vi.fn(async () => ({ startVitals: (host: PluginHost) => void host.track('Web Vitals', { name: 'LCP', value: 1200 }) }));
    client({ vitalsSampleRate: 0.5 }, { load, random: () => 0.7 });
    await settle();
    expect(load).not.toHaveBeenCalled();
    client({ vitalsSampleRate: 0.5 }, { load, random: () => 0.2 });
    await settle();
    expect(load).toHaveBeenCalledWith('vitals');
    expect(collector.delivered().filter((e) => e.type === 'track' && e.event === 'Web Vitals')).toHaveLength(1);
  });
});
