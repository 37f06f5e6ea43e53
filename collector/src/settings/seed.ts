// Seeding the settings from the configuration file (HOMING_CAMPAIGNS_FILE / HOMING_CAMPAIGNS) and the
// flags (--write-keys, --abandoned-after) at start. Both ways of running a collector keep working:
// each scope remembers the hash of the file's value it was last seeded from, and is (re)written from
// the file only when that value changed since (audited as "configuration file"). So whoever edits the
// file and restarts gets the file's values; whoever changes settings in the app keeps them across
// restarts as long as the file's value for that scope stays as it was. A store that came from the
// file and left it is removed; a store created in the app is never touched by the file.
import { createHash } from 'node:crypto';
import type { CollectorConfig, Sql } from '../feature.js';
import { CAMPAIGNS, campaignsInput, parseCampaigns } from '../campaigns/config.js';
import { campaignScope, documentsOf, GENERAL, stableJson, writeKeyOf, type Document } from './documents.js';
import { loadScopes, withSettingsLock, writeScope } from './scopes.js';

export const FILE_WHO = 'configuration file';

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const hash = (value: unknown) => createHash('sha256').update(stableJson(value)).digest('base64url');

/** Each scope's document from the file and flags, with the hash of what the file and flags said for it. */
export function seedsOf(config: CollectorConfig): Map<string, { document: Document; hash: string }> {
  const input = campaignsInput(config);
  // The whole file is checked as before: a mistake in it stops the start with every problem named.
  const parsed = parseCampaigns(input, config.abandonedAfterMinutes);
  const given = isObject(input) ? input : {};
  const documents = documentsOf(parsed, config.writeKeys);
  const seeds = new Map<string, { document: Document; hash: string }>();
  const { stores: _stores, campaigns: givenCampaigns, ...givenGeneral } = given;
  // What was written, not the defaults it was merged with: a new release's defaults do not overwrite changes made in the app.
  seeds.set(GENERAL, { document: documents.get(GENERAL)!, hash: hash({ general: givenGeneral, abandonedAfterMinutes: config.abandonedAfterMinutes }) });
  for (const name of CAMPAIGNS) {
    const campaign = isObject(givenCampaigns) && Object.hasOwn(givenCampaigns, name) ? givenCampaigns[name] : null;
    seeds.set(campaignScope(name), { document: documents.get(campaignScope(name))!, hash: hash({ campaign }) });
  }
  for (const [scope, document] of documents) if (writeKeyOf(scope) !== undefined) seeds.set(scope, { document, hash: hash({ store: document }) });
  return seeds;
}

export async function seedSettings(db: Sql, config: CollectorConfig, now: Date): Promise<void> {
  const seeds = seedsOf(config);
  await withSettingsLock(db, async (tx) => {
    const scopes = await loadScopes(tx);
    for (const [scope, seed] of seeds) {
      const row = scopes.get(scope);
      if (row && row.seedHash === seed.hash) continue;
      await writeScope(tx, { scope, document: seed.document, who: FILE_WHO, at: now, seedHash: seed.hash });
    }
    for (const [scope, row] of scopes) {
      if (row.seedHash !== null && writeKeyOf(scope) !== undefined && !seeds.has(scope)) await writeScope(tx, { scope, document: null, who: FILE_WHO, at: now });
    }
  });
}
