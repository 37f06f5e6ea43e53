// `homing/protocol`: the wire contract (PROTOCOL.md) as JSON Schemas and the types derived from
// them. The collector validates with these schemas, so the SDK and the collector cannot drift.
export * from './schema.js';
export * from './ids.js';
export type * from './types.js';
