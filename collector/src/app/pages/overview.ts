// Overview: the picked store's numbers over a date range.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { escapeHtml as e } from '../../html.js';
import { appPage } from '../shell.js';

export function registerOverview(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  appPage(app, ctx, features, {
    path: '/app',
    nav: 'overview',
    title: 'overview.title',
    allStores: true,
    async render(view) {
      return `<h1>${e(view.t('overview.title'))}</h1>`;
    },
  });
}
