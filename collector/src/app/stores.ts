// The stores the owner picks from: one per write key of this collector, named as the campaigns
// settings name them (the write key otherwise).
import type { CollectorFeature, FeatureContext } from '../feature.js';
import type { CampaignsConfig } from '../campaigns/config.js';
import { storesOnHold } from '../campaigns/stores.js';

export interface StoreInfo {
  writeKey: string;
  name: string;
}

type WithEngine = { engine?(ctx: FeatureContext): { config: CampaignsConfig } };

/** The campaigns settings in effect (undefined without the campaigns feature). */
export function campaignsConfig(ctx: FeatureContext, features: CollectorFeature[]): CampaignsConfig | undefined {
  try {
    return (features.find((f) => f.name === 'campaigns') as (CollectorFeature & WithEngine) | undefined)?.engine?.(ctx).config;
  } catch {
    return undefined;
  }
}

/** Why a store's campaigns send nothing (no URL, no country...), for the stores given. */
export function campaignNotices(ctx: FeatureContext, features: CollectorFeature[], writeKeys: string[]): string[] {
  const config = campaignsConfig(ctx, features);
  return config ? storesOnHold(config, writeKeys, ctx.config.defaultCountry) : [];
}

export function listStores(ctx: FeatureContext, features: CollectorFeature[]): StoreInfo[] {
  // Names are a nicety: without campaigns settings the write keys are enough.
  const settings: Record<string, { name?: string }> = campaignsConfig(ctx, features)?.stores ?? {};
  return Object.keys(ctx.config.writeKeys)
    .sort()
    .map((writeKey) => {
      const name = Object.hasOwn(settings, writeKey) ? settings[writeKey]?.name : undefined;
      return { writeKey, name: typeof name === 'string' && name ? name : writeKey };
    });
}
