// The lifecycle campaigns' part of a scheduler run: one set-based statement (or a few) per campaign,
// into the same outbox as the recovery campaigns, so the same dispatcher, quiet hours and caps apply.
import type { Sql } from '../../feature.js';
import type { CampaignsConfig } from '../config.js';
import { scheduleBirthday } from './birthday.js';
import { scheduleBounceBack } from './bounce-back.js';
import { scheduleReplenishment } from './replenishment.js';
import { scheduleReviewRequest } from './review-request.js';
import { scheduleVip } from './vip.js';
import { scheduleWinBack } from './win-back.js';

export async function scheduleLifecycle(db: Sql, config: CampaignsConfig, now: Date, stores: string[]): Promise<Record<string, number>> {
  return {
    ...(await scheduleReplenishment(db, config, now, stores)),
    ...(await scheduleWinBack(db, config, now, stores)),
    ...(await scheduleBirthday(db, config, now, stores)),
    ...(await scheduleReviewRequest(db, config, now, stores)),
    ...(await scheduleBounceBack(db, config, now, stores)),
    ...(await scheduleVip(db, config, now, stores)),
  };
}
