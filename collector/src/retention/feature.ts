// The retention feature: GET /v1/reports/retention (repeat purchase, churn, CLV, monthly cohorts,
// RFM segments per store) and `customersInSegment` for campaigns aimed at one RFM segment.
import type { CollectorFeature } from '../feature.js';
import { retentionMigrations } from './migrations.js';
import { registerRetentionRoutes, type RetentionOptions } from './routes.js';

export function retentionFeature(options: RetentionOptions = {}): CollectorFeature {
  return {
    name: 'retention',
    migrations: retentionMigrations,
    routes: (app, ctx) => registerRetentionRoutes(app, ctx, options),
  };
}
