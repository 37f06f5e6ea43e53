// The offers' summary: impressions (distinct order × offer seen), click rate, take rate
// (accepted / impressions), revenue from accepted upsells at their verified prices.
import type { FeatureContext } from '../feature.js';
const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

export interface OffersSummary {
  impressions: number;
  clicks: number;
  accepted: number;
  declined: number;
  click_rate: number;
  take_rate: number;
  revenue: Record<string, number>;
  by_offer: { offer_id: string; impressions: number; clicks: number; accepted: number; revenue: Record<string, number> }[];
}

export async function offersReport(ctx: FeatureContext): Promise<{ summary: OffersSummary }> {
  const counts = await ctx.db.query<{ offer_id: string; kind: string; n: number }>(
    `SELECT offer_id, kind, COUNT(DISTINCT COALESCE(order_id, message_id)) AS n FROM offers_events GROUP BY offer_id, kind`,
  );
  const sales = await ctx.db.query<{ offer_id: string; currency: string; n: number; revenue: number }>(
    'SELECT offer_id, currency, COUNT(*) AS n, SUM(value) AS revenue FROM offers_accepted GROUP BY offer_id, currency',
  );
  const byOffer = new Map<string, OffersSummary['by_offer'][number]>();
  const entry = (offer_id: string) => byOffer.get(offer_id) ?? byOffer.set(offer_id, { offer_id, impressions: 0, clicks: 0, accepted: 0, revenue: {} }).get(offer_id)!;
  let declined = 0;
  for (const row of counts) {
    const n = Number(row.n);
    if (row.kind === 'viewed') entry(row.offer_id).impressions += n;
    if (row.kind === 'clicked') entry(row.offer_id).clicks += n;
    if (row.kind === 'declined') declined += n;
  }
  const revenue: Record<string, number> = {};
  for (const row of sales) {
    const e = entry(row.offer_id);
    e.accepted += Number(row.n);
    e.revenue[row.currency] = round((e.revenue[row.currency] ?? 0) + Number(row.revenue));
    revenue[row.currency] = round((revenue[row.currency] ?? 0) + Number(row.revenue));
  }
  const list = [...byOffer.values()].sort((a, b) => b.impressions - a.impressions || a.offer_id.localeCompare(b.offer_id));
  const impressions = sum(list.map((o) => o.impressions));
  const clicks = sum(list.map((o) => o.clicks));
  const accepted = sum(list.map((o) => o.accepted));
  const summary: OffersSummary = {
    impressions,
    clicks,
    accepted,
    declined,
    click_rate: percent(clicks, impressions),
    take_rate: percent(accepted, impressions),
    revenue,
    by_offer: list,
  };
  return { summary };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const round = (n: number) => Math.round(n * 100) / 100;
