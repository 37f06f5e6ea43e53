// One scheduler run as of a given time: stop rules, then scheduling, then sending. Runs in one
// process never overlap (a run started while another is going waits for it); runs in several
// processes are kept apart by the outbox's unique keys, leases and SKIP LOCKED.
import type { FeatureContext } from '../feature.js';
import type { SmsProvider } from '../sms/index.js';
import type { CampaignsConfig } from './config.js';
import { dispatchDue, type DispatchHooks, type DispatchResult } from './dispatch.js';
import { scheduleDue } from './schedule.js';
import { cancelStopped } from './stop-rules.js';

export interface RunResult extends DispatchResult {
  asOf: string;
  scheduled: Record<string, number>;
  stopped: Record<string, number>;
}

export interface Engine {
  /** The live configuration: settings changes are applied to this object in place (see ../settings/). */
  config: CampaignsConfig;
  /** Replaced when the provider's settings change; a run uses the provider of its start. */
  provider: SmsProvider;
  run(ctx: FeatureContext, asOf?: Date): Promise<RunResult>;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
}

export function createEngine(config: CampaignsConfig, provider: SmsProvider, hooks: DispatchHooks = {}): Engine {
  let last: Promise<unknown> = Promise.resolve();
  const engine: Engine = {
    config,
    provider,
    run(ctx, asOf) {
      const next = last.then(async () => {
        const now = asOf ?? ctx.now();
        const stopped = await cancelStopped(ctx.db, now);
        const { scheduled } = await scheduleDue(ctx.db, engine.config, now);
        const sent = await dispatchDue(ctx, engine.config, engine.provider, now, hooks);
        return { asOf: now.toISOString(), scheduled, stopped, ...sent };
      });
      last = next.catch(() => undefined);
      return next;
    },
    async idle() {
      await last;
    },
  };
  return engine;
}
