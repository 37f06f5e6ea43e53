// The settings feature: the campaigns configuration and the write keys live in the database (one
// document per scope, ./scopes.ts), seeded from the configuration file and flags at start (./seed.ts),
// changed through the admin API (./routes.ts) without a restart, audited and reversible. Listed first,
// so the features after it (campaigns, webhooks, links) find the live settings (./live.ts).
import type { CollectorFeature } from '../feature.js';
import { loadLiveSettings, REFRESH_MS } from './live.js';
import { settingsMigrations } from './migrations.js';
import { registerSettingsRoutes } from './routes.js';
import { seedSettings } from './seed.js';

export function settingsFeature(): CollectorFeature {
  return {
    name: 'settings',
    migrations: settingsMigrations,
    async routes(app, ctx) {
      await seedSettings(ctx.db, ctx.config, ctx.now());
      const live = await loadLiveSettings(ctx);
      registerSettingsRoutes(app, ctx, live);
      // Changes made by other collectors on the same database: one cheap query per period.
      let closing = false;
      let running: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        if (closing) return;
        running = live.refresh().catch((error) => ctx.log.error({ err: error }, 'settings: refresh failed'));
      }, REFRESH_MS);
      timer.unref();
      // Closing waits for a refresh in progress, so it never reads a closed store.
      app.addHook('onClose', async () => {
        closing = true;
        clearInterval(timer);
        await running;
      });
    },
  };
}
