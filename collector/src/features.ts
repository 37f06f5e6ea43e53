// The features the collector runs by default. Each feature's owner adds one line here.
import type { CollectorFeature } from './feature.js';
import { settingsFeature } from './settings/feature.js';
import { offersFeature } from './offers/feature.js';
import { surveysFeature } from './surveys/feature.js';
import { linksFeature } from './links/feature.js';
import { campaignsFeature } from './campaigns/feature.js';
import { webhooksFeature } from './webhooks/feature.js';

export const defaultFeatures: CollectorFeature[] = [
  // First: the features below read the live settings it loads.
  settingsFeature(),
  offersFeature(),
  surveysFeature(),
  linksFeature(),
  campaignsFeature(),
  webhooksFeature(),
];
