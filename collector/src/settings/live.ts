// The settings as this collector applies them. The campaigns configuration is one object changed in
// place, so the engine, the webhooks and the short links, which hold it, read the current values;
// the write keys are ctx.config.writeKeys, whose own entries are replaced in place, so every lookup
// through ../write-keys.ts sees a new store or a removed origin at once. A change made here applies
// at once; one made by another collector on the same database within REFRESH_MS.
import type { FeatureContext } from '../feature.js';
import { defaultCampaigns, type CampaignsConfig } from '../campaigns/config.js';
import { configOf, usableWriteKey, type Document } from './documents.js';
import { loadScopes, settingsVersion } from './scopes.js';

export const REFRESH_MS = 2000;

export interface LiveSettings {
  /** The live campaigns configuration (changed in place). */
  campaigns: CampaignsConfig;
  /** The newest audit id applied. */
  version: number;
  documents: Map<string, Document>;
  /** Applies the stored settings if another collector changed them since. */
  refresh(): Promise<void>;
  /** Applies the stored settings now. */
  reload(): Promise<void>;
  /** Called after each change applied, with the configuration as it was before. */
  onChange(listener: (before: CampaignsConfig) => void): void;
}

const registry = new WeakMap<object, LiveSettings>();

/** This collector's live settings, when the settings feature runs. */
export function settingsFor(ctx: Pick<FeatureContext, 'db'>): LiveSettings | undefined {
  return registry.get(ctx.db);
}

export async function loadLiveSettings(ctx: FeatureContext): Promise<LiveSettings> {
  const fallback = defaultCampaigns(ctx.config.abandonedAfterMinutes);
  // This collector's own object: an embedding program's configuration, maybe shared by several collectors, is not changed.
  ctx.config.writeKeys = { ...ctx.config.writeKeys };
  const listeners: ((before: CampaignsConfig) => void)[] = [];

  const apply = (documents: Map<string, Document>, version: number) => {
    const { config, writeKeys } = configOf(documents, fallback);
    const before = { ...live.campaigns };
    Object.assign(live.campaigns, config);
    const keys = ctx.config.writeKeys;
    for (const key of Object.keys(keys)) if (!writeKeys.has(key)) delete keys[key];
    for (const [key, value] of writeKeys) if (usableWriteKey(key)) keys[key] = value;
    live.documents = documents;
    live.version = version;
    for (const listener of listeners) {
      try {
        listener(before);
      } catch (error) {
        ctx.log.error({ err: error }, 'settings: applying a change failed');
      }
    }
  };

  // Reads one after another, each started after the previous applied: a reload asked for after a
  // write always sees it, and an older read never overwrites a newer one.
  let last: Promise<void> = Promise.resolve();
  const reload = () => {
    const next = last.then(async () => {
      const version = await settingsVersion(ctx.db);
      const rows = await loadScopes(ctx.db);
      apply(new Map([...rows].map(([scope, row]) => [scope, row.document])), version);
    });
    last = next.catch(() => undefined);
    return next;
  };

  const live: LiveSettings = {
    campaigns: { ...fallback },
    version: -1,
    documents: new Map(),
    async refresh() {
      if ((await settingsVersion(ctx.db)) !== live.version) await reload();
    },
    reload,
    onChange(listener) {
      listeners.push(listener);
    },
  };
  await reload();
  registry.set(ctx.db, live);
  return live;
}
