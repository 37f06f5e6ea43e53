// POST /v1/settings/test-sms (admin) {writeKey, campaign, step, locale, phone}: the owner sees a step's
// text on their own phone before shoppers do. The step is rendered with sample data by the same
// template code as real messages and sent through the current provider. It is no campaign message
// (no outbox row, no stop rules), but it goes only to a number of the store's own countries, like
// every message of the store, so the route cannot text premium or foreign numbers.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { toE164 } from '../ingest/phone.js';
import { shortUrl } from '../links/store.js';
import { SmsSendError } from '../sms/index.js';
import { CAMPAIGNS, type CampaignName } from './config.js';
import type { Engine } from './engine.js';
import { phoneCountry } from './holds.js';
import { countSegments } from './segments.js';
import { storeCountries, storeSettings } from './stores.js';
import { pickLocale, renderTemplate } from './template.js';
import { writeKeyConfig } from '../write-keys.js';

const campaignNames = new Set<string>(CAMPAIGNS);

export function registerTestSms(app: FastifyInstance, ctx: FeatureContext, engine: Engine): void {
  app.post('/v1/settings/test-sms', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { writeKey, campaign, locale } = body;
    if (typeof writeKey !== 'string' || !writeKeyConfig(ctx.config, writeKey)) return reply.code(404).send({ error: 'unknown store: no store has this write key' });
    if (typeof campaign !== 'string' || !campaignNames.has(campaign)) return reply.code(404).send({ error: `unknown campaign (${CAMPAIGNS.join(', ')})` });
    const stepIndex = body.step ?? 0;
    const step = Number.isInteger(stepIndex) ? engine.config.campaigns[campaign as CampaignName].steps[stepIndex as number] : undefined;
    if (!step) return reply.code(404).send({ error: `${campaign} has no step ${JSON.stringify(stepIndex)} (steps count from 0)` });
    const settings = storeSettings(engine.config, writeKey);
    if (!settings.url) return reply.code(400).send({ error: `the store has no URL (set its url first): its messages cannot link anywhere` });
    const countries = storeCountries(settings, ctx.config.defaultCountry);
    const phone = typeof body.phone === 'string' ? toE164(body.phone, countries[0]) : null;
    if (!phone) return reply.code(400).send({ error: 'phone must be a valid phone number (E.164, e.g. +989121234567)' });
    const country = phoneCountry(phone);
    if (!country || !countries.includes(country)) return reply.code(400).send({ error: `the store texts only numbers of ${countries.join(', ') || 'its country (set country)'}` });

    const chosen = pickLocale(step.template, [typeof locale === 'string' ? locale : null, settings.locale], engine.config.defaultLocale);
    const values = {
      name: 'Sara',
      link: shortUrl(ctx.config.publicUrl, 'test'),
      code: step.discountCode ?? (step.discount ? 'TEST-CODE' : ''),
      store: settings.name ?? new URL(settings.url).hostname,
      product: 'Sample product',
      order: '1001',
    };
    const text = renderTemplate(step.template[chosen]!, values);
    try {
      const answer = await engine.provider.send({ to: phone, body: text, idempotencyKey: `test-sms:${randomUUID()}`, outboxId: ctx.now().getTime() });
      return { to: phone, locale: chosen, body: text, segments: countSegments(text), provider: engine.provider.name, providerMessageId: answer.providerMessageId ?? null };
    } catch (error) {
      const message = error instanceof SmsSendError ? error.message : 'the provider could not be reached';
      return reply.code(502).send({ error: `not sent: ${message}` });
    }
  });
}
