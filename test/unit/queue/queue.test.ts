import { describe, expect, it } from 'vitest';
import { createQueue } from '../../../src/queue/queue.js';
import { memoryStore } from '../../../src/queue/storage.js';
import type { HomingEvent } from '../../../src/protocol/types.js';

const event = (messageId: string, type: HomingEvent['type'] = 'track'): HomingEvent =>
  ({ type, event: type === 'track' ? 'Cart Updated' : undefined, messageId, timestamp: '2026-01-01T00:00:00.000Z' }) as HomingEvent;

describe('durable queue', () => {
  it('reads back what was added, oldest first, until removed', async () => {
    let now = 1000;
    const queue = createQueue(memoryStore(), () => now);
    await queue.add(event('z'));
    now++;
    await queue.add(event('a'));
    expect((await queue.read()).events.map((e) => e.messageId)).toEqual(['z', 'a']);
    await queue.remove(['z']);
    expect((await queue.read()).events.map((e) => e.messageId)).toEqual(['a']);
    expect(await queue.count()).toBe(1);
  });

  it('is shared through the store: a second queue (another tab) sees the first one’s events', async () => {
    const store = memoryStore();
    await createQueue(store).add(event('from-tab-1'));
    expect((await createQueue(store).read()).events.map((e) => e.messageId)).toEqual(['from-tab-1']);
  });

  it('counts what it drops, by reason, in the store', async () => {
    const store = memoryStore();
    let now = 0;
    const queue = createQueue(store, () => now, { events: 2, bytes: 1e9, ageMs: 100 });
    await queue.add(event('old'));
    now = 50;
    await queue.add(event('p1', 'page'));
    await queue.add(event('c1'));
    await queue.add(event('c2'));
    now = 120;
    const { events, dropped } = await queue.read();
    expect(events.map((e) => e.messageId)).toEqual(['c1', 'c2']);
    expect(dropped.sort()).toEqual(['old', 'p1']);
    await queue.remove(['c1'], 1);
    expect(await createQueue(store).drops()).toEqual({ full: 1, expired: 1, rejected: 1 });
  });

  it('clear() deletes every queued event', async () => {
    const queue = createQueue(memoryStore());
    await queue.add(event('a'));
    await queue.add(event('b'));
    await queue.clear();
    expect(await queue.count()).toBe(0);
  });
});
