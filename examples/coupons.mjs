// The discount codes the demo stores know: the ones the default campaigns put in their SMS
// (abandoned cart: off5, then off10; cross-sell: more10; the lifecycle campaigns: win-back back10
// then back20, birthday bday15, review thank-you thanks10, first-order bounce-back next15, VIP
// vip20) and the demo's replenishment code refill5 (./lifecycle-campaigns.mjs). Homing never
// creates codes: a real store creates them in its own admin (Shopify: Discounts; WooCommerce:
// Marketing → Coupons). Imported by the fake backends and by the plain stores' pages, which have
// no backend of their own.
export const coupons = { OFF5: 5, OFF10: 10, MORE10: 10, BACK10: 10, BACK20: 20, BDAY15: 15, THANKS10: 10, NEXT15: 15, VIP20: 20, REFILL5: 5 };

/** The coupon for a code typed or linked in any case, or undefined. */
export function findCoupon(code) {
  const key = String(code ?? '').trim().toUpperCase();
  return Object.hasOwn(coupons, key) ? { code: key, percent: coupons[key] } : undefined;
}

/** The discount in minor units (cents, rials...), rounded down so a total never goes below the shelf price minus the percentage. */
export function discountOf(subtotal, coupon) {
  return coupon ? Math.floor((subtotal * coupon.percent) / 100) : 0;
}
