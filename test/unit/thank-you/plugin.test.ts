// The thank-you plugin: recognises a thank-you page, records the order once with the messageId
// the core's orderCompleted uses, and loads only the chunks it needs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { thankYouPlugin } from '../../../src/thank-you/plugin.js';
import { startThankYou } from '../../../src/thank-you/thank-you.lazy.js';
import { shortHash } from '../../../src/core/context.js';
import { fakeHost } from './fake-host.js';

const order = { order_id: 1042, value: 524, currency: 'USD', products: [{ product_id: '201', quantity: 1 }] };

describe('thank-you plugin', () => {
  beforeEach(() => {
    document.body.className = '';
    document.body.innerHTML = '';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads nothing on an ordinary page', async () => {
    const { host, loaded } = fakeHost();
    thankYouPlugin().setup(host);
    await Promise.resolve();
    expect(loaded).toEqual([]);
  });

  it('records Order Completed once per order, however often the page runs', async () => {
    document.body.innerHTML = `<script type="application/json" id="homing-order">${JSON.stringify(order)}</script>`;
    const { host, tracked, loaded } = fakeHost();
    await startThankYou(host, { upsell: false, survey: false });
    await startThankYou(host, { upsell: false, survey: false });
    expect(tracked).toEqual([
      { event: 'Order Completed', properties: { ...order, order_id: '1042' }, options: { messageId: `order-${shortHash('wk_test')}-1042`, urgent: true } },
    ]);
    expect(loaded).toEqual([]);
  });

  it('shows the survey alone when offers are turned off, and the upsell chunk when there are offers', async () => {
    const survey = fakeHost();
    await startThankYou(survey.host, { order: { order_id: '1' }, upsell: false });
    expect(survey.loaded).toEqual(['survey']);
    expect(document.querySelector('[data-homing-widget=survey]')).not.toBeNull();

    document.body.innerHTML = '';
    const upsell = fakeHost({ collector: 'https://collect.example' });
    const fetch = vi.fn(async () => new Response(JSON.stringify({ offers: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await startThankYou(upsell.host, { order: { order_id: '2' } });
    expect(fetch).toHaveBeenCalledWith('https://collect.example/v1/offers?order_id=2&order_key=&write_key=wk_test&wait=5', { credentials: 'omit' });
    // No offers for this order: the survey takes the place.
    expect(upsell.loaded).toEqual(['upsell', 'survey']);
  });

  it('is started by the plugin on a WooCommerce order-received page', async () => {
    document.body.className = 'woocommerce-order-received';
    document.body.innerHTML = '<ul><li class="woocommerce-order-overview__order">Order number: <strong>77</strong></li></ul>';
    const { host, tracked, loaded } = fakeHost();
    thankYouPlugin({ upsell: false, survey: false }).setup(host);
    await vi.waitFor(() => expect(tracked.map((t) => t.event)).toEqual(['Order Completed']));
    expect(loaded).toEqual(['thank-you']);
    expect(tracked[0].properties.order_id).toBe('77');
  });
});
