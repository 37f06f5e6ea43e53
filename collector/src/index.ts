// The reference collector's public surface (Node only).
export { createCollector, MAX_BODY_BYTES, type CreateCollectorOptions, type CollectorHandle } from './server.js';
export { configFromArgs, defaultConfig, parseWriteKeys, configHelp } from './config.js';
export { ConfigError } from './config-error.js';
export { defaultFeatures } from './features.js';
export type { Sql, FeatureContext, StoredEvent, CollectorFeature, CollectorConfig, WriteKeyConfig } from './feature.js';
export { closeOnSignals } from './run.js';
export { retentionFeature } from './retention/feature.js';
export { customersInSegment, RFM_SEGMENTS, type RfmSegment, type SegmentCustomer } from './retention/segments.js';
export { generateOrderHistory, insertOrderHistory, type OrderHistory } from './retention/history.js';
