import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeCartRequests } from '../../../src/capture/net.js';

// A window of our own, so the wrapper under test never touches the test runner's globals.
function fakeWindow(respond: (url: string) => Response | Promise<never>) {
  const calls: string[] = [];
  const win: any = {
    fetch: vi.fn(function (this: unknown, input: RequestInfo | URL) {
      calls.push(String(input));
      return Promise.resolve().then(() => respond(String(input)));
    }),
    XMLHttpRequest: undefined,
  };
  return { win, calls };
}

afterEach(() => vi.restoreAllMocks());

describe('observeCartRequests', () => {
  it('wraps fetch once however often it is installed, and tells every listener about cart changes', async () => {
    const { win } = fakeWindow(() => new Response('{"id":1}', { headers: { 'Cart-Token': 'tok' } }));
    const first = vi.fn();
    const second = vi.fn();
    observeCartRequests(first, [], win);
    const wrapped = win.fetch;
    observeCartRequests(second, [], win);
    expect(win.fetch).toBe(wrapped);

    const response = await win.fetch('/cart/add.js', { method: 'POST', body: '{"id":1}' });
    // The page reads its own body: nobody consumed it before.
    expect(await response.json()).toEqual({ id: 1 });
    await vi.waitFor(() => expect(first).toHaveBeenCalledTimes(1));
    expect(second).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0][0]).toBe('shopify');
    expect(first.mock.calls[0][1]('Cart-Token')).toBe('tok');
  });

  it('returns the page its own promise, rejections included, and ignores reads and failed answers', async () => {
    const { win } = fakeWindow((url) => (url.includes('fail') ? Promise.reject(new TypeError('offline')) : new Response('', { status: url.includes('422') ? 422 : 200 })));
    const listener = vi.fn();
    observeCartRequests(listener, [], win);
    await expect(win.fetch('/fail/cart/add.js', { method: 'POST' })).rejects.toThrow('offline');
    expect((await win.fetch('/422/cart/add.js', { method: 'POST' })).status).toBe(422);
    await win.fetch('/cart.js');
    await new Promise((r) => setTimeout(r));
    expect(listener).not.toHaveBeenCalled();
  });

  it('never lets a listener error reach the page', async () => {
    const { win } = fakeWindow(() => new Response('ok'));
    observeCartRequests(() => {
      throw new Error('ours');
    }, [], win);
    const response = await win.fetch('/?wc-ajax=add_to_cart', { method: 'POST' });
    expect(await response.text()).toBe('ok');
  });
});
