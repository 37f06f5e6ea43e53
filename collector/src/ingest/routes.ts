// The ingest endpoints: Homing's POST /v1/batch, and what Segment's and RudderStack's browser
// SDKs post (PROTOCOL.md section 5). The write key may come from the body, HTTP Basic auth
// (`key:`) or `?writeKey=`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { applyKeyCors } from './cors.js';
import { ingest } from './ingest.js';
import type { EventType } from './normalize.js';
import { clientKey, createRateLimiter } from './rate-limit.js';
import { unstorable } from './storable.js';
import type { IngestMetrics } from '../metrics.js';
import { writeKeyConfig } from '../write-keys.js';

const batchPaths = ['/v1/batch', '/v1/b', '/beacon/v1/batch'];
const singlePaths: Record<string, EventType> = {
  '/v1/t': 'track',
  '/v1/track': 'track',
  '/v1/i': 'identify',
  '/v1/identify': 'identify',
  '/v1/p': 'page',
  '/v1/page': 'page',
};

// The scheme name is case-insensitive (RFC 9110 section 11.1): some HTTP clients send "basic".
function basicUser(header: string | undefined): string | undefined {
  const credentials = /^basic +(.+)$/i.exec(header ?? '')?.[1];
  if (!credentials) return undefined;
  const decoded = Buffer.from(credentials.trim(), 'base64').toString('utf8');
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
  const clientLimiter = createRateLimiter(config.clientRateLimitPerSecond, () => ctx.now().getTime());

  // The ingest routes read their body with a parser that keeps a `__proto__` key as a plain own
  // property (JSON.parse never makes it a prototype): an event carrying one is then refused on its
  // own (storable.ts), not with the whole batch. The body's other fields are read by name.
  const parseKeepingProtoKeys = app.getDefaultJsonParser('ignore', 'ignore');
  const jsonTypes = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'];

  async function handle(request: FastifyRequest, reply: FastifyReply, impliedType?: EventType) {
    const started = process.hrtime.bigint();
    const body = request.body;
    if (!isObject(body)) return reply.code(400).send({ error: impliedType ? 'the body must be a JSON event object' : 'the body must be a JSON object with a "batch" array' });
    const events = impliedType ? [body] : body.batch;
    if (!Array.isArray(events)) return reply.code(400).send({ error: 'the body must be a JSON object with a "batch" array' });
    // The body around the batch is held to what events are (a `__proto__` there refuses the body);
    // a single event's body is checked, and refused, as the event below.
    const { batch: _batch, ...envelope } = body;
    const odd = impliedType ? null : unstorable(envelope);
    if (odd) return reply.code(400).send({ error: `the body's ${odd}` });
    if (events.length > 1000) return reply.code(413).send({ error: 'at most 1000 events per batch' });

    const writeKey = writeKeyOf(request, body);
    const key = writeKeyConfig(config, writeKey);
    if (!writeKey || !key) {
      reply.removeHeader('access-control-allow-origin');
      return reply.code(401).send({ error: writeKey ? 'unknown write key' : 'write key missing (body "writeKey", Basic auth or ?writeKey=)' });
    }
    if (!applyKeyCors(request, reply, key.allowedOrigins)) {
      return reply.code(403).send({ error: `origin ${request.headers.origin} is not allowed for this write key` });
    }
    // The client's own budget first: a client over its rate spends nothing of the store's.
    const clientWait = clientLimiter.take(clientKey(request.ip), Math.max(1, events.length));
    if (clientWait) {
      metrics.rateLimited.inc();
      return reply.code(429).header('retry-after', String(clientWait)).send({ error: `rate limit of ${config.clientRateLimitPerSecond} events/s per client exceeded` });
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

  // Browser routes: CORS by write key (see ../browser-routes.ts).
  const browser = { config: { browser: true } };
  app.register(async (scope) => {
    scope.removeContentTypeParser(jsonTypes);
    scope.addContentTypeParser(jsonTypes, { parseAs: 'string' }, parseKeepingProtoKeys);
    for (const path of batchPaths) scope.post(path, browser, (request, reply) => handle(request, reply));
    for (const [path, type] of Object.entries(singlePaths)) scope.post(path, browser, (request, reply) => handle(request, reply, type));
  });
}
