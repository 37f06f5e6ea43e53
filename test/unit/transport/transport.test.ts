import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueue, type DurableQueue } from '../../../src/queue/queue.js';
import { memoryStore } from '../../../src/queue/storage.js';
import { createTransport, URGENT_DELAY_MS, type Transport } from '../../../src/transport/transport.js';
import type { HomingEvent } from '../../../src/protocol/types.js';
import { FakeCollector } from '../fake-collector.js';

let collector: FakeCollector;
let queue: DurableQueue;
let transport: Transport;
let warnings: string[];
let n = 0;

const event = (name = 'Test Event', padding = 0): HomingEvent =>
  ({ type: 'track', event: name, messageId: `m${n++}`, timestamp: new Date().toISOString(), properties: padding ? { pad: 'x'.repeat(padding) } : {} }) as HomingEvent;

async function add(e: HomingEvent): Promise<HomingEvent> {
  const durable = queue.add(e);
  transport.add(e, durable);
  await durable;
  return e;
}
const sentIds = () => collector.requests.flatMap((r) => r.batch.map((e) => e.messageId));

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
  collector = new FakeCollector();
  queue = createQueue(memoryStore());
  warnings = [];
  transport = createTransport({
    url: 'https://collect.example/v1/batch',
    writeKey: 'wk_test',
    queue,
    fetch: collector.fetch,
    beacon: collector.sendBeacon,
    now: () => Date.now(),
    random: () => 0.5,
    warn: (m) => warnings.push(m),
    notify: () => {},
  });
  transport.becomeSender();
  return vi.advanceTimersByTimeAsync(0); // the new sender's first look at the (empty) queue
});
afterEach(() => {
  vi.useRealTimers();
});

describe('transport timing', () => {
  it('sends cart, identify and order events within 100 ms', async () => {
    const e = await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS - 1);
    expect(collector.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds()).toEqual([e.messageId]);
    expect(await queue.count()).toBe(0);
  });

  it('sends other events within 2 s, together in one batch', async () => {
    const a = await add(event());
    await vi.advanceTimersByTimeAsync(1000);
    const b = await add(event());
    await vi.advanceTimersByTimeAsync(999);
    expect(collector.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.requests).toHaveLength(1);
    expect(sentIds()).toEqual([a.messageId, b.messageId]);
  });

  it('sends the protocol body: batch, sentAt, writeKey', async () => {
    await add(event('Cart Updated'));
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS);
    expect(collector.requests[0]).toMatchObject({ url: 'https://collect.example/v1/batch', writeKey: 'wk_test', sentAt: '2026-11-23T10:00:00.100Z' });
  });

  it('splits a large backlog into batches of at most 50 events', async () => {
    for (let i = 0; i < 120; i++) await add(event());
    await transport.flush();
    expect(collector.requests.map((r) => r.batch.length)).toEqual([50, 50, 20]);
    expect(await queue.count()).toBe(0);
  });

  it('only the sending tab sends; others leave the events stored for it', async () => {
    const notified: number[] = [];
    const other = createTransport({ url: 'https://c/v1/batch', writeKey: 'k', queue, fetch: collector.fetch, beacon: collector.sendBeacon, now: Date.now, random: Math.random, warn: () => {}, notify: (d) => notified.push(d) });
    const e = event('Product Added');
    const durable = queue.add(e);
    other.add(e, durable);
    await durable;
    await vi.advanceTimersByTimeAsync(5000);
    expect(collector.requests).toHaveLength(0);
    expect(notified).toEqual([URGENT_DELAY_MS]);
    // ...and the sender picks up what the other tab stored
    await transport.flush();
    expect(sentIds()).toEqual([e.messageId]);
  });
});

describe('urgency asked for by the caller', () => {
  it('an event recorded as urgent (an accepted upsell) leaves within 100 ms, also when another tab sends', async () => {
    const e = event('Upsell Accepted');
    const durable = queue.add(e);
    transport.add(e, durable, true);
    await durable;
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS);
    expect(sentIds()).toEqual([e.messageId]);

    const notified: number[] = [];
    const other = createTransport({ url: 'https://c/v1/batch', writeKey: 'k', queue, fetch: collector.fetch, beacon: collector.sendBeacon, now: Date.now, random: Math.random, warn: () => {}, notify: (d) => notified.push(d) });
    const later = event('Survey Submitted');
    const stored = queue.add(later);
    other.add(later, stored, true);
    await stored;
    expect(notified).toEqual([URGENT_DELAY_MS]);
  });
});

describe('transport sender role', () => {
  it('stops sending once it gave the sender role up, and resumes when it is back', async () => {
    transport.resign();
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(collector.requests).toHaveLength(0);
    transport.becomeSender();
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.requests).toHaveLength(1);
  });
});

