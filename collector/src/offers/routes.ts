// The offers feature's HTTP surface:
//   GET  /v1/offers?order_id=..&order_key=..&write_key=..[&wait=5]  offers for a recorded order whose
//        key matches (./order-key.ts), each choice with a signed token; with `wait`, an order not
//        recorded yet is waited for up to that many seconds (max 10)
//   POST /v1/offers/{id}/accept                {write_key, order_key, token, quantity}: verify, record once, run the store action
//   GET|PUT|DELETE /v1/admin/offers/rules[/{id}]  manage rules (Authorization: Bearer <admin token>)
import type { FastifyInstance } from 'fastify';
import type { FeatureContext } from '../feature.js';
import type { OfferActionHandler, AcceptedUpsell } from './actions.js';
import { chooseOffers } from './choose.js';
import { checkWriteKey, jsonBody } from './cors.js';
import { checkRule } from './rule-schema.js';
import { isOrderKey } from './order-key.js';
import { loadOfferRules, ruleStoreProblem } from './rules.js';
import { offersSecret } from './secret.js';
import { signOfferToken, verifyOfferToken } from './token.js';
import type { OfferOrder, SignedOffer } from './types.js';
import { orderKey, type OrderWaiters } from './wait.js';
import { recordChange } from '../settings/record-change.js';

interface OrderRow {
  value: number | null;
  currency: string | null;
  products: string;
}

