// The demo's WooCommerce backend answers the Homing plugin's abandoned-cart links in JavaScript
// (examples/woocommerce/shop/restore-link.mjs). It must decide exactly as the PHP plugin does, or the
// demo would show links working that a real store refuses (or the reverse): each case runs through
// both, and a forged link leaves the shopper's cart alone.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartRestoreUrl } from '../../collector/src/links/restore-url.js';
import { verifyCart } from '../../examples/woocommerce/shop/restore-link.mjs';
import wooBackend from '../../examples/woocommerce/shop/backend.mjs';
import { restoreSecret } from '../../examples/demo-stores.mjs';
import { repoRoot } from './harness.js';

const restoreClass = join(repoRoot, 'examples/woocommerce/plugin/includes/class-homing-restore.php');

function phpVerifyCart(payload: string, sig: string, secret: string, now: number): [unknown, string] {
  const script = `define('ABSPATH', '/'); require $argv[1]; echo json_encode(Homing_Restore::verify_cart($argv[2], $argv[3], $argv[4], (int) $argv[5]));`;
  return JSON.parse(execFileSync('php', ['-r', script, restoreClass, payload, sig, secret, String(now)], { encoding: 'utf8' }));
}

const now = Math.floor(Date.now() / 1000);
const signed = new URL(cartRestoreUrl({ url: 'http://shop.example', platform: 'woocommerce', secret: 'demo-secret' }, [{ product_id: '57', variant: '57', quantity: 2 }], 'off5', new Date()));
const payload = signed.searchParams.get('homing_cart')!;
const sig = signed.searchParams.get('homing_sig')!;
const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: 'free100' })).toString('base64url');

describe('the demo restore link handler decides as the WordPress plugin does', () => {
  it.each([
    ['a link signed by the collector', payload, sig, 'demo-secret', now, ''],
    ['a changed coupon', forged, sig, 'demo-secret', now, 'invalid'],
    ['an upper-case signature', payload, sig.toUpperCase(), 'demo-secret', now, 'invalid'],
    ['a truncated signature', payload, sig.slice(0, 20), 'demo-secret', now, 'invalid'],
    ['another secret', payload, sig, 'other-secret', now, 'invalid'],
    ['no secret configured', payload, sig, '', now, 'invalid'],
    ['an expired link', payload, sig, 'demo-secret', now + 31 * 86_400, 'expired'],
  ])('%s', (_, p, s, secret, at, reason) => {
    const js = verifyCart(p, s, secret, at);
    expect(js[1]).toBe(reason);
    expect(js).toEqual(phpVerifyCart(p, s, secret, at));
  });
});

describe('the demo shop and a forged link', () => {
  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!(await wooBackend(req, res, Buffer.concat(chunks).toString()))) res.writeHead(404).end();
  });
  beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    r();
  })));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refills the cart and applies the coupon for a signed link, and refuses a forged one without touching the cart', async () => {
    const link = new URL(cartRestoreUrl({ url: `${origin}/examples/woocommerce/shop`, platform: 'woocommerce', secret: restoreSecret }, [{ product_id: '12', quantity: 3 }], 'off5', new Date()));
    const opened = await fetch(link, { redirect: 'manual' });
    expect(opened.headers.get('location')).toBe('/examples/woocommerce/shop/cart.html');
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const cart = async () => (await fetch(`${origin}/wp-json/wc/store/v1/cart`, { headers: { cookie } })).json();
    expect(await cart()).toMatchObject({ items: [{ id: 12, quantity: 3 }], coupons: [{ code: 'off5' }], totals: { total_items: '5400', total_discount: '270', total_price: '5130' } });

    const claims = JSON.parse(Buffer.from(link.searchParams.get('homing_cart')!, 'base64url').toString());
    link.searchParams.set('homing_cart', Buffer.from(JSON.stringify({ ...claims, i: [[34, '', 9]] })).toString('base64url'));
    const refused = await fetch(link, { redirect: 'manual', headers: { cookie } });
    expect(refused.headers.get('location')).toBe('/examples/woocommerce/shop/cart.html?notice=invalid');
    expect(await cart()).toMatchObject({ items: [{ id: 12, quantity: 3 }], coupons: [{ code: 'off5' }] });
  });
});
