// Campaign configuration: a JSON file named by HOMING_CAMPAIGNS_FILE (or the JSON itself in
// HOMING_CAMPAIGNS). Anything left out takes the defaults below, which are the three campaigns with
// English, Persian, Hebrew and Arabic texts, sent through the outbox provider (nothing leaves the
// collector). Every text reads right without a name: an opening greeting holding {name} is left out
// whole when there is no trusted name (render.ts withoutGreeting), so it ends at its comma.
import { readFileSync } from 'node:fs';
import type { CollectorConfig } from '../feature.js';
import { ConfigError } from '../config-error.js';
import type { ProviderSettings } from '../sms/index.js';
import type { FrequencyCap } from './frequency-cap.js';
import type { LinkDiscount } from '../links/restore-url.js';
import { minutesOf, type QuietHours } from './quiet-hours.js';
import { WEEKDAYS, type Weekday } from './send-days.js';
import { languageTag } from './locale.js';
import { placeholdersOf, type LocalizedText } from './template.js';

export type CampaignName = 'abandoned_cart' | 'survey' | 'cross_sell';
export const CAMPAIGNS: CampaignName[] = ['abandoned_cart', 'survey', 'cross_sell'];

export interface StepConfig {
  /** Abandoned cart: after the cart went idle (step 0) or after the previous step was sent. Survey and cross-sell: after the order. "30m", "23h", "9d". */
  after: string;
  discountCode?: string;
  /** WooCommerce plugin: instead of a shared code, each link gets its own single-use coupon for this discount. */
  discount?: LinkDiscount;
  template: LocalizedText;
}

export interface CampaignConfig {
  enabled: boolean;
  steps: StepConfig[];
  /** Days of the week (shopper's zone) the campaign sends on; default every day. A message due on another day waits for the next allowed one. */
  sendDays?: Weekday[];
  /** Local time window (shopper's zone) the campaign sends in, e.g. {"start": "10:00", "end": "18:00"}; default: any time outside quietHours. */
  sendWindow?: QuietHours | null;
}

export interface StoreSettings {
  /**
   * The store's own URL; every link in a message leads under it. Required: a store without it
   * sends nothing (a page URL an event carried is never used: anyone can send events).
   */
  url?: string;
  /** shopify | woocommerce | generic. Default: the events' context.platform. */
  platform?: string;
  name?: string;
  /** The store's language ("fa", "he-IL"): texts are in it when neither the page, the checkout nor the browser names one the template has. Default: defaultLocale. */
  locale?: string;
  /** Phone numbers (E.164) this store never messages. More can be added with POST /v1/campaigns/blacklist. */
  blacklist?: string[];
  /** Secret of the WooCommerce plugin's signed restore links. */
  restoreSecret?: string;
  /** ISO 3166 alpha-2 country whose numbers the store texts. Default: the collector's --default-country. */
  country?: string;
  /** More countries the store texts, besides `country`. */
  countries?: string[];
  /** Messages the store sends per day (in defaultTimezone); more are held with reason "budget". Default 500. */
  dailySmsBudget?: number;
  /** The secret of the store's WooCommerce webhooks (POST /v1/webhooks/woocommerce/{writeKey}). */
  woocommerce?: { webhookSecret: string };
  /**
   * The signing secret of the Shopify app's webhooks (POST /v1/webhooks/shopify/{writeKey}); shopDomain: `shop.myshopify.com`.
   * adminAccessToken: the custom app's Admin API token (scope write_discounts); with it, a step with a
   * `discount` gets a single-use code made in the store's admin for each message. adminApiUrl: for
   * Shopify-compatible servers; default `https://{shopDomain}/admin/api/2025-01/graphql.json`.
   */
  shopify?: { webhookSecret?: string; shopDomain?: string; adminAccessToken?: string; adminApiUrl?: string };
}

export interface CampaignsConfig {
  provider: ProviderSettings;
  /** Local time window (shopper's zone) with no sending; null disables. */
  quietHours: QuietHours | null;
  /** Zone used when no event of the shopper carried context.timezone. */
  defaultTimezone: string;
  frequencyCap: FrequencyCap | null;
  /** Messages made for one phone per day (in defaultTimezone), all stores and campaigns; more are held with reason "phone_cap". */
  phoneDailyCap: number;
  defaultLocale: string;
  /** A recovered order is credited to the last message clicked within this many days. */
  attributionDays: number;
  /** Carts and orders older than this are never messaged (a campaign turned on does not reach back years). */
  maxAgeDays: number;
  /** A message claimed but not confirmed within this time is treated as interrupted by a crash. */
  leaseSeconds: number;
  maxAttempts: number;
  /** Abandoned cart: how long a cart stays idle before it counts as abandoned (default: the collector's --abandoned-after). */
  idleMinutes: number;
  stores: Record<string, StoreSettings>;
  campaigns: Record<CampaignName, CampaignConfig>;
}

