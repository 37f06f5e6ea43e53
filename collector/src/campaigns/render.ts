// Turns a claimed outbox row into the text a shopper receives: the campaign step's template in the
// shopper's language (the store page they used, else their checkout's, else their browser's, else
// the store's), their name, the discount code, and a short link to the restored cart (abandoned
// cart), the rating page (survey) or a complementary product from the offer rules (cross-sell).
//
// Events come from browsers, and anyone can send them: nothing of theirs reaches the text except the
// name typed into the phone prompt, if it looks like a person's (./person-name.ts). Order ids are
// written only when the platform confirmed the order (below). The platform's signed webhooks give the other name (billing).
// The link target, the store's name and the product come from the configuration and offer rules.
import type { FeatureContext } from '../feature.js';
import { createShortLink, shortUrl } from '../links/store.js';
import { isUnder } from '../links/on-store.js';
import { cartRestoreUrl, checkoutUrlWithCode, productUrl, type StoreTarget } from '../links/restore-url.js';
import { acceptedProducts } from '../offers/accepted-products.js';
import { chooseOffers } from '../offers/choose.js';
import { loadOfferRules } from '../offers/rules.js';
import { surveyLink } from '../surveys/link.js';
import type { CampaignName, CampaignsConfig, StepConfig, StoreSettings } from './config.js';
import { personName } from './person-name.js';
import { createShopifyDiscount, newDiscountCode } from './shopify-discount.js';
import { storeSettings } from './stores.js';
import { languageOf } from './locale.js';
import { rated } from './stop-rules.js';
import { pickLocale, renderTemplate, type LocalizedText } from './template.js';
import { lifecycleTarget } from './lifecycle/render.js';
import { DEFAULT_CODE_VALID_DAYS, LIFECYCLE_CAMPAIGNS, type LifecycleCampaign } from './lifecycle/settings.js';
import { platformOrderLines } from './lifecycle/platform-orders.js';

