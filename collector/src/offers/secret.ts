// The key offer and survey tokens are signed with: HOMING_OFFERS_SECRET, or one derived from the
// admin token (so a collector configured with an admin token works without another setting).
import { createHmac, randomBytes } from 'node:crypto';
import type { FeatureContext } from '../feature.js';

const ephemeral = randomBytes(32).toString('hex');

export function offersSecret(ctx: Pick<FeatureContext, 'config'>): string {
  const explicit = ctx.config.env.HOMING_OFFERS_SECRET;
  if (explicit) return explicit;
  if (ctx.config.adminToken) return createHmac('sha256', ctx.config.adminToken).update('homing offers').digest('hex');
  // Neither is set: tokens still work, but only until this process restarts.
  return ephemeral;
}