export const PLACEHOLDERS: Record<CampaignName, string[]> = {
  abandoned_cart: ['name', 'link', 'code', 'store'],
  survey: ['name', 'link', 'store', 'order'],
  cross_sell: ['name', 'link', 'code', 'store', 'product', 'order'],
};

export function defaultCampaigns(idleMinutes: number): CampaignsConfig {
  return {
    provider: { provider: 'outbox' },
    quietHours: { start: '21:00', end: '09:00' },
    defaultTimezone: 'UTC',
    frequencyCap: { max: 2, hours: 24 },
    phoneDailyCap: 3,
    defaultLocale: 'en',
    attributionDays: 5,
    maxAgeDays: 30,
    leaseSeconds: 120,
    maxAttempts: 5,
    idleMinutes,
    stores: {},
    campaigns: {
      abandoned_cart: {
        enabled: true,
        steps: [
          {
            after: '1d',
            discountCode: 'off5',
            template: {
              en: '{name}, you left something in your cart. Finish your order with code {code}: {link}',
              fa: '{name} عزیز، سبد خریدتان منتظر شماست. با کد {code} خریدتان را تمام کنید: {link}',
              he: '{name}, המוצרים שבחרת עדיין מחכים בעגלה. אפשר להשלים את ההזמנה עם הקוד {code}: {link}',
              ar: '{name}، ما زالت منتجاتك في سلة التسوق. أكمل طلبك بالرمز {code}: {link}',
            },
          },
          {
            after: '9d',
            discountCode: 'off10',
            template: {
              en: 'The price of your cart will rise soon; buy it now with 10% off: {link}',
              fa: 'قیمت سبد خرید شما به زودی بالا می‌رود؛ همین حالا با ۱۰٪ تخفیف بخرید: {link}',
              he: 'המחיר של העגלה שלך יעלה בקרוב; אפשר לקנות עכשיו ב-10% הנחה: {link}',
              ar: 'سيرتفع سعر سلتك قريبًا؛ اشترِ الآن بخصم 10%: {link}',
            },
          },
        ],
      },
      survey: {
        enabled: true,
        steps: [
          {
            after: '3d',
            template: {
              en: '{name}, how was your order {order}? Rate it in one tap: {link}',
              fa: '{name} عزیز، از سفارش {order} راضی بودید؟ امتیاز دهید: {link}',
              he: '{name}, איך הייתה ההזמנה {order}? אפשר לדרג בנגיעה אחת: {link}',
              ar: '{name}، كيف كان طلبك {order}؟ قيّمه بنقرة واحدة: {link}',
            },
          },
        ],
      },
      cross_sell: {
        enabled: true,
        steps: [
          {
            after: '7d',
            discountCode: 'more10',
            template: {
              en: '{name}, {product} goes well with your last order. 10% off with {code}: {link}',
              fa: '{name} عزیز، {product} مکمل خرید قبلی شماست. ۱۰٪ تخفیف با کد {code}: {link}',
              he: '{name}, {product} משתלב יפה עם ההזמנה האחרונה שלך. 10% הנחה עם הקוד {code}: {link}',
              ar: '{name}، {product} يناسب طلبك الأخير. خصم 10% بالرمز {code}: {link}',
            },
          },
        ],
      },
    },
  };
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(String(text).trim());
  if (!m) throw new Error(`"${text}" is not a duration like "30m", "23h" or "9d"`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Merges the store's settings over the defaults and checks them; every problem is named. */
export function parseCampaigns(input: unknown, idleMinutes: number): CampaignsConfig {
  const defaults = defaultCampaigns(idleMinutes);
  if (input === undefined || input === null) return defaults;
  if (typeof input !== 'object' || Array.isArray(input)) throw new ConfigError('campaigns: configuration must be a JSON object');
  const given = input as Partial<CampaignsConfig> & { campaigns?: Partial<Record<string, Partial<CampaignConfig>>> };
  const config: CampaignsConfig = { ...defaults, ...given, campaigns: { ...defaults.campaigns } };
  for (const [name, campaign] of Object.entries(given.campaigns ?? {})) {
    if (!CAMPAIGNS.includes(name as CampaignName)) throw new ConfigError(`campaigns: unknown campaign "${name}" (${CAMPAIGNS.join(', ')})`);
    config.campaigns[name as CampaignName] = { ...defaults.campaigns[name as CampaignName], ...campaign };
  }
  const problems = [...generalProblems(config), ...CAMPAIGNS.flatMap((name) => campaignProblems(name, config.campaigns[name]))];
  if (typeof config.stores !== 'object' || config.stores === null || Array.isArray(config.stores)) problems.push('stores must be an object of write key → settings');
  else for (const [key, store] of Object.entries(config.stores)) problems.push(...storeProblems(key, store));
  if (problems.length) throw new ConfigError(`campaigns configuration: ${problems.join('; ')}`);
  return config;
}

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The campaigns' general settings (everything but stores and campaigns); every problem is named. */
export function generalProblems(config: Omit<CampaignsConfig, 'stores' | 'campaigns'>): string[] {
  const problems: string[] = [];
  if (config.quietHours !== null) {
    try {
      minutesOf(String(config.quietHours?.start));
      minutesOf(String(config.quietHours?.end));
    } catch (error) {
      problems.push(`quietHours must be null or {"start": "HH:MM", "end": "HH:MM"}: ${(error as Error).message}`);
    }
  }
  if (!Number.isInteger(config.phoneDailyCap) || config.phoneDailyCap < 1) problems.push(`phoneDailyCap must be a whole number of at least 1, got ${JSON.stringify(config.phoneDailyCap)}`);
  for (const name of ['attributionDays', 'maxAgeDays', 'leaseSeconds', 'maxAttempts', 'idleMinutes'] as const) {
    if (!positive(config[name])) problems.push(`${name} must be a number above 0, got ${JSON.stringify(config[name])}`);
  }
  const cap = config.frequencyCap;
  if (cap !== null && (!cap || typeof cap !== 'object' || !Number.isInteger(cap.max) || cap.max < 1 || !positive(cap.hours))) {
    problems.push(`frequencyCap must be null or {"max": a whole number of messages, "hours": a number of hours}, got ${JSON.stringify(cap)}`);
  }
  if (typeof config.defaultTimezone !== 'string' || !validTimeZone(config.defaultTimezone)) problems.push(`defaultTimezone must be a time zone like "UTC" or "Asia/Tehran", got ${JSON.stringify(config.defaultTimezone)}`);
  if (typeof config.defaultLocale !== 'string' || !languageTag(config.defaultLocale)) problems.push(`defaultLocale must be a language tag like "en" or "fa", got ${JSON.stringify(config.defaultLocale)}`);
  return problems;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One campaign's settings; every problem is named. */
export function campaignProblems(name: CampaignName, campaign: CampaignConfig): string[] {
  const problems: string[] = [];
  if (typeof campaign.enabled !== 'boolean') problems.push(`${name}: enabled must be true or false`);
  if (campaign.sendDays !== undefined && (!Array.isArray(campaign.sendDays) || !campaign.sendDays.length || !campaign.sendDays.every((d) => WEEKDAYS.includes(d)))) {
    problems.push(`${name}: sendDays must be a non-empty list of ${WEEKDAYS.map((d) => `"${d}"`).join(', ')}`);
  }
  if (campaign.sendWindow !== undefined && campaign.sendWindow !== null) {
    try {
      minutesOf(String(campaign.sendWindow?.start));
      minutesOf(String(campaign.sendWindow?.end));
    } catch (error) {
      problems.push(`${name}: sendWindow must be null or {"start": "HH:MM", "end": "HH:MM"}: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(campaign.steps) || !campaign.steps.every((step) => step && typeof step === 'object')) {
    problems.push(`${name}: steps must be a list of objects like {"after": "1d", "template": {"en": "... {link}"}}`);
    return problems;
  }
  if (name !== 'abandoned_cart' && campaign.steps.length > 1) problems.push(`${name}: only one step is supported`);
  campaign.steps.forEach((step, i) => {
    try {
      durationMs(step.after);
    } catch (error) {
      problems.push(`${name} step ${i + 1}: ${(error as Error).message}`);
    }
    if (step.discountCode !== undefined && typeof step.discountCode !== 'string') problems.push(`${name} step ${i + 1}: discountCode must be text`);
    const d = step.discount;
    if (d !== undefined && (!d || !['percent', 'fixed_cart'].includes(d.type) || !(d.amount > 0) || (d.type === 'percent' && d.amount > 100))) {
      problems.push(`${name} step ${i + 1}: discount must be {"type": "percent" (1-100) or "fixed_cart", "amount": a positive number}`);
    }
    const template = step.template;
    const texts = template && typeof template === 'object' && !Array.isArray(template) ? Object.entries(template) : [];
    if (!texts.length) problems.push(`${name} step ${i + 1}: template needs at least one locale`);
    for (const [locale, text] of texts) {
      if (typeof text !== 'string') {
        problems.push(`${name} step ${i + 1} (${locale}): the text must be a string`);
        continue;
      }
      const unknown = placeholdersOf(text).filter((p) => !PLACEHOLDERS[name].includes(p));
      if (unknown.length) problems.push(`${name} step ${i + 1} (${locale}): unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; allowed: ${PLACEHOLDERS[name].map((p) => `{${p}}`).join(' ')}`);
      if (!placeholdersOf(text).includes('link')) problems.push(`${name} step ${i + 1} (${locale}): the text has no {link}`);
    }
  });
  return problems;
}

const COUNTRY = /^[A-Z]{2}$/;

/** One store's settings (stores.<key>); every problem is named. */
export function storeProblems(key: string, store: StoreSettings): string[] {
  const problems: string[] = [];
  if (!store || typeof store !== 'object' || Array.isArray(store)) return [`stores.${key} must be an object of settings`];
  if (store.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(store.url);
    } catch {
      // reported below
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
      problems.push(`stores.${key}.url must be the store's http(s) URL, e.g. "https://shop.example", got ${JSON.stringify(store.url)}`);
    }
  }
  for (const country of [...(store.country === undefined ? [] : [store.country]), ...(Array.isArray(store.countries) ? store.countries : [])]) {
    if (typeof country !== 'string' || !COUNTRY.test(country.toUpperCase())) problems.push(`stores.${key}: "${country}" is not a country code like "IR" or "AE"`);
  }
  if (store.locale !== undefined && !languageTag(store.locale)) problems.push(`stores.${key}.locale must be a language tag like "fa" or "he-IL", got ${JSON.stringify(store.locale)}`);
  if (store.countries !== undefined && !Array.isArray(store.countries)) problems.push(`stores.${key}.countries must be a list like ["IR", "AE"]`);
  problems.push(...shopifyAdminProblems(key, store));
  if (store.dailySmsBudget !== undefined && (!Number.isInteger(store.dailySmsBudget) || store.dailySmsBudget < 0)) {
    problems.push(`stores.${key}.dailySmsBudget must be a whole number of messages per day, got ${JSON.stringify(store.dailySmsBudget)}`);
  }
  for (const field of ['name', 'platform'] as const) if (store[field] !== undefined && typeof store[field] !== 'string') problems.push(`stores.${key}.${field} must be text`);
  if (store.blacklist !== undefined && (!Array.isArray(store.blacklist) || !store.blacklist.every((p) => typeof p === 'string'))) problems.push(`stores.${key}.blacklist must be a list of phone numbers`);
  return problems;
}

const SHOP_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The admin token goes only to the shop's own Admin API, over https (plain http only to this machine). */
function shopifyAdminProblems(key: string, store: StoreSettings): string[] {
  const shopify = store.shopify;
  if (!shopify || (shopify.adminAccessToken === undefined && shopify.adminApiUrl === undefined)) return [];
  const problems: string[] = [];
  if (typeof shopify.adminAccessToken !== 'string' || !shopify.adminAccessToken) problems.push(`stores.${key}.shopify.adminAccessToken must be the custom app's Admin API access token`);
  if (shopify.adminApiUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(String(shopify.adminApiUrl));
    } catch {
      // reported below
    }
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) || url.username || url.password) {
      problems.push(`stores.${key}.shopify.adminApiUrl must be an https URL (http only on this machine), got ${JSON.stringify(shopify.adminApiUrl)}`);
    }
  } else if (typeof shopify.shopDomain !== 'string' || !SHOP_DOMAIN.test(shopify.shopDomain)) {
    problems.push(`stores.${key}.shopify.shopDomain must be the shop's domain like "shop.myshopify.com" to create discount codes, got ${JSON.stringify(shopify.shopDomain)}`);
  }
  return problems;
}

export function campaignsFromEnv(config: CollectorConfig): CampaignsConfig {
  return parseCampaigns(campaignsInput(config), config.abandonedAfterMinutes);
}

/** The JSON of HOMING_CAMPAIGNS_FILE (or HOMING_CAMPAIGNS), undefined when neither is set; not yet checked. */
export function campaignsInput(config: Pick<CollectorConfig, 'env'>): unknown {
  const { HOMING_CAMPAIGNS_FILE: file, HOMING_CAMPAIGNS: inline } = config.env;
  let text = inline;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`campaigns: HOMING_CAMPAIGNS_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch (error) {
    throw new ConfigError(`campaigns: ${file ?? 'HOMING_CAMPAIGNS'} is not valid JSON: ${(error as Error).message}`);
  }
  return parsed;
}
