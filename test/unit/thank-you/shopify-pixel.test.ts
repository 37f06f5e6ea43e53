// The Shopify pixel entry: standard pixel events become Homing events, kept in the top frame's
// storage until the collector confirms them.
import { describe, expect, it, vi } from 'vitest';
import { registerShopifyPixel, type PixelApi, type PixelEvent } from '../../../src/shopify-pixel/index.js';
import { shortHash } from '../../../src/core/context.js';

const variant = {
  id: '41002',
  image: { src: 'https://cdn.shopify.com/mug.png' },
  price: { amount: 20.99, currencyCode: 'CAD' },
  product: { id: '7001', title: 'Classic Mug', url: '/products/classic-mug' },
  sku: 'MUG-BLUE',
  title: 'Blue',
};
const checkout = {
  currencyCode: 'CAD',
  email: 'sam@example.com',
  phone: null,
  smsMarketingPhone: '+1 613-555-0123',
  buyerAcceptsSmsMarketing: true,
  shippingAddress: { phone: '613 555 0199', countryCode: 'CA' },
  lineItems: [{ quantity: 2, title: 'Classic Mug', variant }],
  order: { id: 'gid://shopify/OrderIdentity/5550001' },
  token: 'chk_123',
  totalPrice: { amount: 41.98, currencyCode: 'CAD' },
};
const event = (name: string, data: Record<string, unknown>, id = name): PixelEvent => ({
  id, clientId: 'client-1', name, timestamp: '2026-11-23T10:00:00.000Z', data,
  context: { document: { location: { href: 'https://shop.example/checkouts/cn/1/thank-you', pathname: '/checkouts/cn/1/thank-you' }, referrer: '', title: 'Thank you' }, navigator: { language: 'en-CA', userAgent: 'test' } },
});

function sandbox(answer = 200) {
  const handlers = new Map<string, (e: PixelEvent) => void>();
  const storage = new Map<string, string>();
  const bodies: any[] = [];
  const api: PixelApi = {
    analytics: { subscribe: (name, cb) => void handlers.set(name, cb) },
    browser: {
      cookie: { get: async (name) => (name == 'cart' ? 'c1-abc%3Fkey%3Dxyz' : '') },
      localStorage: { getItem: async (k) => storage.get(k) ?? null, setItem: async (k, v) => void storage.set(k, v) },
    },
  };
  const fetch = vi.fn(async (_url: string, init: RequestInit) => (bodies.push(JSON.parse(String(init.body))), new Response('{}', { status: answer })));
  registerShopifyPixel({ writeKey: 'wk_shop', collector: 'https://collect.example/' }, api, fetch as unknown as typeof globalThis.fetch);
  const outbox = () => JSON.parse(storage.get('homing_pixel_outbox') ?? '[]');
  return { handlers, storage, bodies, fetch, outbox };
}

describe('Shopify pixel', () => {
  it('maps checkout_completed to Order Completed with the script tag messageId, and the contact to identify', async () => {
    const { handlers, bodies, outbox } = sandbox();
    handlers.get('checkout_completed')!(event('checkout_completed', { checkout }));
    await vi.waitFor(() => expect(bodies.flatMap((b) => b.batch)).toHaveLength(2));
    const [identify, order] = bodies.flatMap((b) => b.batch);
    expect(identify).toMatchObject({ type: 'identify', anonymousId: 'shopify-client-1', traits: { phone: '+16135550123', phone_consent: true, email: 'sam@example.com' } });
    expect(order).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      messageId: `order-${shortHash('wk_shop')}-5550001`,
      properties: {
        order_id: '5550001', cart_id: 'c1-abc', value: 41.98, currency: 'CAD', order_key: 'chk_123',
        products: [{ product_id: '7001', variant: '41002', sku: 'MUG-BLUE', name: 'Classic Mug', price: 20.99, quantity: 2, url: '/products/classic-mug', image_url: 'https://cdn.shopify.com/mug.png' }],
      },
      context: { platform: 'shopify', page: { path: '/checkouts/cn/1/thank-you' } },
    });
    expect(bodies[0].writeKey).toBe('wk_shop');
    await vi.waitFor(() => expect(outbox()).toEqual([]));
  });

  it('gives no SMS consent for a phone that is not the SMS marketing phone', async () => {
    const { handlers, bodies } = sandbox();
    handlers.get('checkout_contact_info_submitted')!(event('checkout_contact_info_submitted', { checkout: { ...checkout, smsMarketingPhone: null, phone: '(613) 555-0199' } }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].batch[0].traits).toEqual({ phone: '+16135550199', phone_consent: false, email: 'sam@example.com' });
  });

  it('maps product_added_to_cart and keeps events while the collector fails', async () => {
    const { handlers, fetch, outbox } = sandbox(503);
    handlers.get('product_added_to_cart')!(event('product_added_to_cart', { cartLine: { quantity: 1, merchandise: variant, cost: { totalAmount: variant.price } } }, 'evt-9'));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await vi.waitFor(() => expect(outbox()).toHaveLength(1));
    expect(outbox()[0]).toMatchObject({ event: 'Product Added', messageId: 'shopify-evt-9', properties: { product_id: '7001', variant: '41002', price: 20.99, quantity: 1, currency: 'CAD', cart_id: 'c1-abc' } });
  });
});
