// GET /s/{order}?k=..&t=..[&lang=fa]  the survey page;  POST the same URL  records the answer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { verifySurveyToken } from './link.js';
import { writeKeyConfig } from '../write-keys.js';
import { surveyPage } from './page.js';
import { saveAnswer } from './record.js';
import { pickLang, surveyTexts } from './texts.js';

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export function registerSurveyRoutes(app: FastifyInstance, ctx: FeatureContext): void {
  // Own scope: the form parser stays local to these routes (ingest reads beacons sent as
  // form-encoded JSON elsewhere, so replace that parser here only).
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const send = (reply: FastifyReply, status: number, html: string) => reply.code(status).headers(pageHeaders).send(html);

    scope.get('/s/:order', { config: { shopper: true } }, async (request, reply) => {
      const { order } = request.params as { order: string };
      const query = request.query as Record<string, string>;
      const lang = pickLang(query.lang, request.headers['accept-language']);
      if (!valid(ctx, query.k, order, query.t)) return send(reply, 403, surveyPage(lang, { invalid: true }));
      return send(reply, 200, surveyPage(lang, { action: request.url }));
    });

    scope.post('/s/:order', { config: { shopper: true } }, async (request, reply) => {
      const { order } = request.params as { order: string };
      const query = request.query as Record<string, string>;
      const lang = pickLang(query.lang, request.headers['accept-language']);
      if (!valid(ctx, query.k, order, query.t)) return send(reply, 403, surveyPage(lang, { invalid: true }));
      const form = (request.body ?? {}) as Record<string, string>;
      const rating = Number(form.rating);
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
        return send(reply, 400, surveyPage(lang, { action: request.url, error: surveyTexts[lang].missing }));
      }
      const comment = typeof form.comment === 'string' ? form.comment.trim().slice(0, 2000) : '';
      await saveAnswer({ writeKey: query.k, orderId: order, rating, comment, source: 'link', answeredAt: ctx.now().toISOString() }, ctx);
      return send(reply, 200, surveyPage(lang, { done: true }));
    });
  });
}

function valid(ctx: FeatureContext, writeKey: unknown, order: string, token: unknown): writeKey is string {
  return typeof writeKey === 'string' && writeKeyConfig(ctx.config, writeKey) !== undefined && verifySurveyToken(ctx, writeKey, order, token);
}
