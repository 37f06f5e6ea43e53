// What the plugin does for the lifecycle campaigns: an optional birthday at checkout (classic and
// block), saved on the order for the collector's webhook; and product reviews the collector's review
// page sends, signed with the restore secret, checked here against the collector's own signing code.
import { expect, it } from 'vitest';
import { describePhp, runPlugin, stored } from './wordpress.js';
import { signedReviews } from '../../collector/src/campaigns/lifecycle/store-reviews.js';
import { wooOrderFacts } from '../../collector/src/webhooks/woocommerce.js';

const configured = { homing_options: { write_key: 'wk_live_1', collector_url: 'https://collector.example', restore_secret: 's3' } };
const placeOrder = "$o = new WC_Order(); do_action('woocommerce_checkout_create_order', $o, array()); $o->save();";

describePhp('birthday at checkout', () => {
  it('is an optional, empty field after the billing fields, in the store language', () => {
    for (const [locale, text] of Object.entries({ en_US: 'Birthday (optional, MM-DD): a gift on your day', fa_IR: 'تاریخ تولد (اختیاری، MM-DD): هدیه‌ای در روز تولدتان' })) {
      const { output } = runPlugin({ locale, options: configured, php: "do_action('woocommerce_after_checkout_billing_form', null);" });
      const field = new DOMParser().parseFromString(output, 'text/html').querySelector<HTMLInputElement>('input[name=homing_birthday]')!;
      expect(field.value).toBe('');
      expect(field.required).toBe(false);
      expect(field.labels![0]!.textContent).toBe(text);
    }
  });

  it('saves MM-DD or YYYY-MM-DD real dates on the order, and nothing else', () => {
    const birthdayOf = (value: string) => Object.values(runPlugin({ options: configured, post: { homing_birthday: value }, php: placeOrder }).orders)[0]?.meta_data?._homing_birthday;
    expect(birthdayOf('03-14')).toBe('03-14');
    expect(birthdayOf('1990-02-28')).toBe('1990-02-28');
    expect(birthdayOf('02-29')).toBe('02-29');
    for (const bad of ['', '1990-02-29', '13-01', '14/03', '03-14x']) expect(birthdayOf(bad)).toBeUndefined();
  });

  it("registers an optional text field with the block checkout's API and copies its value to the order meta", () => {
    expect(runPlugin({ options: configured }).checkout_field.find((f) => f.id === 'homing/birthday')).toMatchObject({ location: 'order', type: 'text', required: false });
    const save = (value: string) =>
      Object.values(runPlugin({ options: configured, php: `$o = new WC_Order(); do_action('woocommerce_set_additional_field_value', 'homing/birthday', '${value}', 'other', $o); $o->save();` }).orders)[0]!.meta_data;
    expect(save('1985-07-04')).toEqual({ _homing_birthday: '1985-07-04' });
    expect(save('July 4th')).toBeUndefined();
  });

  it("reaches the collector through the order webhook's meta as the shopper's birthday trait", () => {
    const order = { id: 5, status: 'processing', billing: { phone: '+989121234567' }, meta_data: [{ key: '_homing_birthday', value: '07-04' }] };
    const facts = wooOrderFacts(order, { writeKey: 'wk', secret: 's', store: {}, deliveryId: 'd1', now: new Date() });
    if (typeof facts === 'string') throw new Error(facts);
    expect(facts.events[0]).toMatchObject({ type: 'identify', traits: { birthday: '07-04' } });
    const junk = wooOrderFacts({ ...order, meta_data: [{ key: '_homing_birthday', value: '<script>' }] }, { writeKey: 'wk', secret: 's', store: {}, deliveryId: 'd2', now: new Date() });
    expect(typeof junk !== 'string' && junk.events[0]!.traits).toEqual({ phone: '+989121234567' });
  });
});

describePhp('product reviews from the review page', () => {
  const order = { 40: { billing_first_name: 'Sara', billing_email: 'sara@example.com', line_items: [{ product_id: 93 }, { product_id: 94 }] } };
  const post = (reviews: [string, number, string][], { secret = 's3', now = new Date(), orderId = '40' } = {}) => signedReviews(secret, orderId, reviews, now);
  const receive = (body: Record<string, string>, state = {}) => runPlugin({ options: configured, orders: order, get: { homing_reviews: '1' }, post: body, ...state });

  it("saves each rated product of the order as a verified review by the order's buyer, once", () => {
    const run = receive(post([['93', 5, 'Lovely <b>shirt</b>'], ['94', 2, ''], ['12', 5, 'not in the order']]));
    expect(run.json).toEqual({ status: 200, body: { saved: 2 } });
    expect(Object.values(run.comments!)).toEqual([
      { comment_post_ID: 93, comment_type: 'review', comment_author: 'Sara', comment_author_email: 'sara@example.com', comment_content: 'Lovely shirt', comment_approved: 1, comment_meta: { rating: 5, verified: 1, homing_order: '40' } },
      expect.objectContaining({ comment_post_ID: 94, comment_meta: { rating: 2, verified: 1, homing_order: '40' } }),
    ]);
    // The collector sends again (its answer was lost): nothing twice.
    const again = receive(post([['93', 5, 'Lovely shirt'], ['94', 2, '']]), stored(run));
    expect(again.json).toEqual({ status: 200, body: { saved: 0 } });
    expect(Object.keys(again.comments!)).toHaveLength(2);
  });

  it('refuses a request not signed with the restore secret, a changed payload, or an expired one', () => {
    const unsigned = receive(post([['93', 5, '']], { secret: 'other' }));
    expect(unsigned.json).toEqual({ status: 403, body: { error: 'invalid' } });
    expect(unsigned.comments ?? {}).toEqual({});
    const signed = post([['93', 1, '']]);
    const forged = Buffer.from(JSON.stringify({ o: '40', r: [['93', 5, '']], e: 9999999999 })).toString('base64url');
    expect(receive({ payload: forged, sig: signed.sig }).json).toEqual({ status: 403, body: { error: 'invalid' } });
    expect(receive(post([['93', 5, '']], { now: new Date(Date.now() - 2 * 3_600_000) })).json).toEqual({ status: 403, body: { error: 'expired' } });
    expect(receive(post([['93', 5, '']], { orderId: '41' })).json).toEqual({ status: 404, body: { error: 'order' } });
  });
});
