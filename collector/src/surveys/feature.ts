// The surveys feature: post-purchase rating (1-5) and comment, from the thank-you widget and from
// a standalone page an SMS link opens (see ./link.ts for `surveyLink`).
import type { CollectorFeature } from '../feature.js';
import { surveysMigrations } from './migrations.js';
import { recordSurveyEvents } from './record.js';
import { surveysReport } from './report.js';
import { registerSurveyRoutes } from './routes.js';

export function surveysFeature(): CollectorFeature {
  return {
    name: 'surveys',
    migrations: surveysMigrations,
    routes: registerSurveyRoutes,
    onEvents: recordSurveyEvents,
    report: surveysReport,
  };
}
