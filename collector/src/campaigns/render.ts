// Turns a claimed outbox row into the text a shopper receives: the campaign step's template in the
// shopper's locale, their name, the discount code, and a short link to the restored cart (abandoned
// cart), the rating page (survey) or a complementary product from the offer rules (cross-sell).
import type { FeatureContext } from '../feature.js';
import { createShortLink, shortUrl } from '../links/store.js';
import { cartRestoreUrl, productUrl, type StoreTarget } from '../links/restore-url.js';
import { chooseOffers } from '../offers/choose.js';
import { loadOfferRules } from '../offers/rules.js';
import { surveyLink } from '../surveys/link.js';
import type { CampaignName, CampaignsConfig } from './config.js';
import { pickLocale, renderTemplate } from './template.js';

export interface OutboxRow {
  id: number;
  idempotency_key: string;
  campaign: CampaignName;
  step: number;
  write_key: string;
  subject_id: string;
  anonymous_id: string | null;
  phone: string;
  attempts: number;
}

export interface Shopper {
  name: string | null;
  locale: string | null;
  timezone: string | null;
  store_url: string | null;
  platform: string | null;
}

export async function shopperOf(ctx: FeatureContext, row: Pick<OutboxRow, 'write_key' | 'anonymous_id'>): Promise<Shopper> {
  const [shopper] = row.anonymous_id
    ? await ctx.db.query<Shopper>('SELECT name, locale, timezone, store_url, platform FROM campaigns_shoppers WHERE write_key = $1 AND anonymous_id = $2', [
        row.write_key,
        row.anonymous_id,
      ])
    : [];
  return shopper ?? { name: null, locale: null, timezone: null, store_url: null, platform: null };
}

/** A message cannot be made (no store URL, no offer): not retried. `cancel` when nothing is wrong, only nothing to say. */
export class NothingToSend extends Error {
  constructor(message: string, readonly cancel: boolean) {
    super(message);
  }
}

export interface Rendered {
  body: string;
  linkCode: string;
}

export async function renderMessage(ctx: FeatureContext, config: CampaignsConfig, row: OutboxRow, shopper: Shopper, now: Date): Promise<Rendered> {
  const step = config.campaigns[row.campaign].steps[row.step];
  if (!step) throw new NothingToSend(`${row.campaign} has no step ${row.step + 1} any more`, true);
  const settings = config.stores[row.write_key] ?? {};
  const storeUrl = settings.url ?? shopper.store_url;
  const store: StoreTarget | undefined = storeUrl ? { url: storeUrl, platform: settings.platform ?? shopper.platform ?? undefined, secret: settings.restoreSecret } : undefined;
  const code = step.discountCode;
  const values: Record<string, string | undefined> = { name: shopper.name ?? '', code: code ?? '', store: settings.name ?? (storeUrl ? new URL(storeUrl).hostname : '') };

  let target: string;
  let cartId: string | null = null;
  if (row.campaign === 'abandoned_cart') {
    if (!store) throw new NothingToSend('the store URL is unknown (set stores.<writeKey>.url)', false);
    const [cart] = await ctx.db.query<{ products: string }>('SELECT products FROM carts WHERE write_key = $1 AND cart_id = $2', [row.write_key, row.subject_id]);
    if (!cart) throw new NothingToSend('the cart is gone', true);
    target = cartRestoreUrl(store, JSON.parse(cart.products), code, now, step.discount);
    cartId = row.subject_id;
  } else if (row.campaign === 'survey') {
    target = surveyLink(ctx, row.write_key, row.subject_id);
    values.order = row.subject_id;
  } else {
    if (!store) throw new NothingToSend('the store URL is unknown (set stores.<writeKey>.url)', false);
    const [order] = await ctx.db.query<{ value: number | null; currency: string | null; products: string }>(
      'SELECT value, currency, products FROM orders WHERE write_key = $1 AND order_id = $2',
      [row.write_key, row.subject_id],
    );
    if (!order) throw new NothingToSend('the order is gone', true);
    const offers = chooseOffers(
      { order_id: row.subject_id, value: Number(order.value ?? 0), currency: order.currency ?? '', products: JSON.parse(order.products) },
      await loadOfferRules(ctx),
      now,
    );
    const offer = offers[0];
    if (!offer) throw new NothingToSend('no offer rule matches the order', true);
    target = productUrl(store, offer.product, code, now, step.discount);
    values.product = offer.product.name;
    values.order = row.subject_id;
  }

  const linkCode = await createShortLink(
    ctx.db,
    { writeKey: row.write_key, targetUrl: target, campaign: row.campaign, step: row.step, outboxId: row.id, anonymousId: row.anonymous_id, phone: row.phone, cartId },
    now,
  );
  values.link = shortUrl(ctx.config.publicUrl, linkCode);
  const locale = pickLocale(step.template, shopper.locale, config.defaultLocale);
  // Without a name, "{name}, you left..." must not start with a stray comma.
  const body = renderTemplate(step.template[locale]!, values).replace(/^[\s,،:]+/, '');
  return { body, linkCode };
}
