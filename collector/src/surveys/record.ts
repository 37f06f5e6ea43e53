// Stores survey answers: `Survey Submitted` events from the thank-you widget, and the forms posted
// from the standalone page (./routes.ts). One answer per order. A `Survey Submitted` event is sent
// with the public write key, so anybody may send one for any order id: the widget's answer counts
// as the buyer's ('widget') only with the order's key (the one only the buyer's thank-you page
// has, see ../offers/order-key.ts); without it the answer is kept as 'unverified', which neither
// replaces another answer nor stops the order's survey SMS (an attacker could otherwise silence
// every survey by rating guessed order ids). The signed link proves the order's SMS reached the
// shopper, so its answer replaces a widget answer; a second answer through the link does not
// replace the first.
import type { FeatureContext, StoredEvent } from '../feature.js';

export interface SurveyAnswer {
  writeKey: string;
  orderId: string;
  rating: number;
  comment?: string;
  source: 'widget' | 'unverified' | 'link';
  answeredAt: string;
}

export async function saveAnswer(answer: SurveyAnswer, ctx: FeatureContext): Promise<void> {
  await ctx.db.run(
    `INSERT INTO surveys_answers (write_key, order_id, rating, comment, source, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (write_key, order_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, source = excluded.source, answered_at = excluded.answered_at
     WHERE (excluded.source = 'link' AND surveys_answers.source <> 'link') OR (excluded.source = 'widget' AND surveys_answers.source = 'unverified')`,
    [answer.writeKey, answer.orderId, answer.rating, answer.comment || null, answer.source, answer.answeredAt],
  );
}

export async function recordSurveyEvents(events: StoredEvent[], ctx: FeatureContext): Promise<void> {
  for (const event of events) {
    if (event.type !== 'track' || event.event !== 'Survey Submitted') continue;
    const { order_id, rating, comment, order_key } = event.properties ?? {};
    // The collector's schema already rejected out-of-range ratings; this guards other senders.
    if (order_id == null || !Number.isInteger(rating) || rating < 1 || rating > 5) continue;
    // order_key arrives as its digest (../ingest/normalize.ts).
    const [known] = typeof order_key === 'string'
      ? await ctx.db.query('SELECT 1 AS ok FROM offers_order_keys WHERE write_key = $1 AND order_id = $2 AND key_digest = $3', [event.writeKey, String(order_id), order_key])
      : [];
    await saveAnswer(
      { writeKey: event.writeKey, orderId: String(order_id), rating, comment: typeof comment === 'string' ? comment.slice(0, 5000) : undefined, source: known ? 'widget' : 'unverified', answeredAt: event.timestamp },
      ctx,
    );
  }
}
