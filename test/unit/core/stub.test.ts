import { describe, expect, it, vi } from 'vitest';
import { replaceStub } from '../../../src/core/stub.js';
import type { Homing } from '../../../src/core/types.js';

function fakeClient(calls: unknown[][]): Homing {
  const record = (name: string) => (...args: unknown[]) => (calls.push([name, ...args]), Promise.resolve());
  return {
    track: record('track'),
    identify: record('identify'),
    page: record('page'),
    orderCompleted: record('orderCompleted'),
    flush: record('flush'),
    ready: record('ready') as never,
    consent: record('consent') as never,
    reset: record('reset') as never,
    stats: record('stats') as never,
  };
}

describe('the snippet stub', () => {
  it('replays queued calls in order, then keeps push() working', () => {
    const calls: unknown[][] = [];
    const queued = [['identify', { phone: '+989121234567' }], ['track', 'Product Added', { product_id: 'p1' }], ['consent', 'granted']];
    const homing = replaceStub(fakeClient(calls), queued, () => {});
    expect(calls).toEqual(queued);
    homing.push(['track', 'Cart Viewed']);
    expect(calls.at(-1)).toEqual(['track', 'Cart Viewed']);
  });

  it('warns about an unknown call and replays the rest', () => {
    const calls: unknown[][] = [];
    const warn = vi.fn();
    replaceStub(fakeClient(calls), [['trak', 'x'], 'nonsense', ['track', 'A']], warn);
    expect(calls).toEqual([['track', 'A']]);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['homing.push() got an unknown call ["trak","x"]', 'homing.push() got an unknown call "nonsense"']);
  });

  it('contains an exception from a replayed call', () => {
    const client = fakeClient([]);
    client.track = () => {
      throw new Error('boom');
    };
    const warn = vi.fn();
    expect(() => replaceStub(client, [['track', 'A']], warn)).not.toThrow();
    expect(String(warn.mock.calls[0][0])).toBe('Error: boom');
  });
});
