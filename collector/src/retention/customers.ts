// Who a customer is, for retention numbers: one phone, else one email, else one browser, per store.
// An order counts when it stands (not cancelled or refunded) and was placed before `asOf`.

/**
 * A CTE list `ord, main` over the store's standing orders before the given time (kept with their
 * customer in retention_orders, see ./migrations.ts):
 * - `ord`: one row per order with its `customer` key ('p:' phone, 'e:' lower-cased email,
 *   'a:' browser, or 'o:' order id for an order with no browser), the identity's phone and email,
 *   the browser, order id, value, upper-cased currency and created_at;
 * - `main`: the store's main currency, the one most of those orders are in (ties: alphabetical).
 * Placeholders: writeKey and asOf (ISO, exclusive) at the given positions.
 */
export const customerOrdersCtes = (writeKey: string, asOf: string) => `ord AS (
    SELECT customer, phone, email, anonymous_id, order_id, value, currency, created_at
    FROM retention_orders WHERE write_key = ${writeKey} AND created_at < ${asOf}
  ),
  main AS (
    SELECT currency FROM ord WHERE currency IS NOT NULL GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1
  )`;

/** True for an order (of `ord`, alias given) in the main currency; an order without a currency counts in it. */
export const inMainCurrency = (alias: string) => `(${alias}.currency IS NULL OR ${alias}.currency = (SELECT currency FROM main))`;
