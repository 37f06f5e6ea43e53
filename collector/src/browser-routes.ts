// Which routes the store's pages may call cross-origin: only those declared with
// `{ config: { browser: true } }` (ingest, offers), a positive list, so a new admin route is
// closed to other sites without anyone remembering to close it. Browser routes get the CORS
// answer of ingest/cors.ts and read text/plain and form-typed bodies as JSON (beacons and
// Homing's SDK send those to avoid a preflight). Every other route (the owner's app, admin APIs,
// webhooks) gets no CORS grant, on the answer or on a preflight, whatever the Origin, and answers
// 415 to such bodies: they are exactly what another site's form or beacon can send. (Routes that
// read real HTML or provider forms register their own parser in their own scope.)
import type { FastifyInstance } from 'fastify';
import type { CollectorConfig } from './feature.js';
import { answerPreflight, applyProvisionalCors } from './ingest/cors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Called from the store's pages on another origin (CORS by write key). */
    browser?: boolean;
  }
}

const pattern = (url: string) => new RegExp(`^${url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:[^/]+/g, '[^/]+')}$`);

/** Call before any route is added. */
export function registerBrowserRoutes(app: FastifyInstance, config: CollectorConfig): void {
  // Fastify's own JSON parser rejects __proto__ / constructor poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(['text/plain', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (request, body, done) => {
    if (request.routeOptions.config?.browser) return parseJson(request, body as string, done);
    const error = Object.assign(new Error(`${request.headers['content-type']} is read only by the store's browser routes: send application/json`), { statusCode: 415 });
    done(error, undefined);
  });

  const routes: { method: string; path: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.browser) return;
    for (const method of [route.method].flat()) routes.push({ method: method.toUpperCase(), path: pattern(route.url) });
  });
  const isBrowserRoute = (method: string, path: string) => routes.some((route) => route.method === method.toUpperCase() && route.path.test(path));

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.browser) applyProvisionalCors(request, reply, config);
  });
  app.options('*', async (request, reply) => {
    const path = request.url.split('?')[0];
    const method = request.headers['access-control-request-method'];
    if (typeof method === 'string' && isBrowserRoute(method, path)) return answerPreflight(request, reply, config);
    // No grant: the browser will not send the request.
    return reply.code(204).send();
  });
}
