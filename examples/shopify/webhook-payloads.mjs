// What Shopify posts to an app's webhooks, reduced to the fields an app reads:
// checkouts/create (https://shopify.dev/docs/api/webhooks?reference=toml#list-checkouts-create) when
// the shopper has typed their contact details at checkout, and orders/create and orders/paid when
// they paid. Money is a decimal string in the shop's currency; line items are the cart's.
const decimal = (cents) => (cents / 100).toFixed(2);

function lineItems(items) {
  return items.map((item) => ({
    id: item.variant_id,
    product_id: item.product_id,
    variant_id: item.variant_id,
    title: item.product_title,
    variant_title: item.variant_title,
    sku: item.sku,
    quantity: item.quantity,
    price: decimal(item.final_price),
    requires_shipping: true,
  }));
}

/** The shopper's details as the checkout's contact form has them. */
function buyer(contact, country) {
  return {
    phone: contact.phone || null,
    // Shopify keeps the number the shopper agreed to get texts on apart from the contact phone.
    sms_marketing_phone: contact.consent && contact.phone ? contact.phone : null,
    buyer_accepts_sms_marketing: Boolean(contact.consent),
    buyer_accepts_marketing: false,
    billing_address: { first_name: contact.name || null, phone: contact.phone || null, country_code: country },
  };
}

/**
 * checkouts/create and checkouts/update. `checkoutToken` names the checkout; `cart` is the Ajax API
 * cart (its token is what the storefront script recorded as the cart); `url` the checkout page,
 * where Shopify's abandoned-checkout e-mails and SMS send the shopper back.
 */
export function checkoutPayload({ id, checkoutToken, cart, totals, contact, country, url, createdAt, now = new Date() }) {
  return {
    id,
    token: checkoutToken,
    cart_token: cart.token,
    created_at: createdAt.toISOString(),
    updated_at: now.toISOString(),
    completed_at: null,
    currency: cart.currency,
    presentment_currency: cart.currency,
    subtotal_price: decimal(totals.subtotal),
    total_discounts: decimal(totals.discount),
    total_price: decimal(totals.total),
    discount_codes: totals.coupon ? [{ code: totals.coupon.code, amount: decimal(totals.discount), type: 'percentage' }] : [],
    abandoned_checkout_url: url,
    ...buyer(contact, country),
    line_items: lineItems(cart.items),
  };
}

/** orders/create and orders/paid for an order the checkout made (see placeOrder in ./backend.mjs). */
export function orderPayload(order, { country, now = new Date() }) {
  return {
    id: Number(order.id),
    order_number: Number(order.id),
    name: `#${order.id}`,
    checkout_token: order.checkoutToken,
    cart_token: order.cartToken,
    created_at: now.toISOString(),
    processed_at: now.toISOString(),
    financial_status: 'paid',
    currency: order.currency,
    presentment_currency: order.currency,
    subtotal_price: decimal(order.subtotal),
    total_discounts: decimal(order.discount),
    total_price: decimal(order.total),
    discount_codes: order.coupon ? [{ code: order.coupon.code, amount: decimal(order.discount), type: 'percentage' }] : [],
    ...buyer({ name: order.name, phone: order.phone, consent: order.smsConsent }, country),
    line_items: lineItems(order.lines),
  };
}
