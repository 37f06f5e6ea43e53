import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PluginHost } from '../../../src/core/types.js';
import { recordLeaving, replayLeaving } from '../../../src/capture/leaving.js';

const fakeHost = (track = () => Promise.resolve()) => ({ track: vi.fn(track) }) as unknown as PluginHost & { track: ReturnType<typeof vi.fn> };

beforeEach(() => localStorage.clear());

describe('events recorded as the page leaves', () => {
  it('are recorded again by the next page, under the same messageId, when the page left before storing them', () => {
    const leaving = fakeHost(() => new Promise(() => {})); // the unload cut the write short
    recordLeaving(leaving, 'Product Added', { variant: '41003', quantity: 2 });
    const [, , { messageId }] = leaving.track.mock.calls[0];
    expect(messageId).toMatch(/^[\w-]{21}$/);

    const next = fakeHost();
    expect(replayLeaving(next)).toBe(true);
    expect(next.track).toHaveBeenCalledWith('Product Added', { variant: '41003', quantity: 2 }, { messageId });
    expect(replayLeaving(fakeHost())).toBe(false);
  });

  it('are not recorded twice when the write finished, but the next page still learns of them', async () => {
    const leaving = fakeHost();
    recordLeaving(leaving, 'Product Added', { variant: '1' });
    await Promise.resolve();
    const next = fakeHost();
    expect(replayLeaving(next)).toBe(true);
    expect(next.track).not.toHaveBeenCalled();
  });

  it('a checkout post is recorded again too, but does not make the next page treat its cart read as a catch-up after an add', () => {
    recordLeaving(fakeHost(() => new Promise(() => {})), 'Checkout Started', { cart_id: 'c1' });
    const next = fakeHost();
    expect(replayLeaving(next)).toBe(false);
    expect(next.track).toHaveBeenCalledWith('Checkout Started', { cart_id: 'c1' }, expect.anything());
  });
});
