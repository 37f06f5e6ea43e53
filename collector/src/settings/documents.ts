// The campaigns configuration and the write keys, cut into the documents the settings store keeps
// (one per scope) and put back together. A store's document is its StoreSettings plus the browser
// origins allowed to use its write key: every store scope is a write key this collector accepts.
import type { WriteKeyConfig } from '../feature.js';
import { CAMPAIGNS, type CampaignConfig, type CampaignName, type CampaignsConfig, type StoreSettings } from '../campaigns/config.js';

export type GeneralSettings = Omit<CampaignsConfig, 'stores' | 'campaigns'>;
export type StoreDocument = StoreSettings & { allowedOrigins: string[] };
export type Document = Record<string, unknown>;

export const GENERAL_KEYS = [
  'provider',
  'quietHours',
  'defaultTimezone',
  'frequencyCap',
  'phoneDailyCap',
  'defaultLocale',
  'attributionDays',
  'maxAgeDays',
  'leaseSeconds',
  'maxAttempts',
  'idleMinutes',
] as const satisfies readonly (keyof GeneralSettings)[];
export const CAMPAIGN_KEYS = ['enabled', 'steps', 'sendDays', 'sendWindow'] as const satisfies readonly (keyof CampaignConfig)[];
export const STORE_KEYS = [
  'url',
  'platform',
  'name',
  'locale',
  'blacklist',
  'restoreSecret',
  'country',
  'countries',
  'dailySmsBudget',
  'woocommerce',
  'shopify',
  'allowedOrigins',
] as const satisfies readonly (keyof StoreDocument)[];

export const GENERAL = 'general';
export const campaignScope = (name: CampaignName) => `campaign:${name}`;
export const storeScope = (writeKey: string) => `store:${writeKey}`;

/** The write key of a `store:` scope, or undefined. */
export function writeKeyOf(scope: string): string | undefined {
  return scope.startsWith('store:') ? scope.slice('store:'.length) : undefined;
}

/** A name every JavaScript object has can never be a write key (see ../write-keys.ts). */
export const usableWriteKey = (key: string) => !!key && !(key in Object.prototype);

export function generalOf(config: CampaignsConfig): GeneralSettings {
  return Object.fromEntries(GENERAL_KEYS.map((key) => [key, config[key]])) as unknown as GeneralSettings;
}

/** Every scope's document from a whole configuration and the write keys. */
export function documentsOf(config: CampaignsConfig, writeKeys: Record<string, WriteKeyConfig>): Map<string, Document> {
  const documents = new Map<string, Document>();
  documents.set(GENERAL, generalOf(config) as unknown as Document);
  for (const name of CAMPAIGNS) documents.set(campaignScope(name), config.campaigns[name] as unknown as Document);
  for (const key of new Set([...Object.keys(writeKeys), ...Object.keys(config.stores)])) {
    if (!usableWriteKey(key)) continue;
    const store = Object.hasOwn(config.stores, key) ? config.stores[key]! : {};
    const allowedOrigins = Object.hasOwn(writeKeys, key) ? writeKeys[key]!.allowedOrigins : [];
    documents.set(storeScope(key), { ...store, allowedOrigins });
  }
  return documents;
}

/** The configuration and the write keys back from the scopes' documents; a missing scope takes `fallback`'s. */
export function configOf(documents: Map<string, Document>, fallback: CampaignsConfig): { config: CampaignsConfig; writeKeys: Map<string, WriteKeyConfig> } {
  const general = (documents.get(GENERAL) ?? generalOf(fallback)) as unknown as GeneralSettings;
  const campaigns = Object.fromEntries(CAMPAIGNS.map((name) => [name, (documents.get(campaignScope(name)) ?? fallback.campaigns[name]) as unknown as CampaignConfig])) as Record<CampaignName, CampaignConfig>;
  const stores: Record<string, StoreSettings> = {};
  const writeKeys = new Map<string, WriteKeyConfig>();
  for (const [scope, document] of documents) {
    const key = writeKeyOf(scope);
    if (key === undefined || !usableWriteKey(key)) continue;
    const { allowedOrigins, ...settings } = document as unknown as StoreDocument;
    stores[key] = settings;
    writeKeys.set(key, { allowedOrigins: Array.isArray(allowedOrigins) ? allowedOrigins : [] });
  }
  return { config: { ...general, stores, campaigns }, writeKeys };
}

/** JSON with object keys sorted, so equal documents give equal text (hashes, comparisons). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, inner]) => `${JSON.stringify(k)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
