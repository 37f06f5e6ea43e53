// Campaign endpoints:
//   POST /v1/campaigns/run?asOf=ISO      admin: run the scheduler as of a time (default: now)
//   GET  /v1/campaigns                   admin: configuration, template segment counts, summary
//   GET  /v1/campaigns/report            admin: the summary (sent, held per reason, stores on hold...)
//   POST /v1/campaigns/segments          admin: {text} → live GSM-7/UCS-2 segment count
//   GET  /campaigns/editor               the old template page: the app's Campaigns screen counts as you type
//   GET  /v1/campaigns/outbox?state=     admin: latest messages
//   POST /v1/settings/test-sms          admin: a step's text with sample data to the owner's phone (./test-sms.ts)
//   /v1/campaigns/blacklist[/import|/export]  admin: the phones a store never messages (./blacklist-routes.ts)
//   POST /v1/campaigns/inbound/{writeKey} provider webhook for the store's replies (STOP, لغو, إلغاء, הסר ...)
import type { FastifyInstance } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FeatureContext } from '../feature.js';
import { verifyTwilioSignature } from '../sms/twilio-signature.js';
import { writeKeyConfig } from '../write-keys.js';
import type { Engine } from './engine.js';
import { readInbound, handleReply } from './replies.js';
import { countSegments } from './segments.js';
import { campaignsSummary } from './report.js';
import { registerBlacklistRoutes } from './blacklist-routes.js';
import { registerTestSms } from './test-sms.js';
import { withoutSecrets } from '../redact.js';

const same = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export function registerCampaignRoutes(app: FastifyInstance, ctx: FeatureContext, engine: Engine): void {
  app.get('/campaigns/editor', async (_request, reply) => reply.header('cache-control', 'no-store').redirect('/app/campaigns', 303));
  registerBlacklistRoutes(app, ctx);
  registerTestSms(app, ctx, engine);
  app.post('/v1/campaigns/run', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const asOfText = (request.query as Record<string, string | undefined>).asOf;
    const asOf = asOfText === undefined ? undefined : new Date(asOfText);
    if (asOf && Number.isNaN(asOf.getTime())) return reply.code(400).send({ error: `asOf must be an ISO 8601 time, got "${asOfText}"` });
    return engine.run(ctx, asOf);
  });

  app.get('/v1/campaigns', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const { provider, ...config } = engine.config;
    const campaigns = Object.fromEntries(
      Object.entries(config.campaigns).map(([name, c]) => [
        name,
        { ...c, steps: c.steps.map((s) => ({ ...s, segments: Object.fromEntries(Object.entries(s.template).map(([locale, text]) => [locale, countSegments(text)])) })) },
      ]),
    );
    // Credentials stay on the server: the provider's are left out, any other (a store's restore
    // secret...) only says that it is set.
    return { ...withoutSecrets(config), provider: { provider: provider.provider }, campaigns, summary: await campaignsSummary(ctx, engine.config, engine.provider.name) };
  });

  app.get('/v1/campaigns/report', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    return campaignsSummary(ctx, engine.config, engine.provider.name);
  });

  app.post('/v1/campaigns/segments', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const text = (request.body as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') return reply.code(400).send({ error: 'body must be {"text": "..."}' });
    return countSegments(text);
  });

  app.get('/v1/campaigns/outbox', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    const limit = Math.min(500, Math.max(1, Number(query.limit ?? 100) || 100));
    const rows = query.state
      ? await ctx.db.query(`SELECT * FROM campaigns_outbox WHERE state = $1 ORDER BY id DESC LIMIT ${limit}`, [query.state])
      : await ctx.db.query(`SELECT * FROM campaigns_outbox ORDER BY id DESC LIMIT ${limit}`);
    return { messages: rows };
  });

  // The reply webhook names its store: /v1/campaigns/inbound/{writeKey}. With Twilio as the provider
  // only a request carrying Twilio's signature counts (./../sms/twilio-signature.ts); other providers
  // cannot sign, so their URL carries ?key=HOMING_CAMPAIGNS_INBOUND_KEY (or the request the admin
  // token). Only POST changes anything. Registered in its own scope so form bodies are parsed only here.
  app.register(async (scope) => {
    // Ingest reads form-typed bodies as JSON (sendBeacon senders); replies from providers are real
    // forms, kept as URLSearchParams so Twilio's signature sees every field as sent.
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
    scope.post('/v1/campaigns/inbound/:writeKey', async (request, reply) => {
      const { writeKey } = request.params as { writeKey: string };
      if (!writeKeyConfig(ctx.config, writeKey)) return reply.code(401).send({ error: 'unknown_write_key', message: 'the write key in the webhook URL is not configured on this collector' });
      const form = request.body instanceof URLSearchParams ? request.body : undefined;
      const provider = engine.config.provider;
      if (provider.provider === 'twilio') {
        // Twilio posts a form, and its signature covers the form's fields: a reply in any other body is not Twilio's.
        if (!form) return reply.code(415).send({ error: 'form_expected', message: 'Twilio replies are application/x-www-form-urlencoded' });
        const calledUrl = `${ctx.config.publicUrl.replace(/\/+$/, '')}${request.url}`;
        if (!verifyTwilioSignature(provider.authToken, calledUrl, form, request.headers['x-twilio-signature'])) {
          return reply.code(403).send({ error: 'bad_signature', message: `X-Twilio-Signature does not match ${calledUrl} and the form: set the webhook URL in Twilio to exactly this URL (the collector's --public-url)` });
        }
      } else {
        const key = (request.query as Record<string, string | undefined>).key;
        const expected = ctx.config.env.HOMING_CAMPAIGNS_INBOUND_KEY;
        const keyOk = typeof key === 'string' && !!expected && same(key, expected);
        if (!keyOk && !ctx.requireAdmin(request, reply)) return reply;
      }
      const { from, text } = readInbound(form ? Object.fromEntries(form) : request.body, request.query);
      if (!from || text === undefined) return reply.code(400).send({ error: 'the reply needs a sender (From/from) and a text (Body/body/message)' });
      const outcome = await handleReply(ctx, writeKey, from, text, ctx.config.defaultCountry);
      if (outcome.intent && !outcome.phone) return reply.code(400).send({ error: `"${from}" is not a valid phone number` });
      // Twilio expects TwiML; an empty <Response/> sends no auto-reply (Twilio's own STOP handling answers).
      if (form?.has('From')) return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      return outcome;
    });
    // A link followed or a crawler must not opt anybody out.
    scope.get('/v1/campaigns/inbound/:writeKey', async (_request, reply) =>
      reply.code(405).header('allow', 'POST').send({ error: 'method_not_allowed', message: 'replies are accepted with POST only' }),
    );
  });
}
