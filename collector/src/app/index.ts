// The store owner's app under /app (see layout.ts for how a page plugs in): its assets, the
// redirects from the old addresses, and its pages.
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { ASSETS } from './assets.js';
import { registerOverview } from './pages/overview.js';
import { registerCarts } from './pages/carts.js';
import { registerShopper } from './pages/shopper.js';
import { registerOutbox } from './pages/outbox.js';
import { registerExports } from './pages/export.js';
import { registerEditPages } from './edit/index.js';
import { registerRetention } from './pages/retention.js';

export function registerApp(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  // Public: the sign-in page uses them too, and they hold nothing about any store.
  app.get('/app/assets/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    const file = ASSETS.get(name);
    if (!file) return reply.code(404).send({ error: 'not found' });
    reply.header('content-type', file.type).header('etag', file.etag).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.send(file.body);
  });

  // The old one-page dashboard and the collector's root lead to the app (which asks to sign in).
  const toApp = async (_request: unknown, reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-store').redirect('/app', 303);
  app.get('/dashboard', toApp);
  app.get('/', toApp);

  registerOverview(app, ctx, features);
  registerCarts(app, ctx, features);
  registerShopper(app, ctx, features);
  registerOutbox(app, ctx, features);
  registerExports(app, ctx, features);
  registerEditPages(app, ctx, features);
  registerRetention(app, ctx, features);
}
