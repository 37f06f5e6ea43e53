import { describe, expect, it, vi } from 'vitest';
import type { PluginHost } from '../../../src/core/types.js';
import { recordLeaving, replayLeaving } from '../../../src/capture/leaving.js';

const fakeHost = () => ({ track: vi.fn(() => Promise.resolve()) }) as unknown as PluginHost & { track: ReturnType<typeof vi.fn> };

describe('events recorded as the page leaves', () => {
  it('are kept synchronously and recorded again by the next page under the same messageId', async () => {
    localStorage.clear();
    const leaving = fakeHost();
    recordLeaving(leaving, 'Product Added', { variant: '41003', quantity: 2 });
    const [, , { messageId }] = leaving.track.mock.calls[0];
    expect(messageId).toMatch(/^[\w-]{21}$/);

    // The next page: the same event, the same id (the queue and the collector keep one copy).
    const next = fakeHost();
    expect(replayLeaving(next)).toBe(true);
    expect(next.track).toHaveBeenCalledWith('Product Added', { variant: '41003', quantity: 2 }, { messageId });
    await vi.waitFor(() => expect(localStorage.length).toBe(0));
    expect(replayLeaving(fakeHost())).toBe(false);
  });
});
