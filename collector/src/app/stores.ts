// The stores the owner picks from: one per write key of this collector, named as the campaigns
// settings name them (the write key otherwise).
import type { CollectorFeature, FeatureContext } from '../feature.js';

export interface StoreInfo {
  writeKey: string;
  name: string;
}

type WithStores = { engine?(ctx: FeatureContext): { config: { stores: Record<string, { name?: string }> } } };

export function listStores(ctx: FeatureContext, features: CollectorFeature[]): StoreInfo[] {
  let settings: Record<string, { name?: string }> = {};
  try {
    settings = (features.find((f) => f.name === 'campaigns') as (CollectorFeature & WithStores) | undefined)?.engine?.(ctx).config.stores ?? {};
  } catch {
    // Names are a nicety: the write keys are enough.
  }
  return Object.keys(ctx.config.writeKeys)
    .sort()
    .map((writeKey) => {
      const name = Object.hasOwn(settings, writeKey) ? settings[writeKey]?.name : undefined;
      return { writeKey, name: typeof name === 'string' && name ? name : writeKey };
    });
}
