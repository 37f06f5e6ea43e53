// What WooCommerce posts to its `order.created` webhook when the checkout creates an order: the
// REST API v3 order object (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties),
// with the Homing plugin's `_homing_sms_consent` meta (`yes` / `no`) from the checkout's box.
const wooTime = (date) => date.toISOString().slice(0, 19);

/** `order` as placeOrder in ./backend.mjs keeps it; `country` is the store's (its base location). */
export function wooOrderPayload(id, order, { total, decimals, country, consent, now = new Date() }) {
  const money = (value) => value.toFixed(decimals);
  return {
    id: Number(id),
    parent_id: 0,
    number: id,
    order_key: order.key,
    created_via: 'checkout',
    status: 'processing',
    currency: order.currency,
    date_created_gmt: wooTime(now),
    date_modified_gmt: wooTime(now),
    date_paid_gmt: wooTime(now),
    discount_total: money(order.discount),
    total: money(total),
    billing: { first_name: order.billing.name, last_name: '', email: order.email, phone: order.billing.phone, country },
    payment_method: 'cod',
    payment_method_title: 'Cash on delivery',
    meta_data: [{ id: 1, key: '_homing_sms_consent', value: consent ? 'yes' : 'no' }],
    line_items: order.items.map((item, index) => ({
      id: index + 1,
      name: item.name,
      product_id: Number(item.product_id),
      variation_id: Number(item.variant || 0),
      quantity: item.quantity,
      sku: item.sku,
      subtotal: money(item.price * item.quantity),
      total: money(item.price * item.quantity),
      price: item.price,
    })),
    coupon_lines: order.coupon ? [{ id: 1, code: order.coupon, discount: money(order.discount) }] : [],
  };
}
