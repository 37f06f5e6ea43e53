// createCollector: opens the store, applies the core's and every feature's migrations, and
// returns the Fastify app with ingest, state, dashboard, metrics and the features' routes.
// Closing the app (SIGTERM in the bin) waits for in-flight requests, then closes the store.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CollectorConfig, CollectorFeature, FeatureContext, Sql } from './feature.js';
import { defaultConfig } from './config.js';
import { defaultFeatures } from './features.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { coreSchema } from './db/schema.js';
import { createAdminAuth } from './admin.js';
import { createRevocations } from './admin-revocations.js';
import { registerBrowserRoutes } from './browser-routes.js';
import { registerLogin } from './login.js';
import { redactingLogger } from './redact.js';
import { loadSigningSecret } from './secret.js';
import { registerRoutes } from './routes.js';
import { MAX_ID_LENGTH } from 'homing/protocol';

export const MAX_BODY_BYTES = 512 * 1024;

export interface CreateCollectorOptions {
  /** Missing fields take their defaults (see config.ts). */
  config?: Partial<CollectorConfig>;
  /** Defaults to the list in features.ts. */
  features?: CollectorFeature[];
  /** Injectable clock. */
  now?: () => Date;
  /** Fastify's logger option (default: warnings and errors only). */
  logger?: FastifyServerOptions['logger'];
  /** To put other handlers (the demo's static files and fake store backends) in front of it. */
  serverFactory?: FastifyServerOptions['serverFactory'];
}

export interface CollectorHandle {
  db: Sql;
  ctx: FeatureContext;
  features: CollectorFeature[];
}

declare module 'fastify' {
  interface FastifyInstance {
    homing: CollectorHandle;
  }
}

export async function createCollector(options: CreateCollectorOptions = {}): Promise<FastifyInstance> {
  const config = defaultConfig(options.config);
  const features = options.features ?? defaultFeatures;
  const now = options.now ?? (() => new Date());
  const db = await openDatabase(config.databaseUrl);
  const revocations = createRevocations(db, now);
  try {
    await migrate(db, [coreSchema, ...features]);
    config.secret ||= await loadSigningSecret(db, config.env);
    await revocations.load();
  } catch (error) {
    await db.close();
    throw error;
  }

  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    // Request logs never show credentials (see redact.ts).
    logger: redactingLogger(options.logger ?? { level: 'warn' }),
    bodyLimit: MAX_BODY_BYTES,
    // Routes such as /s/{order} carry the longest id the protocol allows, percent-encoded (a
    // character is up to 4 UTF-8 bytes, each written as %XX).
    routerOptions: { maxParamLength: MAX_ID_LENGTH * 12 },
    // Fastify accepts a hop count at run time; its types list only the other forms.
    trustProxy: config.trustProxy as boolean | string,
    // Hostile or broken clients must not hold connections forever: a request (headers and body)
    // not received within the timeout is answered 408 and its connection closed. Node checks open
    // connections every second, so a slow sender is cut off at most a second after its deadline.
    requestTimeout,
    http: { headersTimeout: Math.min(requestTimeout || 10_000, 10_000), connectionsCheckingInterval: 1000 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  });
  // Connections over the cap are closed as soon as they are accepted: memory stays bounded
  // however many sockets a client opens.
  if (config.maxConnections > 0) app.server.maxConnections = config.maxConnections;
  const auth = createAdminAuth(config, now, revocations);
  const ctx: FeatureContext = { db, config, now, log: app.log, requireAdmin: auth.requireAdmin };
  app.decorate('homing', { db, ctx, features });
  app.addHook('onClose', async () => {
    await db.close();
  });
  // Fastify's own 404 logs and echoes the whole URL, query (and any credential in it) included.
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }));

  try {
    registerBrowserRoutes(app, config, now);
    registerLogin(app, auth, config.adminToken);
    await registerRoutes(app, ctx, features);
    for (const feature of features) await feature.routes?.(app, ctx);
  } catch (error) {
    await app.close(); // closes the store too
    throw error;
  }
  return app;
}
