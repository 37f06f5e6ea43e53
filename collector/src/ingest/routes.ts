// The ingest endpoints: Homing's POST /v1/batch, and what Segment's and RudderStack's browser
// SDKs post (PROTOCOL.md section 5). The write key may come from the body, HTTP Basic auth
// (`key:`) or `?writeKey=`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { applyKeyCors, applyProvisionalCors, answerPreflight } from './cors.js';
import { ingest } from './ingest.js';
import type { EventType } from './normalize.js';
import { createRateLimiter } from './rate-limit.js';
import type { IngestMetrics } from '../metrics.js';

const batchPaths = ['/v1/batch', '/v1/b', '/beacon/v1/batch'];
const singlePaths: Record<string, EventType> = {
  '/v1/t': 'track',
  '/v1/track': 'track',
  '/v1/i': 'identify',
  '/v1/identify': 'identify',
  '/v1/p': 'page',
  '/v1/page': 'page',
};

function basicUser(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user || undefined;
}

export function writeKeyOf(request: FastifyRequest, body: Record<string, unknown>): string | undefined {
  const query = (request.query as Record<string, unknown>).writeKey;
  if (typeof body.writeKey === 'string' && body.writeKey) return body.writeKey;
  return basicUser(request.headers.authorization) ?? (typeof query === 'string' && query ? query : undefined);
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export function registerIngest(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[], metrics: IngestMetrics): void {
  const { config } = ctx;
  const limiter = createRateLimiter(config.rateLimitPerSecond, () => ctx.now().getTime());

  // Beacons and Homing's SDK send text/plain (no preflight); parse it as JSON like application/json.
  // Fastify's own JSON parser rejects __proto__ / constructor poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(['text/plain', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, parseJson);

  // Platform webhooks are server to server: no browser may read their answers.
  const serverOnly = (path: string) => path.startsWith('/v1/webhooks/');
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/v1/') || path.startsWith('/beacon/')) {
      if (!path.startsWith('/v1/reports') && !path.startsWith('/v1/carts') && !serverOnly(path)) applyProvisionalCors(request, reply, config);
    }
  });
  app.options('/v1/*', async (request, reply) => {
    if (serverOnly(request.url.split('?')[0])) return reply.code(404).send({ error: 'not a browser endpoint' });
    return answerPreflight(request, reply, config);
  });
  app.options('/beacon/*', async (request, reply) => answerPreflight(request, reply, config));

  async function handle(request: FastifyRequest, reply: FastifyReply, impliedType?: EventType) {
    const started = process.hrtime.bigint();
    const body = request.body;
    if (!isObject(body)) return reply.code(400).send({ error: impliedType ? 'the body must be a JSON event object' : 'the body must be a JSON object with a "batch" array' });
    const events = impliedType ? [body] : body.batch;
    if (!Array.isArray(events)) return reply.code(400).send({ error: 'the body must be a JSON object with a "batch" array' });
    if (events.length > 1000) return reply.code(413).send({ error: 'at most 1000 events per batch' });

    const writeKey = writeKeyOf(request, body);
    const key = writeKey === undefined ? undefined : config.writeKeys[writeKey];
    if (!writeKey || !key) {
      reply.removeHeader('access-control-allow-origin');
      return reply.code(401).send({ error: writeKey ? 'unknown write key' : 'write key missing (body "writeKey", Basic auth or ?writeKey=)' });
    }
    if (!applyKeyCors(request, reply, key.allowedOrigins)) {
      return reply.code(403).send({ error: `origin ${request.headers.origin} is not allowed for this write key` });
    }
    const wait = limiter.take(writeKey, Math.max(1, events.length));
    if (wait) {
      metrics.rateLimited.inc();
      return reply.code(429).header('retry-after', String(wait)).send({ error: `rate limit of ${config.rateLimitPerSecond} events/s exceeded` });
    }

    const header = request.headers.sentat;
    const sentAt = typeof body.sentAt === 'string' ? body.sentAt : typeof header === 'string' ? header : undefined;
    const result = await ingest({ writeKey, events, sentAt, impliedType }, ctx, features);
    metrics.observe(result, Number(process.hrtime.bigint() - started) / 1e9);
    const answer = { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected };
    // A single event that was refused is a client error (Segment and RudderStack do not retry 4xx).
    return reply.code(impliedType && result.rejected.length ? 400 : 200).send(answer);
  }

  for (const path of batchPaths) app.post(path, (request, reply) => handle(request, reply));
  for (const [path, type] of Object.entries(singlePaths)) app.post(path, (request, reply) => handle(request, reply, type));
}
