// Unique codes: an abandoned-cart or cross-sell SMS link signed by the collector refills the cart
// and, when it carries a discount, applies a coupon made for that link alone (used once, 7 days,
// for the shopper's email when known). The link's signature covers the discount: changing it
// gets a refusal, not a bigger discount. Links without one keep applying their shared code.
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { describePhp, runPlugin, stored, type Scenario } from './wordpress.js';

const SECRET = 's3';
const store: Scenario = { options: { homing_options: { write_key: 'wk_live_1', collector_url: 'https://collector.example', restore_secret: SECRET } }, products: [12, 15, 77] };
const openLink = "do_action('template_redirect');";
const DAY = 86_400;

function link(claims: object, secret = SECRET) {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { homing_cart: payload, homing_sig: createHmac('sha256', secret).update(payload).digest('hex') };
}
const inAWeek = () => Math.floor(Date.now() / 1000) + 7 * DAY;
const couponCode = (sig: string) => `homing-${createHmac('sha256', SECRET).update(`coupon:${sig}`).digest('hex').slice(0, 12)}`;

describePhp('signed cart links with a discount', () => {
  const claims = { i: [['12', '34', 2], ['15', '', 1]], c: '', d: { type: 'percent', amount: 10 }, e: Math.floor(Date.now() / 1000) + 3600 };

  it('refill the cart and apply a single-use coupon for 7 days, restricted to the known billing email', () => {
    const get = link(claims);
    const before = inAWeek();
    const run = runPlugin({ ...store, get, billing_email: 'sara@example.com', php: openLink });
    const after = inAWeek();
    expect(run.cart.items.map(([product, qty, variation]) => [product, qty, variation])).toEqual([[12, 2, 34], [15, 1, 0]]);
    const coupons = Object.values(run.coupons);
    expect(coupons).toEqual([expect.objectContaining({ code: couponCode(get.homing_sig), discount_type: 'percent', amount: 10, usage_limit: 1, individual_use: true, email_restrictions: ['sara@example.com'] })]);
    expect(coupons[0]!.date_expires).toBeGreaterThanOrEqual(before);
    expect(coupons[0]!.date_expires).toBeLessThanOrEqual(after);
    expect(run.cart.coupons).toEqual([couponCode(get.homing_sig)]);
    expect(run.redirect).toBe('https://shop.example/cart/');
  });

  it('opened again give back the same coupon, never a second one', () => {
    const get = link({ ...claims, d: { type: 'fixed_cart', amount: 5 } });
    const first = runPlugin({ ...store, get, php: openLink });
    const again = runPlugin({ ...store, ...stored(first), products: store.products, get, php: openLink });
    expect(Object.values(again.coupons)).toHaveLength(1);
    expect(Object.values(again.coupons)[0]).toMatchObject({ discount_type: 'fixed_cart', amount: 5 });
    expect(Object.values(again.coupons)[0]!.email_restrictions).toBeUndefined();
    expect(again.cart.coupons).toEqual([couponCode(get.homing_sig)]);
  });

  it('with the discount changed after signing are refused: no coupon, nothing in the cart', () => {
    const get = link(claims);
    const forged = Buffer.from(JSON.stringify({ ...claims, d: { type: 'percent', amount: 100 } })).toString('base64url');
    const run = runPlugin({ ...store, get: { ...get, homing_cart: forged }, php: openLink });
    expect(run.coupons).toEqual({});
    expect(run.cart.items).toEqual([]);
    expect(run.notices).toEqual([['error', 'This cart link is not valid.']]);
    expect(run.redirect).toBe('https://shop.example/cart/');
  });

  it('signed with a discount that makes no sense (150%) make no coupon', () => {
    const run = runPlugin({ ...store, get: link({ ...claims, d: { type: 'percent', amount: 150 } }), php: openLink });
    expect(run.coupons).toEqual({});
    expect(run.cart.coupons).toEqual([]);
    expect(run.cart.items).toHaveLength(2);
  });
});

describePhp('signed cart links without a discount (links sent before unique codes)', () => {
  it("apply the shared code they name, when the store has it, and create no coupon", () => {
    const shared = { coupons: { 5: { code: 'off5', discount_type: 'percent', amount: 5 } }, next_id: 200 };
    const run = runPlugin({ ...store, ...shared, get: link({ i: [['12', '', 1]], c: 'OFF5', e: Math.floor(Date.now() / 1000) + 3600 }), php: openLink });
    expect(run.cart.coupons).toEqual(['off5']);
    expect(Object.keys(run.coupons)).toEqual(['5']);
  });

  it('expired ones are refused with their own message', () => {
    const run = runPlugin({ ...store, get: link({ i: [['12', '', 1]], c: '', e: Math.floor(Date.now() / 1000) - 60 }), php: openLink });
    expect(run.notices).toEqual([['error', 'This cart link has expired.']]);
    expect(run.cart.items).toEqual([]);
  });
});

describePhp('cross-sell links', () => {
  it('put the offered product in the cart with its code applied', () => {
    const get = link({ i: [['77', '', 1]], c: '', d: { type: 'percent', amount: 10 }, e: Math.floor(Date.now() / 1000) + 3600 });
    const run = runPlugin({ ...store, get, php: openLink });
    expect(run.cart.items.map(([product, qty]) => [product, qty])).toEqual([[77, 1]]);
    expect(run.cart.coupons).toEqual([couponCode(get.homing_sig)]);
  });
});
