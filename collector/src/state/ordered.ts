// "This shopper has ordered since": one definition for the abandoned-cart list, the dashboard
// and the recovery campaigns' stop rule. An order on the same cart (or the platform's signed
// webhook saying this checkout became an order), from the same browser, or from another browser
// with the same phone, since the cart last changed.

/** Columns of the row being checked, as SQL expressions. */
export interface RowColumns {
  writeKey: string;
  phone: string;
  anonymousId: string;
  cartId: string;
  since: string;
}

export const orderedSince = (r: RowColumns) => `(EXISTS (SELECT 1 FROM orders o WHERE o.write_key = ${r.writeKey} AND o.cart_id = ${r.cartId})
  OR EXISTS (SELECT 1 FROM carts oc WHERE oc.write_key = ${r.writeKey} AND oc.cart_id = ${r.cartId} AND oc.completed_at IS NOT NULL)
  OR EXISTS (SELECT 1 FROM orders o WHERE o.write_key = ${r.writeKey} AND o.anonymous_id = ${r.anonymousId} AND o.created_at >= ${r.since})
  OR EXISTS (SELECT 1 FROM identities oi WHERE oi.write_key = ${r.writeKey} AND oi.phone = ${r.phone}
             AND EXISTS (SELECT 1 FROM orders o WHERE o.write_key = oi.write_key AND o.anonymous_id = oi.anonymous_id AND o.created_at >= ${r.since})))`;
// (Nested rather than joined so every planner starts from the phone's few identities, not from all orders.)

/** An order (alias `o`) that was not cancelled or refunded: it counts as revenue. */
export const ORDER_STANDS = "(o.status IS NULL OR o.status NOT IN ('cancelled', 'refunded'))";
