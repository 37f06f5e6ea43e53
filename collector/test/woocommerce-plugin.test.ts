// The WordPress plugin checks the links the collector signs. Its pure verify functions run here in
// PHP against links made by the collector's own code, so the two sides cannot drift apart.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wooCommerceRestoreHandler } from '../src/offers/actions.js';
import { cartRestoreUrl, productUrl } from '../src/links/restore-url.js';
import type { FeatureContext } from '../src/feature.js';

const restoreClass = join(import.meta.dirname, '../../examples/woocommerce/plugin/includes/class-homing-restore.php');
const SECRET = 'restore-secret-123';

/** Runs the plugin's Homing_Restore::<method>(payload, sig, secret, now[, currency]) in PHP. */
function phpVerify(method: 'verify' | 'verify_cart', url: string, { secret = SECRET, now = Math.floor(Date.now() / 1000), currency = 'USD' } = {}) {
  const params = new URL(url).searchParams;
  const payload = params.get(method === 'verify' ? 'homing_upsell' : 'homing_cart') ?? '';
  const script = `define('ABSPATH', '/'); require $argv[1];
    $args = array($argv[2], $argv[3], $argv[4], (int) $argv[5]);
    if ('verify' === $argv[6]) { $args[] = $argv[7]; }
    echo json_encode(call_user_func_array(array('Homing_Restore', $argv[6]), $args));`;
  const out = execFileSync('php', ['-r', script, restoreClass, payload, params.get('homing_sig') ?? '', secret, String(now), method, currency], { encoding: 'utf8' });
  return JSON.parse(out) as [Record<string, unknown> | null, string];
}

describe('WooCommerce plugin restore links', () => {
  it('accepts an upsell link signed by the collector and refuses a changed price or an expired link', async () => {
    const handler = wooCommerceRestoreHandler('https://shop.example/', SECRET);
    const action = await handler(
      { write_key: 'wk', order_id: '77', offer_id: 'o1', product_id: '12', variant: '34', quantity: 1, unit_price: 8, value: 8, currency: 'USD', expires_at: Date.now() + 60_000 },
      {} as FeatureContext,
    );
    if (action.type !== 'redirect') throw new Error('expected a redirect');
    expect(phpVerify('verify', action.url)).toEqual([expect.objectContaining({ o: '77', p: '12', v: '34', q: 1, a: 8, c: 'USD' }), '']);

    const tampered = new URL(action.url);
    const claims = JSON.parse(Buffer.from(tampered.searchParams.get('homing_upsell')!, 'base64url').toString());
    tampered.searchParams.set('homing_upsell', Buffer.from(JSON.stringify({ ...claims, a: 0.01 })).toString('base64url'));
    expect(phpVerify('verify', tampered.toString())).toEqual([null, 'invalid']);
    expect(phpVerify('verify', action.url, { now: Math.floor(Date.now() / 1000) + 86_400 })).toEqual([null, 'expired']);
    expect(phpVerify('verify', action.url, { currency: 'EUR' })).toEqual([null, 'currency']);
  });

  it('accepts an abandoned-cart link signed by the collector, with its lines and coupon', () => {
    const now = new Date();
    const url = cartRestoreUrl({ url: 'https://shop.example', platform: 'woocommerce', secret: SECRET }, [{ product_id: '12', variant: '34', quantity: 2 }, { product_id: '15', quantity: 1 }], 'off5', now);
    expect(phpVerify('verify_cart', url)).toEqual([{ i: [['12', '34', 2], ['15', '', 1]], c: 'off5', e: expect.any(Number) }, '']);
    expect(phpVerify('verify_cart', url, { secret: 'another-secret' })).toEqual([null, 'invalid']);
    expect(phpVerify('verify_cart', url, { now: Math.floor(now.getTime() / 1000) + 31 * 86_400 })).toEqual([null, 'expired']);
  });

  it('accepts a cross-sell link signed by the collector, with its discount for a single-use coupon', () => {
    const url = productUrl({ url: 'https://shop.example', platform: 'woocommerce', secret: SECRET }, { product_id: '77', url: 'https://shop.example/product/tie/' }, undefined, new Date(), { type: 'percent', amount: 10 });
    expect(phpVerify('verify_cart', url)).toEqual([{ i: [['77', '', 1]], c: '', d: { type: 'percent', amount: 10 }, e: expect.any(Number) }, '']);
  });
});

describe('WooCommerce plugin order JSON', () => {
  it("prints the order key, which the thank-you page sends so the collector shows the order's offers only to the buyer", () => {
    const orderJson = join(import.meta.dirname, '../../examples/woocommerce/plugin/includes/class-homing-order-json.php');
    const script = `define('ABSPATH', '/'); require $argv[1];
      function apply_filters($hook, $value) { return $value; }
      class Order { function get_items() { return array(); } function get_id() { return 1234; } function get_order_key() { return 'wc_order_Ab3dE6gH9jK1m'; }
        function get_total() { return '59.50'; } function get_currency() { return 'USD'; } }
      echo json_encode(Homing_Order_Json::order_data(new Order()));`;
    const out = JSON.parse(execFileSync('php', ['-r', script, orderJson], { encoding: 'utf8' }));
    expect(out).toEqual({ order_id: '1234', order_key: 'wc_order_Ab3dE6gH9jK1m', value: 59.5, currency: 'USD', products: [] });
  });
});