describe('transport retries', () => {
  it('keeps events after a 500 and retries with jittered exponential backoff', async () => {
    collector.answers.push({ status: 500 }, { status: 503 }, 'network-error');
    const e = await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS); // first try: 500
    expect(collector.requests).toHaveLength(1);
    expect(await queue.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(499); // random 0.5 × 1 s
    expect(collector.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // second try: 503
    expect(collector.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000); // 0.5 × 2 s: network error
    expect(collector.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000); // 0.5 × 4 s: 200
    expect(collector.requests).toHaveLength(4);
    expect(await queue.count()).toBe(0);
    expect(sentIds().every((id) => id === e.messageId)).toBe(true);
    expect(transport.delivered).toBe(1);
  });

  it('waits as long as Retry-After says', async () => {
    collector.answers.push({ status: 429, headers: { 'retry-after': '30' } });
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(collector.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.requests).toHaveLength(2);
    expect(await queue.count()).toBe(0);
  });

  it('new events during a backoff wait for it instead of hammering the collector', async () => {
    collector.answers.push({ status: 503, headers: { 'retry-after': '60' } });
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(URGENT_DELAY_MS);
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(collector.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.requests[1].batch).toHaveLength(2);
  });

  it('splits a batch the collector finds too large (413) and delivers every event', async () => {
    collector.answers.push({ status: 413 }, { status: 413 });
    const events = [];
    for (let i = 0; i < 8; i++) events.push(await add(event()));
    await transport.flush();
    expect(collector.requests.map((r) => r.batch.length)).toEqual([8, 4, 2, 2, 4]);
    expect(collector.delivered().map((e) => e.messageId).sort()).toEqual(events.map((e) => e.messageId).sort());
    expect(await queue.count()).toBe(0);
  });

  it('drops a batch the collector refuses for good (400) with one warning, and counts it', async () => {
    collector.answers.push({ status: 400 });
    await add(event());
    await add(event());
    await transport.flush();
    expect(await queue.count()).toBe(0);
    expect(warnings).toEqual(['collector answered 400; dropped 2 event(s)']);
    expect((await queue.drops()).rejected).toBe(2);
  });

  it('counts events the collector rejected one by one in a 200', async () => {
    collector.answers.push({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [{ index: 1, messageId: 'x', error: 'properties.value must be >= 0' }] } });
    await add(event());
    await add(event());
    await transport.flush();
    expect(warnings).toEqual(['collector rejected 1 event(s): properties.value must be >= 0']);
    expect(await queue.drops()).toMatchObject({ rejected: 1 });
    expect(transport.delivered).toBe(1);
  });

  it('retries 408 and 429 instead of dropping', async () => {
    collector.answers.push({ status: 408 }, { status: 429 });
    await add(event());
    await transport.flush();
    expect(await queue.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await queue.count()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('pauses while offline and resumes on `online`', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(collector.requests).toHaveLength(0);
    onLine.mockReturnValue(true);
    transport.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.requests).toHaveLength(1);
    onLine.mockRestore();
  });

  it('sends nothing while disabled (consent pending) and everything once enabled', async () => {
    transport.setEnabled(false);
    await add(event('Product Added'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(collector.requests).toHaveLength(0);
    transport.setEnabled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.requests).toHaveLength(1);
  });
});

describe('transport on hide', () => {
  it('beacons waiting events, urgent ones first, and keeps them stored until a 2xx', async () => {
    const page = await add(event('Promotion Viewed'));
    const cart = await add(event('Cart Updated'));
    transport.hide();
    expect(collector.beacons).toHaveLength(1);
    expect(collector.beacons[0].batch.map((e) => e.messageId)).toEqual([cart.messageId, page.messageId]);
    expect(await queue.count()).toBe(2);
    // a second hide signal (pagehide after visibilitychange) does not send them again
    transport.hide();
    expect(collector.beacons).toHaveLength(1);
    await transport.flush();
    expect(await queue.count()).toBe(0);
  });

  it('stays within the 64 KB keepalive budget; the rest stays stored for later', async () => {
    for (let i = 0; i < 6; i++) await add(event('Test', 20_000));
    transport.hide();
    const beaconed = collector.beacons.flatMap((b) => b.batch);
    expect(beaconed.length).toBeGreaterThan(0);
    expect(beaconed.length).toBeLessThan(6);
    const bytes = collector.beacons.reduce((sum, b) => sum + JSON.stringify({ batch: b.batch, sentAt: new Date().toISOString(), writeKey: 'wk_test' }).length, 0);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(await queue.count()).toBe(6);
  });

  it('stops when the browser refuses the beacon', async () => {
    collector.beaconAccepts = false;
    await add(event());
    transport.hide();
    expect(collector.beacons).toHaveLength(0);
    collector.beaconAccepts = true;
    transport.hide();
    expect(collector.beacons).toHaveLength(1);
  });
});
