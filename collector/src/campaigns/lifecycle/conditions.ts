// SQL conditions the lifecycle campaigns share, over columns given as SQL expressions (like
// ../stop-rules.ts): one customer is one browser or every browser with the same phone (a platform's
// webhooks give each order its own id), and only orders that stand (not cancelled or refunded) count.
import type { Sql } from '../../feature.js';

export interface CustomerColumns {
  writeKey: string;
  anonymousId: string;
  phone: string;
}

const STANDS = (alias: string) => `(${alias}.status IS NULL OR ${alias}.status NOT IN ('cancelled', 'refunded'))`;

/** Orders (alias `r`) of the customer: same browser, or a browser with the same phone. */
const customersOrder = (c: CustomerColumns) =>
  `r.write_key = ${c.writeKey} AND ${STANDS('r')} AND (r.anonymous_id = ${c.anonymousId}
    OR r.anonymous_id IN (SELECT ri.anonymous_id FROM identities ri WHERE ri.write_key = ${c.writeKey} AND ri.phone = ${c.phone}))`;

/** The customer placed an order after `since`. */
export const orderedAfter = (c: CustomerColumns, since: string) => `EXISTS (SELECT 1 FROM orders r WHERE ${customersOrder(c)} AND r.created_at > ${since})`;

/** The customer placed an order before `since` (so an order at `since` is not their first). */
export const orderedBefore = (c: CustomerColumns, since: string) => `EXISTS (SELECT 1 FROM orders r WHERE ${customersOrder(c)} AND r.created_at < ${since})`;

/**
 * An order's lines, for a FROM list: `orders o, <lines>` gives one row per line, with its product id
 * and category as text. JSON functions differ per dialect; the products column is JSON text in both.
 */
export function orderLines(db: Pick<Sql, 'dialect'>, order: string, line: string): { from: string; productId: string; category: string } {
  if (db.dialect === 'postgres') {
    return {
      from: `jsonb_array_elements(CASE WHEN jsonb_typeof(${order}.products::jsonb) = 'array' THEN ${order}.products::jsonb ELSE '[]'::jsonb END) AS ${line}(value)`,
      productId: `(${line}.value->>'product_id')`,
      category: `(${line}.value->>'category')`,
    };
  }
  return {
    from: `json_each(CASE WHEN json_valid(${order}.products) THEN ${order}.products ELSE '[]' END) AS ${line}`,
    productId: `CAST(json_extract(${line}.value, '$.product_id') AS TEXT)`,
    category: `CAST(json_extract(${line}.value, '$.category') AS TEXT)`,
  };
}

/** A line matches an interval key: its product id, or "category:<its category>". */
export const lineMatches = (lines: { productId: string; category: string }, key: string) => `(${lines.productId} = ${key} OR 'category:' || ${lines.category} = ${key})`;

/** The customer ordered the product (or a product of the category) `key` after `since`. */
export function reorderedAfter(db: Pick<Sql, 'dialect'>, c: CustomerColumns, key: string, since: string): string {
  const lines = orderLines(db, 'r', 'rl');
  return `EXISTS (SELECT 1 FROM orders r, ${lines.from} WHERE ${customersOrder(c)} AND r.created_at > ${since} AND ${lineMatches(lines, key)})`;
}

/** The order (alias `o`-free: by id) no longer stands: cancelled or refunded by the platform. */
export const orderWithdrawn = (writeKey: string, orderId: string) =>
  `EXISTS (SELECT 1 FROM orders w WHERE w.write_key = ${writeKey} AND w.order_id = ${orderId} AND NOT ${STANDS('w')})`;
