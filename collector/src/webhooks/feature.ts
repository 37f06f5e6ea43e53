// Platform webhooks: what the store's platform knows for sure (the order was paid, cancelled,
// refunded; the shopper left a checkout with their phone), signed with the store's webhook secret.
//   POST /v1/webhooks/woocommerce/{writeKey}   X-WC-Webhook-Signature, -Topic, -Delivery-ID
//   POST /v1/webhooks/shopify/{writeKey}       X-Shopify-Hmac-Sha256, -Topic, -Webhook-Id
// Server to server: no CORS. The secrets are stores.<writeKey>.woocommerce.webhookSecret and
// stores.<writeKey>.shopify.webhookSecret in the campaigns configuration.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { campaignsFromEnv, type StoreSettings } from '../campaigns/config.js';
import { settingsFor } from '../settings/live.js';
import { writeKeyConfig } from '../write-keys.js';
import { applyFacts } from './apply.js';
import type { MapContext, PlatformFacts } from './facts.js';
import { webhooksMigrations } from './migrations.js';
import { SHOPIFY_TOPICS, shopifyFacts } from './shopify.js';
import { validSignature } from './signature.js';
import { WOOCOMMERCE_TOPICS, wooOrderFacts } from './woocommerce.js';

type Platform = 'woocommerce' | 'shopify';

interface PlatformRules {
  signature: string;
  topic: string;
  delivery: string;
  topics: Set<string>;
  facts(topic: string, payload: unknown, ctx: MapContext): PlatformFacts | string;
}

const PLATFORMS: Record<Platform, PlatformRules> = {
  woocommerce: {
    signature: 'x-wc-webhook-signature',
    topic: 'x-wc-webhook-topic',
    delivery: 'x-wc-webhook-delivery-id',
    topics: WOOCOMMERCE_TOPICS,
    facts: (_topic, payload, ctx) => wooOrderFacts(payload, ctx),
  },
  shopify: {
    signature: 'x-shopify-hmac-sha256',
    topic: 'x-shopify-topic',
    delivery: 'x-shopify-webhook-id',
    topics: SHOPIFY_TOPICS,
    facts: shopifyFacts,
  },
};

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** WooCommerce pings a new webhook's URL with a form body `webhook_id=N`, unsigned. */
const isWooPing = (body: Buffer) => body.length < 100 && /^webhook_id=\d+$/.test(body.toString('latin1').trim());

export interface WebhooksOptions {
  /** Default: stores from the campaigns configuration (HOMING_CAMPAIGNS_FILE / HOMING_CAMPAIGNS). */
  stores?: Record<string, StoreSettings>;
}

export function webhooksFeature(options: WebhooksOptions = {}): CollectorFeature {
  return {
    name: 'webhooks',
    migrations: webhooksMigrations,
    routes(app, ctx) {
      // The live settings' stores (../settings/), read at each request: a secret changed applies at once.
      const live = settingsFor(ctx);
      const fromFile = options.stores || live ? undefined : campaignsFromEnv(ctx.config).stores;
      const stores = () => options.stores ?? live?.campaigns.stores ?? fromFile!;
      const handle = (platform: Platform) => (request: FastifyRequest, reply: FastifyReply) => receive(platform, stores(), ctx, request, reply);
      // Signatures are over the raw bytes: this scope keeps the body as it came.
      app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
        scope.post('/v1/webhooks/woocommerce/:writeKey', handle('woocommerce'));
        scope.post('/v1/webhooks/shopify/:writeKey', handle('shopify'));
      });
    },
  };
}

async function receive(platform: Platform, stores: Record<string, StoreSettings>, ctx: FeatureContext, request: FastifyRequest, reply: FastifyReply) {
  const rules = PLATFORMS[platform];
  const writeKey = (request.params as { writeKey?: string }).writeKey;
  if (!writeKeyConfig(ctx.config, writeKey)) return reply.code(401).send({ error: 'unknown write key' });
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (platform === 'woocommerce' && isWooPing(body)) return { ok: true };

  const store = Object.hasOwn(stores, writeKey!) ? stores[writeKey!]! : {};
  const secret = store[platform]?.webhookSecret;
  if (typeof secret !== 'string' || !secret) return reply.code(401).send({ error: `no webhook secret is configured for this write key (stores.<writeKey>.${platform}.webhookSecret)` });
  if (!validSignature(secret, body, request.headers[rules.signature])) return reply.code(401).send({ error: `${rules.signature} is missing or does not match the body` });

  const deliveryId = header(request, rules.delivery);
  if (!deliveryId || !/^[\x21-\x7e]{1,100}$/.test(deliveryId)) return reply.code(400).send({ error: `${rules.delivery} is missing or invalid` });
  const topic = header(request, rules.topic) ?? '';
  // Topics we have no use for are answered 200, so the platform does not retry or disable the webhook.
  if (!rules.topics.has(topic)) return { ignored: topic.slice(0, 100) };

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return reply.code(400).send({ error: 'the body is not JSON' });
  }
  const [seen] = await ctx.db.query('SELECT 1 AS seen FROM webhooks_deliveries WHERE write_key = $1 AND platform = $2 AND delivery_id = $3', [writeKey, platform, deliveryId]);
  if (seen) return { duplicate: true };

  const facts = rules.facts(topic, payload, { writeKey: writeKey!, secret, store, defaultCountry: ctx.config.defaultCountry, deliveryId, now: ctx.now() });
  if (typeof facts === 'string') return reply.code(400).send({ error: facts });
  const result = await applyFacts(ctx, request.server.homing.features, writeKey!, facts);
  // Recorded after it was applied: a delivery that failed half-way is applied again when retried
  // (every write above is idempotent).
  await ctx.db.run(
    'INSERT INTO webhooks_deliveries (write_key, platform, delivery_id, topic, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (write_key, platform, delivery_id) DO NOTHING',
    [writeKey, platform, deliveryId, topic, ctx.now().toISOString()],
  );
  return { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected };
}
