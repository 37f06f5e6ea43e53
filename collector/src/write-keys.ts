// The one way to look up a write key. Keys come from a browser and are public, so a name that
// exists on every JavaScript object (`constructor`, `__proto__`, `toString`) must be an unknown
// key, never an inherited property: only the configuration's own entries count, and those names
// never do (even as own entries of a configuration built from JSON by an embedding program).
import type { CollectorConfig, WriteKeyConfig } from './feature.js';

export function writeKeyConfig(config: Pick<CollectorConfig, 'writeKeys'>, key: unknown): WriteKeyConfig | undefined {
  if (typeof key !== 'string' || !key || key in Object.prototype) return undefined;
  return Object.hasOwn(config.writeKeys, key) ? config.writeKeys[key] : undefined;
}
