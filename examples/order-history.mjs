// The demo's made-up order history, so the retention report (GET /v1/reports/retention) has
// something to show: 300 customers of the Tea House store over the 18 months before today,
// always the same for a given day (seeded generator). Written once, into the demo's own database.
import { generateOrderHistory, insertOrderHistory } from 'homing-collector';

export const HISTORY_STORE = 'wk_plain';
const PREFIX = 'demo-history';
const DAY_MS = 86_400_000;

/** Writes the history unless this database already has it; returns the number of orders written. */
export async function seedOrderHistory(db, now = new Date()) {
  const [done] = await db.query('SELECT 1 AS found FROM orders WHERE write_key = $1 AND order_id = $2', [HISTORY_STORE, `${PREFIX}-order-1`]);
  if (done) return 0;
  const end = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - 18);
  const history = generateOrderHistory({ seed: 2026, customers: 300, start, end, currencies: ['EUR', 'USD'], prefix: PREFIX });
  await insertOrderHistory(db, HISTORY_STORE, history);
  return history.orders.length;
}