// An order id a browser reported may be any text (`CALL-02188776655`): {order} is written only for
// an order the platform confirmed through a signed webhook, and only in its plain short form;
// otherwise it is empty and the template reads without it ("your order?").
const PLAIN_ORDER_ID = /^[A-Za-z0-9#-]{1,20}$/;
const orderText = async (ctx: FeatureContext, writeKey: string, orderId: string): Promise<string> =>
  PLAIN_ORDER_ID.test(orderId) && (await platformOrderLines(ctx.db, writeKey, orderId)) ? orderId : '';

export interface OutboxRow {
  id: number;
  idempotency_key: string;
  campaign: CampaignName;
  step: number;
  write_key: string;
  subject_id: string;
  anonymous_id: string | null;
  /** The recipient: an E.164 number, or for an email message (channel 'email') the address. */
  phone: string;
  /** Default 'sms'. */
  channel?: 'sms' | 'email';
  attempts: number;
  /** The single-use code an earlier attempt of this message asked the store's admin for. */
  discount_code?: string | null;
}

export interface Shopper {
  name: string | null;
  /** The browser's (or the SDK's data-locale). */
  locale: string | null;
  /** The store page's language (./locale.ts). */
  pageLocale: string | null;
  /** The checkout's, from the platform's signed webhooks. */
  checkoutLocale: string | null;
  timezone: string | null;
  platform: string | null;
}

interface ShopperRow {
  prompt_name: string | null;
  verified_name: string | null;
  locale: string | null;
  page_locale: string | null;
  checkout_locale: string | null;
  timezone: string | null;
  platform: string | null;
}

const COLUMNS = 's.prompt_name, s.verified_name, s.locale, s.page_locale, s.checkout_locale, s.timezone, s.platform';

export async function shopperOf(ctx: FeatureContext, row: Pick<OutboxRow, 'write_key' | 'anonymous_id' | 'phone' | 'channel'>): Promise<Shopper> {
  const recipient = row.channel === 'email' ? 'i.email' : 'i.phone';
  const [own] = row.anonymous_id
    ? await ctx.db.query<ShopperRow>(`SELECT ${COLUMNS} FROM campaigns_shoppers s WHERE s.write_key = $1 AND s.anonymous_id = $2`, [row.write_key, row.anonymous_id])
    : [];
  // The same shopper as others know them, by phone, latest first: the browser that placed the order
  // and the platform's webhooks (an order placed elsewhere, or confirmed by the platform) are
  // different ids of one person.
  const others =
    own?.verified_name && own.page_locale && own.checkout_locale
      ? []
      : await ctx.db.query<ShopperRow>(
          `SELECT ${COLUMNS} FROM identities i JOIN campaigns_shoppers s ON s.write_key = i.write_key AND s.anonymous_id = i.anonymous_id
           WHERE i.write_key = $1 AND ${recipient} = $2 AND (s.verified_name IS NOT NULL OR s.page_locale IS NOT NULL OR s.checkout_locale IS NOT NULL)
           ORDER BY s.updated_at DESC LIMIT 20`,
          [row.write_key, row.phone],
        );
  const first = (column: 'verified_name' | 'page_locale' | 'checkout_locale') => own?.[column] ?? others.find((s) => s[column])?.[column] ?? null;
  return {
    // The billing first name from the store's signed webhooks, else the name this browser typed into
    // the phone prompt. Never a prompt name found by phone: a stranger could send one for anyone's number.
    name: first('verified_name') ?? own?.prompt_name ?? null,
    locale: own?.locale ?? null,
    pageLocale: first('page_locale'),
    checkoutLocale: first('checkout_locale'),
    timezone: own?.timezone ?? null,
    platform: own?.platform ?? null,
  };
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
  const { step, values, locale, linkCode } = await prepareMessage(ctx, config, row, shopper, now, (step) => step.template);
  const body = renderTemplate(values.name ? step.template[locale]! : withoutGreeting(step.template[locale]!), values);
  return { body, linkCode };
}

export interface Prepared {
  step: StepConfig;
  settings: StoreSettings;
  /** The template's locale the message is written in. */
  locale: string;
  /** Every placeholder's value, {link} included; {name} only when it passed personName. */
  values: Record<string, string | undefined>;
  linkCode: string;
}

/**
 * What every channel's message is made of: the step, the locale picked among `textsOf(step)`'s, the
 * placeholders' values and the short link (made here, once per message).
 */
export async function prepareMessage(
  ctx: FeatureContext,
  config: CampaignsConfig,
  row: OutboxRow,
  shopper: Shopper,
  now: Date,
  textsOf: (step: StepConfig) => LocalizedText,
): Promise<Prepared> {
  const step = config.campaigns[row.campaign].steps[row.step];
  if (!step) throw new NothingToSend(`${row.campaign} has no step ${row.step + 1} any more`, true);
  const settings = storeSettings(config, row.write_key);
  // Never a page URL an event carried: the scheduler skips stores without one; this is the last guard.
  if (!settings.url) throw new NothingToSend(`the store has no URL (set stores.${row.write_key}.url)`, false);
  const store: StoreTarget = { url: settings.url, platform: settings.platform ?? shopper.platform ?? undefined, secret: settings.restoreSecret };
  const locale = pickLocale(textsOf(step), [shopper.pageLocale, shopper.checkoutLocale, shopper.locale, settings.locale], config.defaultLocale);
  const values: Record<string, string | undefined> = { name: personName(shopper.name) ?? '', code: '', store: settings.name ?? new URL(settings.url).hostname };

  let target: string;
  let cartId: string | null = null;
  if (row.campaign === 'abandoned_cart') {
    const [cart] = await ctx.db.query<{ products: string; checkout_url: string | null }>('SELECT products, checkout_url FROM carts WHERE write_key = $1 AND cart_id = $2', [
      row.write_key,
      row.subject_id,
    ]);
    if (!cart) throw new NothingToSend('the cart is gone', true);
    const code = (values.code = await discountCodeFor(ctx, settings, step, row, now));
    // A checkout the platform told us about (signed webhook) is finished on its own page.
    target = cart.checkout_url ? checkoutUrlWithCode(cart.checkout_url, code) : cartRestoreUrl(store, JSON.parse(cart.products), code, now, step.discount);
    cartId = row.subject_id;
  } else if (row.campaign === 'survey') {
    // Scheduling skipped orders rated already; an answer on the thank-you page may have come since.
    const [answer] = await ctx.db.query(`SELECT 1 AS rated WHERE ${rated({ writeKey: '$1', orderId: '$2' })}`, [row.write_key, row.subject_id]);
    if (answer) throw new NothingToSend('already rated', true);
    // The rating page speaks the text's language.
    target = surveyLink(ctx, row.write_key, row.subject_id, languageOf(locale));
    values.order = await orderText(ctx, row.write_key, row.subject_id);
  } else if (LIFECYCLE_CAMPAIGNS.includes(row.campaign as LifecycleCampaign) && row.campaign !== 'bounce_back') {
    const made = await lifecycleTarget(ctx, row as OutboxRow & { campaign: LifecycleCampaign }, { store, step, lang: languageOf(locale), now, code: () => discountCodeFor(ctx, settings, step, row, now) });
    target = made.target;
    Object.assign(values, made.values);
    values.order = await orderText(ctx, row.write_key, row.subject_id);
  } else {
    // Cross-sell, and the bounce-back offer after a first order.
    const [order] = await ctx.db.query<{ value: number | null; currency: string | null; products: string }>(
      'SELECT value, currency, products FROM orders WHERE write_key = $1 AND order_id = $2',
      [row.write_key, row.subject_id],
    );
    if (!order) throw new NothingToSend('the order is gone', true);
    const rules = await loadOfferRules(ctx, row.write_key);
    // Never what was just bought (chooseOffers leaves the order's products out), nor an upsell taken with it.
    const offers = chooseOffers(
      { order_id: row.subject_id, value: Number(order.value ?? 0), currency: order.currency ?? '', products: JSON.parse(order.products) },
      rules,
      now,
      await acceptedProducts(ctx, row.write_key, row.subject_id, rules),
    );
    const offer = offers[0];
    if (!offer) throw new NothingToSend('no offer rule matches the order', true);
    const code = (values.code = await discountCodeFor(ctx, settings, step, row, now));
    target = productUrl(store, offer.product, code, now, step.discount);
    // A rule's product URL on another site (absolute, or //host) is not followed.
    if (!isUnder(target, store.url)) throw new NothingToSend(`the offer's product URL ${offer.product.url} is not under the store's URL ${store.url}`, false);
    values.product = offer.product.name;
    values.order = await orderText(ctx, row.write_key, row.subject_id);
    if (row.campaign === 'bounce_back') values.days = String(config.campaigns.bounce_back.codeValidDays ?? DEFAULT_CODE_VALID_DAYS);
  }

  const linkCode = await createShortLink(
    ctx.db,
    { writeKey: row.write_key, targetUrl: target, campaign: row.campaign, step: row.step, outboxId: row.id, anonymousId: row.anonymous_id, phone: row.channel === 'email' ? null : row.phone, cartId },
    now,
  );
  values.link = shortUrl(ctx.config.publicUrl, linkCode);
  return { step, settings, locale, values, linkCode };
}

/**
 * The step's code: with the store's Shopify admin token and a step `discount`, a single-use code made
 * for this message (asked for once: a retry of the message asks for the same code); else the step's
 * shared discountCode. Made only once the message has something to offer (a cart, an offer).
 */
async function discountCodeFor(ctx: FeatureContext, settings: StoreSettings, step: StepConfig, row: OutboxRow, now: Date): Promise<string> {
  const shopify = settings.shopify;
  if (!shopify?.adminAccessToken || !step.discount) return step.discountCode ?? '';
  const retry = !!row.discount_code;
  const code = row.discount_code ?? newDiscountCode();
  // Kept before Shopify is asked: if the answer is lost (a crash, a timeout), the next attempt asks for this same code.
  if (!retry) await ctx.db.run('UPDATE campaigns_outbox SET discount_code = $1 WHERE id = $2', [code, row.id]);
  await createShopifyDiscount(shopify, { code, discount: step.discount, title: `Homing ${row.campaign.replace('_', ' ')} message ${row.id}`, now, retry });
  return code;
}

/**
 * The no-name form of a template: a greeting that opens the text and holds {name} goes as a whole,
 * up to its comma ("{name}, you left…" → "You left…", "{name} عزیز، سبد…" → "سبد…", "Hi {name}, …").
 */
export function withoutGreeting(text: string): string {
  const rest = text.replace(/^[^,،{}]*\{name\}[^,،{}]*[,،]\s*/u, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
