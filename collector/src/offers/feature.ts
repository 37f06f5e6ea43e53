// The offers feature: post-purchase upsell offers chosen from the store's rules, signed, accepted
// once, handed to the store, and reported.
import type { CollectorFeature } from '../feature.js';
import { actionHandlerFromEnv, type OfferActionHandler } from './actions.js';
import { offersMigrations } from './migrations.js';
import { recordOfferEvents } from './record.js';
import { offersReport } from './report.js';
import { registerOfferRoutes } from './routes.js';
import { offersSecret } from './secret.js';
import { createOrderWaiters } from './wait.js';

export interface OffersFeatureOptions {
  /** What to do in the store on accept; default from HOMING_OFFERS_WOOCOMMERCE_URL / HOMING_OFFERS_WEBHOOK_URL, else nothing. */
  action?: OfferActionHandler;
}

export function offersFeature(options: OffersFeatureOptions = {}): CollectorFeature {
  const waiters = createOrderWaiters();
  return {
    name: 'offers',
    migrations: offersMigrations,
    routes(app, ctx) {
      registerOfferRoutes(app, ctx, options.action ?? actionHandlerFromEnv(ctx.config.env, () => offersSecret(ctx)), waiters);
    },
    onEvents: (events, ctx) => recordOfferEvents(events, ctx, waiters),
    report: offersReport,
  };
}
