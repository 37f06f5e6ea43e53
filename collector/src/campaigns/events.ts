// What campaigns learn from stored events: the name a shopper typed into the phone prompt, browser locale, the language of the
// store page they used (./locale.ts), time zone and platform (for templates, quiet hours and links;
// never the store's URL, which only the configuration gives); and, on an order, stop the
// abandoned-cart messages for that shopper at once and credit the order to the last message clicked
// in the window.
import type { FeatureContext, StoredEvent } from '../feature.js';
import type { CampaignsConfig } from './config.js';
import { languageTag, pageLanguage } from './locale.js';
import { personName } from './person-name.js';

const DAY = 86_400_000;

interface ShopperFacts {
  writeKey: string;
  anonymousId: string;
  promptName?: string;
  locale?: string;
  pageLocale?: string;
  timezone?: string;
  platform?: string;
  at: string;
}

const text = (v: unknown, max = 200) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

function factsOf(events: StoredEvent[]): ShopperFacts[] {
  const byShopper = new Map<string, ShopperFacts>();
  for (const e of [...events].sort((a, b) => a.timestamp.localeCompare(b.timestamp))) {
    if (!e.anonymousId) continue;
    const key = `${e.writeKey}\n${e.anonymousId}`;
    const facts = byShopper.get(key) ?? { writeKey: e.writeKey, anonymousId: e.anonymousId, at: e.timestamp };
    const traits = e.traits ?? e.context?.traits ?? {};
    // Only the name the SDK's phone prompt sends (the shopper typed it into the store's own sheet):
    // any script can identify with a `first_name`, and that is never written into a text. The
    // prompt's event can be forged too (the write key is public), so the name must still look like
    // one (./person-name.ts) and is used only for this browser's own carts (./render.ts).
    if (traits.name_source === 'prompt') facts.promptName = personName(traits.first_name) ?? facts.promptName;
    facts.locale = languageTag(e.context?.locale) ?? facts.locale;
    facts.pageLocale = pageLanguage(e.context?.page) ?? facts.pageLocale;
    facts.timezone = text(e.context?.timezone, 64) ?? facts.timezone;
    facts.platform = text(e.context?.platform, 32) ?? facts.platform;
    facts.at = e.timestamp;
    byShopper.set(key, facts);
  }
  return [...byShopper.values()];
}

export async function recordShoppers(ctx: FeatureContext, events: StoredEvent[]): Promise<void> {
  for (const f of factsOf(events)) {
    if (!f.promptName && !f.locale && !f.pageLocale && !f.timezone && !f.platform) continue;
    await ctx.db.run(
      `INSERT INTO campaigns_shoppers (write_key, anonymous_id, prompt_name, locale, page_locale, timezone, platform, updated_at)
       VALUES ($1, $2, $3, $4, $8, $5, $6, $7)
       ON CONFLICT (write_key, anonymous_id) DO UPDATE SET
         prompt_name = COALESCE(excluded.prompt_name, campaigns_shoppers.prompt_name),
         locale = COALESCE(excluded.locale, campaigns_shoppers.locale),
         page_locale = COALESCE(excluded.page_locale, campaigns_shoppers.page_locale),
         timezone = COALESCE(excluded.timezone, campaigns_shoppers.timezone),
         platform = COALESCE(excluded.platform, campaigns_shoppers.platform),
         updated_at = excluded.updated_at`,
      [f.writeKey, f.anonymousId, f.promptName ?? null, f.locale ?? null, f.timezone ?? null, f.platform ?? null, f.at, f.pageLocale ?? null],
    );
  }
}

export async function handleOrders(ctx: FeatureContext, config: CampaignsConfig, events: StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (e.type !== 'track' || e.event !== 'Order Completed' || e.properties?.order_id === undefined) continue;
    const orderId = String(e.properties.order_id);
    const cartId = typeof e.properties.cart_id === 'string' ? e.properties.cart_id : null;
    const anonymousId = e.anonymousId ?? null;
    const [identity] = anonymousId
      ? await ctx.db.query<{ phone: string | null }>('SELECT phone FROM identities WHERE write_key = $1 AND anonymous_id = $2', [e.writeKey, anonymousId])
      : [];
    const phone = identity?.phone ?? null;

    // Stop rule: the shopper ordered, so no further abandoned-cart message (from any of their carts).
    await ctx.db.run(
      `UPDATE campaigns_outbox SET state = 'cancelled', error = 'ordered', finished_at = $1
       WHERE state = 'pending' AND campaign = 'abandoned_cart' AND write_key = $2
         AND (anonymous_id = $3 OR phone = $4 OR subject_id = $5) AND subject_at <= $6`,
      [ctx.now().toISOString(), e.writeKey, anonymousId, phone, cartId, e.timestamp],
    );

    // Attribution: the last message clicked by this shopper (browser, phone or cart) in the window.
    // Platforms give an order's time in whole seconds (WooCommerce's date_paid_gmt): a click in that
    // same second, before the order, still counts.
    const windowStart = new Date(new Date(e.timestamp).getTime() - config.attributionDays * DAY).toISOString();
    const windowEnd = new Date(Math.floor(new Date(e.timestamp).getTime() / 1000) * 1000 + 999).toISOString();
    const [click] = await ctx.db.query<{ outbox_id: number; campaign: string; step: number; clicked_at: string }>(
      `SELECT l.outbox_id, l.campaign, l.step, k.clicked_at FROM links_clicks k JOIN links_links l ON l.code = k.code
       WHERE l.write_key = $1 AND l.outbox_id IS NOT NULL AND k.clicked_at >= $2 AND k.clicked_at <= $3
         AND (l.anonymous_id = $4 OR l.phone = $5 OR l.cart_id = $6)
       ORDER BY k.clicked_at DESC LIMIT 1`,
      [e.writeKey, windowStart, windowEnd, anonymousId, phone, cartId],
    );
    if (!click) continue;
    await ctx.db.run(
      `INSERT INTO campaigns_attributions (write_key, order_id, outbox_id, campaign, step, value, currency, clicked_at, ordered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (write_key, order_id) DO NOTHING`,
      [
        e.writeKey,
        orderId,
        Number(click.outbox_id),
        click.campaign,
        Number(click.step),
        typeof e.properties.value === 'number' ? e.properties.value : null,
        typeof e.properties.currency === 'string' ? e.properties.currency : null,
        click.clicked_at,
        e.timestamp,
      ],
    );
  }
}
