// Stores survey answers: `Survey Submitted` events from the thank-you widget, and the forms posted
// from the standalone page (./routes.ts). One answer per order. A `Survey Submitted` event is sent
// with the public write key, so anybody may send one for any order id: it never replaces an answer
// already there. The signed link proves the order's SMS reached the shopper, so its answer replaces a
// widget answer; a second answer through the link does not replace the first.
import type { FeatureContext, StoredEvent } from '../feature.js';

export interface SurveyAnswer {
  writeKey: string;
  orderId: string;
  rating: number;
  comment?: string;
  source: 'widget' | 'link';
  answeredAt: string;
}

export async function saveAnswer(answer: SurveyAnswer, ctx: FeatureContext): Promise<void> {
  await ctx.db.run(
    `INSERT INTO surveys_answers (write_key, order_id, rating, comment, source, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (write_key, order_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, source = excluded.source, answered_at = excluded.answered_at
     WHERE excluded.source = 'link' AND surveys_answers.source <> 'link'`,
    [answer.writeKey, answer.orderId, answer.rating, answer.comment || null, answer.source, answer.answeredAt],
  );
}

export async function recordSurveyEvents(events: StoredEvent[], ctx: FeatureContext): Promise<void> {
  for (const event of events) {
    if (event.type !== 'track' || event.event !== 'Survey Submitted') continue;
    const { order_id, rating, comment } = event.properties ?? {};
    // The collector's schema already rejected out-of-range ratings; this guards other senders.
    if (order_id == null || !Number.isInteger(rating) || rating < 1 || rating > 5) continue;
    await saveAnswer(
      { writeKey: event.writeKey, orderId: String(order_id), rating, comment: typeof comment === 'string' ? comment.slice(0, 5000) : undefined, source: 'widget', answeredAt: event.timestamp },
      ctx,
    );
  }
}
