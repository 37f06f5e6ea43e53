// Changes kept outside the settings documents (offer rules, blacklists) are written to the same
// history, so the owner finds every change in one place (/app/audit, GET /v1/settings/audit). Their
// scopes ("offer:<id>", "blacklist:<writeKey>") are shown there but not reverted from it. Nothing
// is written when the settings feature does not run.
import type { FeatureContext } from '../feature.js';
import { settingsFor } from './live.js';
import { withSettingsLock } from './scopes.js';

export const ADMIN_WHO = 'admin';

export async function recordChange(ctx: FeatureContext, scope: string, before: unknown, after: unknown): Promise<void> {
  if (!settingsFor(ctx)) return;
  await withSettingsLock(ctx.db, (tx) =>
    tx.run('INSERT INTO settings_audit (at, who, scope, before, after) VALUES ($1, $2, $3, $4, $5)', [
      ctx.now().toISOString(),
      ADMIN_WHO,
      scope,
      before === null || before === undefined ? null : JSON.stringify(before),
      after === null || after === undefined ? null : JSON.stringify(after),
    ]),
  );
}
