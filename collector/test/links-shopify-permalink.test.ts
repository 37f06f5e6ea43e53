// An abandoned-cart short link for a Shopify store ends on a cart permalink; the example store's
// backend answers it the way Shopify does, so the demo's links really bring the cart back.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import shopifyBackend from '../../examples/shopify/backend.mjs';
import { cartRestoreUrl } from '../src/links/restore-url.js';

let origin = '';
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!(await shopifyBackend(req, res, Buffer.concat(chunks).toString()))) res.writeHead(404).end();
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  r();
})));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Shopify cart permalink from a recovery link', () => {
  it('refills the cart with the same lines, keeps the discount code, and opens checkout', async () => {
    const url = cartRestoreUrl({ url: origin, platform: 'shopify' }, [{ variant: '41002', quantity: 2 }, { variant: '41003', quantity: 1 }], 'off5', new Date());
    const opened = await fetch(url, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(/^\/checkouts\/cn\/.+\?discount=off5$/);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0];
    const cart = await (await fetch(`${origin}/cart.js`, { headers: { cookie } })).json();
    expect(cart.items.map((item: { variant_id: number; quantity: number }) => [item.variant_id, item.quantity])).toEqual([[41002, 2], [41003, 1]]);
    expect(cart.total_price).toBe(2 * 2099 + 2450);
  });
});
