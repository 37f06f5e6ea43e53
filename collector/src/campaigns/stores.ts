// A store's campaign settings, looked up by write key. The write key is public and arrives with
// every event, so only the configuration's own entries count (never `constructor` & co.).
import type { CampaignsConfig, StoreSettings } from './config.js';

export const DEFAULT_DAILY_SMS_BUDGET = 500;

export function storeSettings(config: Pick<CampaignsConfig, 'stores'>, writeKey: string): StoreSettings {
  return Object.hasOwn(config.stores, writeKey) ? config.stores[writeKey]! : {};
}

/** The countries whose numbers the store texts: `country` (else the collector's default) and `countries`. */
export function storeCountries(settings: StoreSettings, defaultCountry: string | undefined): string[] {
  const own = settings.country ?? defaultCountry;
  return [...new Set([...(own ? [own] : []), ...(settings.countries ?? [])].map((c) => c.toUpperCase()))];
}

/** Write keys of stores whose campaigns send nothing, each with what to set (for the log and the dashboard). */
export function storesOnHold(config: Pick<CampaignsConfig, 'stores'>, writeKeys: string[], defaultCountry: string | undefined): string[] {
  const keys = [...new Set([...writeKeys, ...Object.keys(config.stores)])].sort();
  const notices: string[] = [];
  for (const key of keys) {
    const settings = storeSettings(config, key);
    if (!settings.url) notices.push(`store ${key} has no URL: campaigns are held; set stores.${key}.url`);
    else if (!storeCountries(settings, defaultCountry).length) notices.push(`store ${key} has no country: every message is held; set stores.${key}.country or --default-country`);
  }
  return notices;
}

/** Write keys whose campaigns may be scheduled: those with a URL. */
export function storesWithUrl(config: Pick<CampaignsConfig, 'stores'>): string[] {
  return Object.keys(config.stores).filter((key) => !!storeSettings(config, key).url);
}
