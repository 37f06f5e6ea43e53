// A product's usual reorder interval: the owner's (campaigns.replenishment.intervals, by product id
// or "category:<name>"), else learned from the store's own orders: the median gap between a
// customer's consecutive orders of the product, once there are `learnAfterGaps` such gaps (fewer say
// too little about how long the product lasts).
import type { Sql } from '../../feature.js';
import { durationMs, type CampaignsConfig } from '../config.js';
import { orderLines } from './conditions.js';
import { DAY, iso, storeIn } from './insert.js';
import { ORDER_STANDS } from '../../state/ordered.js';
import { DEFAULT_LEARN_AFTER_GAPS } from './settings.js';

export interface ReorderInterval {
  writeKey: string;
  /** A product id, or "category:<name>". */
  key: string;
  ms: number;
  learned: boolean;
}

/** Orders this far back teach the intervals: a product's habits change. */
const LEARN_FROM_DAYS = 730;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function reorderIntervals(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<ReorderInterval[]> {
  const settings = config.campaigns.replenishment;
  const owners = Object.entries(settings.intervals ?? {}).map(([key, text]) => ({ key, ms: durationMs(text) }));
  const intervals: ReorderInterval[] = stores.flatMap((writeKey) => owners.map((o) => ({ writeKey, ...o, learned: false })));
  const lines = orderLines(db, 'o', 'l');
  // One customer is a phone (a platform's webhooks give each order its own browser id), else a browser.
  const rows = await db.query<{ write_key: string; customer: string; product_id: string; created_at: string }>(
    `SELECT DISTINCT o.write_key, COALESCE(i.phone, o.anonymous_id) AS customer, ${lines.productId} AS product_id, o.created_at
     FROM orders o LEFT JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id, ${lines.from}
     WHERE o.created_at >= $1 AND ${ORDER_STANDS} AND ${storeIn('o.write_key', stores, 1)} AND ${lines.productId} IS NOT NULL
       AND o.anonymous_id IS NOT NULL
     ORDER BY o.created_at`,
    [iso(now.getTime() - LEARN_FROM_DAYS * DAY), ...stores],
  );
  const times = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    const product = `${r.write_key}\n${r.product_id}`;
    const customers = times.get(product) ?? new Map<string, number[]>();
    const list = customers.get(r.customer) ?? [];
    list.push(Date.parse(r.created_at));
    customers.set(r.customer, list);
    times.set(product, customers);
  }
  const enough = settings.learnAfterGaps ?? DEFAULT_LEARN_AFTER_GAPS;
  for (const [product, customers] of times) {
    const [writeKey, key] = product.split('\n') as [string, string];
    if (owners.some((o) => o.key === key)) continue; // the owner's interval wins
    const gaps = [...customers.values()].flatMap((t) => t.slice(1).map((at, i) => at - t[i]!)).filter((gap) => gap > 0);
    if (gaps.length >= enough) intervals.push({ writeKey, key, ms: median(gaps), learned: true });
  }
  return intervals;
}
