import { describe, expect, it } from 'vitest';
import { becomeSender } from '../../../src/transport/leader.js';

/** A LockManager with one exclusive lock, enough to watch who holds it. */
class FakeLocks {
  holder: string | undefined;
  private queue: { tab: string; callback: () => Promise<void>; resolve: () => void; reject: (e: unknown) => void }[] = [];
  constructor(private readonly tab: () => string) {}

  request(_name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { tab: this.tab(), callback, resolve, reject };
      options.signal?.addEventListener('abort', () => {
        if (!this.queue.includes(entry)) return;
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      this.queue.push(entry);
      this.grant();
    });
  }

  private grant(): void {
    if (this.holder || !this.queue.length) return;
    const next = this.queue.shift()!;
    this.holder = next.tab;
    next.callback().then(() => {
      this.holder = undefined;
      next.resolve();
      this.grant();
    });
  }
}

// happy-dom's PageTransitionEvent has no `persisted`.
const transition = (type: string, persisted = false) => Object.assign(new Event(type), { persisted });
const flushMicrotasks = () => new Promise((r) => setTimeout(r, 0));

describe('one sender per browser', () => {
  it('gives the lock up on pagehide (so the page can enter the back/forward cache) and asks again on a restore', async () => {
    const locks = new FakeLocks(() => 'this tab');
    const log: string[] = [];
    becomeSender(locks as unknown as LockManager, 'homing:wk', () => log.push('sender'), () => log.push('resigned'));
    await flushMicrotasks();
    expect(locks.holder).toBe('this tab');
    dispatchEvent(transition('pagehide', true));
    await flushMicrotasks();
    expect(locks.holder).toBeUndefined();
    dispatchEvent(transition('pageshow', true));
    await flushMicrotasks();
    expect(locks.holder).toBe('this tab');
    expect(log).toEqual(['sender', 'resigned', 'sender']);
  });

  it('a waiting tab becomes the sender when the holder goes away', async () => {
    let tab = 'first';
    const locks = new FakeLocks(() => tab);
    const log: string[] = [];
    becomeSender(locks as unknown as LockManager, 'homing:wk', () => log.push('first sends'), () => log.push('first resigned'));
    tab = 'second';
    // the second tab registers its own pagehide listener too; only the lock's owner matters here
    const release = new AbortController();
    locks.request('homing:wk', { signal: release.signal }, async () => void log.push('second sends'));
    await flushMicrotasks();
    expect(log).toEqual(['first sends']);
    dispatchEvent(transition('pagehide'));
    await flushMicrotasks();
    expect(log).toEqual(['first sends', 'first resigned', 'second sends']);
  });

  it('sends anyway where Web Locks are missing or refused', async () => {
    const log: string[] = [];
    becomeSender(undefined, 'homing:wk', () => log.push('no locks'), () => {});
    const refusing = { request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')) } as unknown as LockManager;
    becomeSender(refusing, 'homing:wk', () => log.push('refused'), () => {});
    await flushMicrotasks();
    expect(log).toEqual(['no locks', 'refused']);
  });
});
