// The key offer tokens and survey links are signed with (see ../secret.ts).
import type { FeatureContext } from '../feature.js';
import { derivedKey } from '../secret.js';

export function offersSecret(ctx: Pick<FeatureContext, 'config'>): string {
  return derivedKey(ctx.config, 'offers');
}