export function registerOfferRoutes(app: FastifyInstance, ctx: FeatureContext, handler: OfferActionHandler, waiters: OrderWaiters): void {
  app.get('/v1/offers', { config: { browser: true, shopper: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (!checkWriteKey(query.write_key, request, reply, ctx)) return reply;
    const writeKey = query.write_key;
    const orderId = query.order_id;
    if (typeof orderId !== 'string' || !orderId) return reply.code(400).send({ error: 'missing_order_id', message: 'order_id is required' });
    if (typeof query.order_key !== 'string' || !query.order_key) {
      return reply.code(400).send({ error: 'missing_order_key', message: "order_key is required: the order key the store shows the buyer (WooCommerce's wc_order_..., Shopify's checkout token)" });
    }
    // An order whose key does not match is answered like one not recorded: no order ids to probe.
    const find = async () =>
      (await isOrderKey(ctx, writeKey, orderId, query.order_key))
        ? (await ctx.db.query<OrderRow>('SELECT value, currency, products FROM orders WHERE write_key = $1 AND order_id = $2', [writeKey, orderId]))[0]
        : undefined;
    const waitSeconds = Math.min(10, Math.max(0, Number(query.wait) || 0));
    const row = waitSeconds ? await waiters.wait(orderKey(writeKey, orderId), find, waitSeconds * 1000) : await find();
    // The order's own event may still be on its way: the browser may ask again after Retry-After.
    if (!row) return reply.code(404).header('retry-after', '1').send({ error: 'order_not_found', message: `order ${orderId} has not reached the collector yet` });
    const order: OfferOrder = { order_id: orderId, value: row.value ?? 0, currency: row.currency ?? '', products: parseProducts(row.products) };
    const now = ctx.now();
    const secret = offersSecret(ctx);
    const offers: SignedOffer[] = chooseOffers(order, await loadOfferRules(ctx, writeKey), now).map((offer) => ({
      ...offer,
      choices: offer.choices.map((choice) => ({
        ...choice,
        token: signOfferToken(
          { k: writeKey, o: offer.order_id, f: offer.id, p: offer.product.product_id, ...(choice.variant ? { v: choice.variant } : {}), q: offer.max_quantity, a: choice.price, c: offer.currency, e: Date.parse(offer.expires_at) },
          secret,
        ),
      })),
    }));
    return reply.header('cache-control', 'no-store').send({ order_id: orderId, offers });
  });

  app.post('/v1/offers/:id/accept', { config: { browser: true, shopper: true } }, async (request, reply) => {
    const body = jsonBody(request.body);
    if (!body) return reply.code(400).send({ error: 'bad_body', message: 'the body must be a JSON object {write_key, order_key, token, quantity}' });
    if (!checkWriteKey(body.write_key, request, reply, ctx)) return reply;
    const writeKey = body.write_key;
    const offerId = (request.params as { id: string }).id;
    const check = verifyOfferToken(body.token, offersSecret(ctx), ctx.now());
    if (!check.ok) return reply.code(check.status).send({ error: check.error, message: check.message });
    const claims = check.claims;
    if (claims.f !== offerId) return reply.code(403).send({ error: 'wrong_offer', message: `the token was issued for offer ${claims.f}, not ${offerId}` });
    if (claims.k !== undefined && claims.k !== writeKey) return reply.code(403).send({ error: 'wrong_write_key', message: 'the token was issued for another write key' });
    if (!(await isOrderKey(ctx, writeKey, claims.o, body.order_key))) {
      return reply.code(403).send({ error: 'wrong_order_key', message: 'order_key is not the key of the order this offer was made for' });
    }
    const quantity = body.quantity === undefined ? 1 : body.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > claims.q) {
      return reply.code(400).send({ error: 'bad_quantity', message: `quantity must be a whole number from 1 to ${claims.q}` });
    }
    const upsell: AcceptedUpsell = {
      write_key: writeKey,
      order_id: claims.o,
      offer_id: claims.f,
      product_id: claims.p,
      ...(claims.v ? { variant: claims.v } : {}),
      quantity,
      unit_price: claims.a,
      value: Math.round(claims.a * quantity * 100) / 100,
      currency: claims.c,
      expires_at: claims.e,
    };
    // Idempotent per (order, offer): the first accept wins; a repeat gets the stored outcome.
    const inserted = await ctx.db.run(
      `INSERT INTO offers_accepted (write_key, order_id, offer_id, product_id, variant, quantity, unit_price, value, currency, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [writeKey, upsell.order_id, upsell.offer_id, upsell.product_id, upsell.variant ?? null, quantity, upsell.unit_price, upsell.value, upsell.currency, ctx.now().toISOString()],
    );
    if (inserted.changes === 0) {
      const [row] = await ctx.db.query<Record<string, any>>(
        'SELECT product_id, variant, quantity, unit_price, value, currency, action FROM offers_accepted WHERE write_key = $1 AND order_id = $2 AND offer_id = $3',
        [writeKey, upsell.order_id, upsell.offer_id],
      );
      return reply.send({
        accepted: true,
        duplicate: true,
        upsell: { order_id: upsell.order_id, offer_id: upsell.offer_id, product_id: row.product_id, variant: row.variant ?? undefined, quantity: row.quantity, unit_price: row.unit_price, value: row.value, currency: row.currency },
        action: row.action ? JSON.parse(row.action) : { type: 'pending' },
      });
    }
    const action = await handler(upsell, ctx).catch((error: unknown) => {
      ctx.log.error(`offers: action for ${upsell.order_id}/${upsell.offer_id} failed: ${String(error)}`);
      return { type: 'none' as const };
    });
    await ctx.db.run('UPDATE offers_accepted SET action = $1 WHERE write_key = $2 AND order_id = $3 AND offer_id = $4', [JSON.stringify(action), writeKey, upsell.order_id, upsell.offer_id]);
    const { write_key: _omit, expires_at: _expiry, ...shown } = upsell;
    return reply.send({ accepted: true, duplicate: false, upsell: shown, action });
  });

  app.get('/v1/admin/offers/rules', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const writeKey = (request.query as Record<string, unknown>).write_key;
    return { rules: await loadOfferRules(ctx, typeof writeKey === 'string' ? writeKey : undefined) };
  });

  app.put('/v1/admin/offers/rules/:id', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const id = (request.params as { id: string }).id;
    const body = jsonBody(request.body);
    const checked = checkRule({ ...body, id });
    if (!checked.ok) return reply.code(400).send({ error: 'invalid_rule', errors: checked.errors });
    const storeProblem = ruleStoreProblem(ctx, checked.rule);
    if (storeProblem) return reply.code(400).send({ error: 'invalid_rule', errors: [storeProblem] });
    const now = ctx.now().toISOString();
    const before = await storedRule(ctx, id);
    await ctx.db.run(
      'INSERT INTO offers_rules (id, rule, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at',
      [id, JSON.stringify(checked.rule), now],
    );
    await recordChange(ctx, `offer:${id}`, before, checked.rule);
    return { rule: checked.rule };
  });

  app.delete('/v1/admin/offers/rules/:id', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const id = (request.params as { id: string }).id;
    const before = await storedRule(ctx, id);
    const { changes } = await ctx.db.run('DELETE FROM offers_rules WHERE id = $1', [id]);
    if (!changes) return reply.code(404).send({ error: 'rule_not_found' });
    await recordChange(ctx, `offer:${id}`, before, null);
    return { deleted: true };
  });
}

async function storedRule(ctx: FeatureContext, id: string): Promise<unknown> {
  const [row] = await ctx.db.query<{ rule: string }>('SELECT rule FROM offers_rules WHERE id = $1', [id]);
  return row ? JSON.parse(row.rule) : null;
}

function parseProducts(text: string): OfferOrder['products'] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((p) => p && typeof p === 'object') : [];
  } catch {
    return [];
  }
}
