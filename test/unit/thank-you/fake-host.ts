// A PluginHost that records what a feature does, with the real lazy chunks behind `load`.
import type { PluginHost, TrackOptions } from '../../../src/core/types.js';

const chunks: Record<string, () => Promise<unknown>> = {
  'thank-you': () => import('../../../src/thank-you/thank-you.lazy.js'),
  upsell: () => import('../../../src/widgets/upsell/upsell.lazy.js'),
  survey: () => import('../../../src/widgets/survey/survey.lazy.js'),
};

export interface Tracked {
  event: string;
  properties: Record<string, any>;
  options?: TrackOptions;
}

export function fakeHost(options: Partial<PluginHost['options']> = {}) {
  const tracked: Tracked[] = [];
  const loaded: string[] = [];
  const warnings: string[] = [];
  const state = new Map<string, unknown>();
  const host: PluginHost = {
    options: { writeKey: 'wk_test', collector: '', platform: 'generic', ...options },
    track: async (event, properties = {}, opts) => void tracked.push({ event, properties, options: opts }),
    identify: async () => {},
    page: async () => {},
    get: async <T>(key: string) => state.get(key) as T | undefined,
    set: async (key, value) => void state.set(key, value),
    load: async <T>(name: string) => (loaded.push(name), (await chunks[name]()) as T),
    warn: (message) => void warnings.push(message),
  };
  return { host, tracked, loaded, warnings, state };
}
