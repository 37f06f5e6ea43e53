// Every core route in one place; each lives in its own module.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from './feature.js';

export async function registerRoutes(app: FastifyInstance, _ctx: FeatureContext, _features: CollectorFeature[]): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));
}
