// The campaigns feature: abandoned-cart, post-purchase survey and cross-sell SMS, from configuration
// (./config.ts, kept live by ../settings/) through a durable outbox (./dispatch.ts) to a provider
// (../sms/), and e-mail for the steps that say so (./email-config.ts, ../email/smtp.ts, one-click
// unsubscribe in ./unsubscribe.ts). The scheduler runs
// every HOMING_CAMPAIGNS_INTERVAL seconds (default 60; 0: only through POST /v1/campaigns/run).
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { createProvider, type SmsProvider } from '../sms/index.js';
import { smtpSender, type EmailSender } from '../email/smtp.js';
import { campaignsFromEnv, type CampaignsConfig } from './config.js';
import { ConfigError } from '../config-error.js';
import { createEngine, type Engine } from './engine.js';
import type { DispatchHooks } from './dispatch.js';
import { handleOrders, recordShoppers } from './events.js';
import { campaignsMigrations } from './migrations.js';
import { setStoreUrlLookup } from '../links/on-store.js';
import { storeSettings, storesOnHold } from './stores.js';
import { campaignsSummary } from './report.js';
import { registerCampaignRoutes } from './routes.js';
import { registerUnsubscribe } from './unsubscribe.js';
import { settingsFor } from '../settings/live.js';
import { stableJson } from '../settings/documents.js';
import { recordBirthdays } from './lifecycle/birthdays.js';
import { registerReviewRoutes } from './lifecycle/review-routes.js';

export interface CampaignsOptions {
  /** Default: from HOMING_CAMPAIGNS_FILE / HOMING_CAMPAIGNS, else the defaults. */
  config?: CampaignsConfig;
  /** Default: built from config.provider. */
  provider?: SmsProvider;
  hooks?: DispatchHooks;
  /** Default: SMTP to the configuration's email.smtpUrl, if any. */
  emailSender?: EmailSender;
}

/** Blacklists from the settings join the ones added through the API. */
async function addConfiguredBlacklists(ctx: FeatureContext, config: CampaignsConfig): Promise<void> {
  for (const [writeKey, store] of Object.entries(config.stores)) {
    for (const phone of store.blacklist ?? []) {
      await ctx.db.run('INSERT INTO campaigns_blacklist (write_key, phone, added_at) VALUES ($1, $2, $3) ON CONFLICT (write_key, phone) DO NOTHING', [
        writeKey,
        phone,
        ctx.now().toISOString(),
      ]);
    }
  }
}

export function campaignsFeature(options: CampaignsOptions = {}): CollectorFeature & { engine(ctx: FeatureContext): Engine } {
  // One engine per collector (per database): the default feature list is shared by every
  // collector a process creates.
  const engines = new WeakMap<object, Engine>();
  const engineFor = (ctx: FeatureContext): Engine => {
    let engine = engines.get(ctx.db);
    if (!engine) {
      // The live settings (../settings/), changed in place; without the settings feature, the file's.
      const live = options.config ? undefined : settingsFor(ctx);
      const config = options.config ?? live?.campaigns ?? campaignsFromEnv(ctx.config);
      const provider = options.provider ?? providerFrom(config, ctx);
      const emailFrom = (c: CampaignsConfig) => (c.email?.smtpUrl ? smtpSender(c.email.smtpUrl, new URL(ctx.config.publicUrl).hostname) : undefined);
      const email = options.emailSender ?? emailFrom(config);
      const e = (engine = createEngine(config, provider, options.hooks, email));
      engines.set(ctx.db, engine);
      live?.onChange((before) => {
        if (!options.provider && stableJson(before.provider) !== stableJson(config.provider)) {
          try {
            e.provider = createProvider(config.provider, (line) => ctx.log.debug(`campaigns: ${line}`));
          } catch (error) {
            ctx.log.error(`campaigns: the new SMS provider settings cannot be used (${(error as Error).message}); still sending with ${e.provider.name}`);
          }
        }
        if (!options.emailSender && stableJson(before.email ?? null) !== stableJson(config.email ?? null)) {
          const old = e.email;
          e.email = emailFrom(config);
          // A run in progress keeps the sender it started with; close it once that run ends.
          void e.idle().then(() => old?.close());
        }
        if (before.stores !== config.stores) addConfiguredBlacklists(ctx, config).catch((error) => ctx.log.error({ err: error }, 'campaigns: storing blacklists failed'));
      });
      // Short links check, at every click, that they still lead under the store's current URL.
      setStoreUrlLookup(ctx, (writeKey) => {
        const { url, shopify } = storeSettings(e.config, writeKey);
        return url ? [url, ...(shopify?.shopDomain ? [`https://${shopify.shopDomain}/`] : [])] : [];
      });
    }
    return engine;
  };
  // The provider's settings come from the operator's configuration: a mistake there stops the start.
  const providerFrom = (config: CampaignsConfig, ctx: FeatureContext): SmsProvider => {
    try {
      return createProvider(config.provider, (line) => ctx.log.debug(`campaigns: ${line}`));
    } catch (error) {
      throw new ConfigError(`campaigns: ${(error as Error).message}`);
    }
  };
  return {
    name: 'campaigns',
    migrations: campaignsMigrations,
    engine: engineFor,
    async routes(app, ctx) {
      const interval = ctx.config.env.HOMING_CAMPAIGNS_INTERVAL;
      const seconds = Number(interval ?? 60);
      // Not a number would silently mean "never": no campaign would ever send.
      if (!Number.isFinite(seconds) || seconds < 0) throw new ConfigError(`HOMING_CAMPAIGNS_INTERVAL must be a number of seconds >= 0, got "${interval}"`);
      const e = engineFor(ctx);
      await addConfiguredBlacklists(ctx, e.config);
      // A store without a URL (or a country) sends nothing: say so once at startup, and in the dashboard.
      for (const notice of storesOnHold(e.config, Object.keys(ctx.config.writeKeys), ctx.config.defaultCountry)) ctx.log.warn(`campaigns: ${notice}`);
      registerCampaignRoutes(app, ctx, e);
      registerUnsubscribe(app, ctx);
      registerReviewRoutes(app, ctx, e.config);
      if (seconds > 0) {
        const timer = setInterval(() => {
          e.run(ctx).catch((error) => ctx.log.error({ err: error }, 'campaigns: scheduler run failed'));
        }, seconds * 1000);
        timer.unref();
        app.addHook('onClose', async () => clearInterval(timer));
      }
      // Closing waits for a run in progress, so it never writes to a closed store; then the pooled SMTP connections close.
      app.addHook('onClose', async () => {
        await e.idle();
        e.email?.close();
      });
    },
    async onEvents(events, ctx) {
      await recordShoppers(ctx, events);
      await recordBirthdays(ctx, events);
      await handleOrders(ctx, engineFor(ctx).config, events);
    },
    async report(ctx) {
      const e = engineFor(ctx);
      return { summary: await campaignsSummary(ctx, e.config, e.provider.name) };
    },
  };
}
