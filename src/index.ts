// npm entry: re-exports only.
export { createHoming } from './core/create.js';
export { capturePlugin, type CaptureOptions } from './capture/plugin.js';
export { thankYouPlugin, type ThankYouOptions } from './thank-you/plugin.js';
export type { ThankYouOrder, InlineOffer } from './thank-you/order.js';
export type { HomingDeps } from './core/deps.js';
export type { Homing, HomingOptions, HomingPlugin, PluginHost, QueueStats, TrackOptions, ConsentState, Platform, Properties } from './core/types.js';
export type { KeyValueStore, StorageKind } from './queue/storage.js';
export { indexedDbStore, localStorageStore, memoryStore } from './queue/storage.js';
export type { HomingEvent, Product, IdentifyTraits, BatchResponse, CatalogEventName } from './protocol/types.js';
