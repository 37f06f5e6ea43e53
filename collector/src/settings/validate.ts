// Checks one scope's document with the same rules the configuration file is checked with
// (../campaigns/config.ts), plus what only a document sent on its own can get wrong (an unknown
// field, a missing one, a bad origin). Every problem is named, so a screen can show them all at once.
import { validOrigin } from '../origin.js';
import { campaignProblems, generalProblems, storeProblems, type CampaignConfig, type CampaignName } from '../campaigns/config.js';
import { createProvider } from '../sms/index.js';
import { CAMPAIGN_KEYS, GENERAL_KEYS, GENERAL_OPTIONAL_KEYS, STORE_KEYS, type GeneralSettings, type StoreDocument } from './documents.js';

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function fieldProblems(what: string, document: Record<string, unknown>, known: readonly string[], required: readonly string[]): string[] {
  const problems = Object.keys(document)
    .filter((key) => !known.includes(key))
    .map((key) => `${what}: unknown field "${key}" (${known.join(', ')})`);
  for (const key of required) if (document[key] === undefined) problems.push(`${what}: "${key}" is missing`);
  return problems;
}

export function generalDocumentProblems(document: unknown): string[] {
  if (!isObject(document)) return ['the general settings must be a JSON object'];
  const problems = fieldProblems('general', document, [...GENERAL_KEYS, ...GENERAL_OPTIONAL_KEYS], GENERAL_KEYS);
  if (problems.length) return problems;
  problems.push(...generalProblems(document as unknown as GeneralSettings));
  const provider = document.provider;
  if (!isObject(provider) || typeof provider.provider !== 'string') problems.push('provider must be {"provider": "outbox" | "webhook" | "twilio" | "kavenegar", ...its settings}');
  else {
    try {
      createProvider(provider as never);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}

export function campaignDocumentProblems(name: CampaignName, document: unknown): string[] {
  if (!isObject(document)) return [`${name}: the campaign must be a JSON object`];
  const problems = fieldProblems(name, document, CAMPAIGN_KEYS, ['enabled', 'steps']);
  return [...problems, ...campaignProblems(name, document as unknown as CampaignConfig)];
}


export function storeDocumentProblems(writeKey: string, document: unknown): string[] {
  if (!isObject(document)) return [`stores.${writeKey} must be a JSON object`];
  const problems = fieldProblems(`stores.${writeKey}`, document, STORE_KEYS, ['allowedOrigins']);
  const origins = document.allowedOrigins;
  if (origins !== undefined && (!Array.isArray(origins) || !origins.every(validOrigin))) {
    problems.push(`stores.${writeKey}.allowedOrigins must be a list of origins like "https://shop.example" (scheme and host, no path), or "*" for any`);
  }
  for (const [field, secret] of [['woocommerce', 'webhookSecret'], ['shopify', 'webhookSecret']] as const) {
    const part = document[field];
    if (part !== undefined && !isObject(part)) problems.push(`stores.${writeKey}.${field} must be an object`);
    else if (part && part[secret] !== undefined && typeof part[secret] !== 'string') problems.push(`stores.${writeKey}.${field}.${secret} must be text`);
  }
  if (document.restoreSecret !== undefined && typeof document.restoreSecret !== 'string') problems.push(`stores.${writeKey}.restoreSecret must be text`);
  return [...problems, ...storeProblems(writeKey, document as unknown as StoreDocument)];
}

/** Origins as the flags write them: no trailing slash. */
export function normalizedStore(document: Record<string, unknown>): StoreDocument {
  const origins = Array.isArray(document.allowedOrigins) ? document.allowedOrigins : [];
  return { ...document, allowedOrigins: origins.map((o) => String(o).replace(/\/+$/, '')) } as StoreDocument;
}
