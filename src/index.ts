// npm entry: re-exports only.
export type { HomingEvent, Product, IdentifyTraits, BatchResponse, CatalogEventName } from './protocol/types.js';
