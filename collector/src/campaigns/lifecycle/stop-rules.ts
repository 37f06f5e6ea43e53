// Stop rules of the lifecycle campaigns for messages already scheduled (checked at every run, like
// ../stop-rules.ts): the product reordered stops its replenishment reminder, any order stops a
// win-back, a cancelled or refunded order stops its review request and bounce-back offer.
import type { Sql } from '../../feature.js';
import { orderedAfter, orderWithdrawn, reorderedAfter } from './conditions.js';

export function lifecycleStopRules(db: Pick<Sql, 'dialect'>): [string, string][] {
  const o = 'campaigns_outbox';
  const customer = { writeKey: `${o}.write_key`, anonymousId: `${o}.anonymous_id`, phone: `${o}.phone` };
  return [
    ['reordered', `${o}.campaign = 'replenishment' AND ${reorderedAfter(db, customer, `${o}.detail`, `${o}.subject_at`)}`],
    ['ordered', `${o}.campaign = 'win_back' AND ${orderedAfter(customer, `${o}.subject_at`)}`],
    ['order cancelled', `${o}.campaign IN ('review_request', 'bounce_back') AND ${orderWithdrawn(`${o}.write_key`, `${o}.subject_id`)}`],
  ];
}
