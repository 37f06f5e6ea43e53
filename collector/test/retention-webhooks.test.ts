// Orders the store's platform reports count in the retention report as the platform says: one
// WooCommerce customer across orders (each order has its own platform browser id; the billing
// email joins them), and an order the platform cancels or refunds leaves the numbers.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from './stores.js';
import { admin, startCollector, WRITE_KEY, type TestCollectorApp } from './helpers.js';
import { retentionFeature } from '../src/retention/feature.js';
import { webhooksFeature } from '../src/webhooks/feature.js';

const SECRET = 'wc-secret-retention';
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/woocommerce-order.json'), 'utf8'));
const wooOrder = (id: number, status: string, total: string, day: string) => ({
  ...fixture,
  id,
  status,
  total,
  billing: { ...fixture.billing, phone: '' },
  date_created_gmt: `${day}T10:00:00`,
  date_paid_gmt: `${day}T10:00:05`,
  date_modified_gmt: `${day}T10:00:05`,
});

describe.each(testStores)('retention report from platform webhooks ($name)', (store) => {
  let t: TestCollectorApp;
  afterEach(async () => t?.app.close());
  afterAll(dropTestSchemas);

  let deliveries = 0;
  const woo = async (order: unknown) => {
    const body = JSON.stringify(order);
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/woocommerce/${WRITE_KEY}`,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': 'https://shop.example/',
        'x-wc-webhook-topic': 'order.updated',
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': 'updated',
        'x-wc-webhook-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
        'x-wc-webhook-id': '3',
        'x-wc-webhook-delivery-id': `retention-${++deliveries}`,
      },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  it('one customer by billing email; cancelled and refunded orders do not count', async () => {
    const campaigns = { stores: { [WRITE_KEY]: { url: 'https://shop.example', woocommerce: { webhookSecret: SECRET } } } };
    t = await startCollector(store, { env: { HOMING_CAMPAIGNS: JSON.stringify(campaigns), HOMING_CAMPAIGNS_INTERVAL: '0' } }, [webhooksFeature(), retentionFeature()]);
    await woo(wooOrder(727, 'processing', '29.35', '2026-03-01'));
    await woo(wooOrder(728, 'completed', '10.00', '2026-04-01'));
    await woo(wooOrder(729, 'processing', '100.00', '2026-05-01'));
    await woo(wooOrder(729, 'cancelled', '100.00', '2026-05-01'));
    await woo(wooOrder(730, 'refunded', '50.00', '2026-05-02'));

    const body = (await t.app.inject({ method: 'GET', url: `/v1/reports/retention?writeKey=${WRITE_KEY}&from=2026-01-01&to=2026-06-30`, headers: admin })).json();
    expect(body).toMatchObject({ currency: 'USD', customers: 1, newCustomers: 1, orders: 2, revenue: 39.35, averageOrderValue: 19.68, repeatPurchaseRate: 1, medianDaysBetweenOrders: 31 });
    // Alone in the store, the customer is in the lowest quintile of everything.
    expect(body.rfm.filter((s: { customers: number }) => s.customers > 0)).toEqual([{ segment: 'Lost', customers: 1, revenue: 39.35 }]);
  });
});
