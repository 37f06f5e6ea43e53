import { describe, expect, it, vi } from 'vitest';
import type { PluginHost } from '../../../src/core/types.js';
import { createCartTracker } from '../../../src/capture/tracker.js';
import { adapter, diffCarts } from '../../../src/capture/shopify.lazy.js';

/** A Shopify window whose /cart.js answers are released one by one by the test. */
function shopifyWindow() {
  const answers: ((cart: unknown) => void)[] = [];
  const fetch = vi.fn(() => new Promise<Response>((resolve) => answers.push((cart) => resolve(new Response(JSON.stringify(cart))))));
  return { win: { Shopify: {}, fetch, document }, answers };
}

/** The plugin's reader: the adapter's cart with the adapter chunk's diff. */
const read = (win: ReturnType<typeof shopifyWindow>['win']) => async () => {
  const cart = await adapter.readCart(win.fetch, win);
  return cart && ([cart, diffCarts] as [typeof cart, typeof diffCarts]);
};

const cart = (quantity: number) => ({
  token: 't1',
  currency: 'CAD',
  total_price: 1999 * quantity,
  items: quantity ? [{ product_id: 7001, variant_id: 41001, title: 'Mug', price: 1999, final_price: 1999, quantity }] : [],
});

function fakeHost() {
  const store = new Map<string, unknown>();
  const tracked: [string, Record<string, unknown>][] = [];
  const host = {
    get: async (key: string) => store.get(key),
    set: async (key: string, value: unknown) => void store.set(key, value),
    track: async (event: string, properties: Record<string, unknown>) => void tracked.push([event, properties]),
  } as unknown as PluginHost;
  return { host, tracked };
}

describe('cart tracker', () => {
  it('reports an add made while a quiet read (cart page, drawer) is still running', async () => {
    const { host, tracked } = fakeHost();
    const { win, answers } = shopifyWindow();
    const tracker = createCartTracker(host, () => {}, false, read(win));
    await tracker.loaded;
    const quietRead = tracker.sync('shopify', true); // the drawer opened
    const addRead = tracker.sync('shopify'); // the theme added to the cart meanwhile
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0](cart(0));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1](cart(1));
    await Promise.all([quietRead, addRead]);
    expect(tracked.map(([event]) => event)).toEqual(['Product Added', 'Cart Updated']);
    expect(tracked[0][1]).toMatchObject({ variant: '41001', price: 19.99, quantity: 1, cart_id: 't1', currency: 'CAD' });
  });

  it('reports an add that the quiet read already saw (the add landed while that read waited)', async () => {
    const { host, tracked } = fakeHost();
    const { win, answers } = shopifyWindow();
    const tracker = createCartTracker(host, () => {}, false, read(win));
    await tracker.loaded;
    const quietRead = tracker.sync('shopify', true); // the cart page reads the cart
    const addRead = tracker.sync('shopify'); // the theme added to the cart before that answer came
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0](cart(1)); // the first answer already holds the new line
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1](cart(1));
    await Promise.all([quietRead, addRead]);
    expect(tracked.map(([event]) => event)).toEqual(['Product Added', 'Cart Updated']);
  });

  it('keeps a read quiet when every call that asked for it was quiet', async () => {
    const { host, tracked } = fakeHost();
    const { win, answers } = shopifyWindow();
    const tracker = createCartTracker(host, () => {}, false, read(win));
    await tracker.loaded;
    const first = tracker.sync('shopify', true);
    const second = tracker.sync('shopify', true);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0](cart(0));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1](cart(2));
    await Promise.all([first, second]);
    expect(tracked.map(([event]) => event)).toEqual(['Cart Updated']);
  });
});
