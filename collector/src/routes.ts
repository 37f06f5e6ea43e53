// Every core route: ingest (see ingest/routes.ts), admin state and reports, health and metrics.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from './feature.js';
import { registerIngest } from './ingest/routes.js';
import { createMetrics } from './metrics.js';
import { abandonedCarts, summarize } from './state/queries.js';
import { registerApp } from './app/index.js';

async function featureReports(ctx: FeatureContext, features: CollectorFeature[]) {
  const reports: { name: string; summary: unknown }[] = [];
  for (const feature of features) {
    if (!feature.report) continue;
    try {
      reports.push({ name: feature.name, ...(await feature.report(ctx)) });
    } catch (error) {
      ctx.log.error({ err: error, feature: feature.name }, 'feature report failed');
      reports.push({ name: feature.name, summary: { error: 'report failed' } });
    }
  }
  return reports;
}

export async function registerRoutes(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): Promise<void> {
  const metrics = createMetrics();
  registerIngest(app, ctx, features, metrics);

  app.get('/healthz', async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1 AS ok');
      return { ok: true, store: ctx.db.dialect };
    } catch {
      return reply.code(503).send({ ok: false, store: ctx.db.dialect });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/v1/carts/abandoned', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    const idle = query.idleMinutes === undefined ? ctx.config.abandonedAfterMinutes : Number(query.idleMinutes);
    if (!Number.isFinite(idle) || idle < 0) return reply.code(400).send({ error: 'idleMinutes must be a number >= 0' });
    const carts = await abandonedCarts(ctx.db, ctx.now(), idle, query.writeKey);
    return { idleMinutes: idle, carts };
  });

  app.get('/v1/reports/summary', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const summary = await summarize(ctx.db, ctx.now(), ctx.config.abandonedAfterMinutes);
    const reports = await featureReports(ctx, features);
    return { ...summary, ...Object.fromEntries(reports.map((r) => [r.name, r.summary])) };
  });

  registerApp(app, ctx, features);
}
