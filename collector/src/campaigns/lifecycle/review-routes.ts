// GET /review/{order}?k=..&t=..[&lang=fa]  the review page;  POST the same URL  stores the ratings,
// shows the thank-you code and hands the reviews to the store (WooCommerce: ./store-reviews.ts).
// Only a link this collector signed opens it, for an order its platform confirmed; the first answer
// for a product stays.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeatureContext } from '../../feature.js';
import { writeKeyConfig } from '../../write-keys.js';
import type { CampaignsConfig } from '../config.js';
import { platformOrderLines } from './platform-orders.js';
import { verifyReviewToken } from './review-link.js';
import { pickReviewLang, reviewPage, reviewTexts, type ReviewProduct } from './review-page.js';
import { sendReviewsToStore } from './store-reviews.js';

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/** The products of the order as its platform confirmed it (./platform-orders.ts), once each, in the order's own order. */
async function productsOf(ctx: FeatureContext, writeKey: string, orderId: string): Promise<ReviewProduct[] | undefined> {
  const lines = await platformOrderLines(ctx.db, writeKey, orderId);
  if (!lines) return undefined;
  const seen = new Map<string, ReviewProduct>();
  for (const line of lines) {
    if (line.product_id === undefined || line.product_id === null) continue;
    const productId = String(line.product_id).slice(0, 200);
    if (!seen.has(productId)) seen.set(productId, { productId, name: typeof line.name === 'string' ? line.name.slice(0, 200) : '' });
  }
  return [...seen.values()].slice(0, 50);
}

export function registerReviewRoutes(app: FastifyInstance, ctx: FeatureContext, config: CampaignsConfig): void {
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 128 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const send = (reply: FastifyReply, status: number, html: string) => reply.code(status).headers(pageHeaders).send(html);
    const code = () => config.campaigns.review_request.steps[0]?.discountCode ?? '';

    scope.get('/review/:order', async (request, reply) => {
      const { order } = request.params as { order: string };
      const query = request.query as Record<string, string>;
      const lang = pickReviewLang(query.lang, request.headers['accept-language']);
      const products = valid(ctx, query.k, order, query.t) ? await productsOf(ctx, query.k, order) : undefined;
      if (!products?.length) return send(reply, 403, reviewPage(lang, { invalid: true }));
      const [answered] = await ctx.db.query('SELECT 1 AS answered FROM campaigns_reviews WHERE write_key = $1 AND order_id = $2 LIMIT 1', [query.k, order]);
      if (answered) return send(reply, 200, reviewPage(lang, { done: { code: code() } }));
      return send(reply, 200, reviewPage(lang, { action: request.url, products }));
    });

    scope.post('/review/:order', async (request, reply) => {
      const { order } = request.params as { order: string };
      const query = request.query as Record<string, string>;
      const lang = pickReviewLang(query.lang, request.headers['accept-language']);
      const products = valid(ctx, query.k, order, query.t) ? await productsOf(ctx, query.k, order) : undefined;
      if (!products?.length) return send(reply, 403, reviewPage(lang, { invalid: true }));
      const form = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (Object.hasOwn(form, name) && typeof form[name] === 'string' ? (form[name] as string) : '');
      const answers = products
        .map((p, i) => ({ ...p, rating: Number(field(`rating_${i}`)), comment: field(`comment_${i}`).trim().slice(0, 2000) }))
        .filter((a) => Number.isInteger(a.rating) && a.rating >= 1 && a.rating <= 5);
      if (!answers.length) return send(reply, 400, reviewPage(lang, { action: request.url, products, error: reviewTexts[lang].missing }));
      const now = ctx.now().toISOString();
      for (const a of answers) {
        await ctx.db.run(
          `INSERT INTO campaigns_reviews (write_key, order_id, product_id, rating, comment, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (write_key, order_id, product_id) DO NOTHING`,
          [query.k, order, a.productId, a.rating, a.comment || null, now],
        );
      }
      // A store that does not answer (briefly: the shopper waits) gets them with the next answer.
      await sendReviewsToStore(ctx, config, query.k).catch((error) => ctx.log.warn({ err: error }, 'campaigns: reviews not handed to the store'));
      return send(reply, 200, reviewPage(lang, { done: { code: code() } }));
    });
  });
}

function valid(ctx: FeatureContext, writeKey: unknown, order: string, token: unknown): writeKey is string {
  return typeof writeKey === 'string' && writeKeyConfig(ctx.config, writeKey) !== undefined && verifyReviewToken(ctx, writeKey, order, token);
}
