// Per-event validation against the protocol's TypeBox schemas (src/protocol/schema.ts), compiled
// once with Ajv. The envelope is checked against the schema of its own type (a union would give
// three unrelated errors), then a catalog event's properties against the catalog's schema, so
// each rejected event gets one error naming the offending field.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { CatalogPropertiesSchemas, IdentifyEventSchema, PageEventSchema, TrackEventSchema } from 'homing/protocol';

// ajv-formats is CommonJS with a default export; NodeNext sees the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv, formats: string[]) => Ajv;

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv, ['date-time']);

const compile = (schema: TSchema) => ajv.compile(schema);
// A Map, not an object: `type` is browser text, and "valueOf" or "constructor" is in every object.
const envelopes = new Map<unknown, ValidateFunction>([
  ['track', compile(TrackEventSchema)],
  ['identify', compile(IdentifyEventSchema)],
  ['page', compile(PageEventSchema)],
]);
const catalog = new Map(Object.entries(CatalogPropertiesSchemas).map(([name, schema]) => [name, compile(schema)]));

/** `/properties/products/0/price` → `properties.products[0].price` */
function fieldPath(pointer: string, prefix = ''): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = prefix;
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  return path;
}

function describe(error: ErrorObject, prefix = ''): string {
  const at = fieldPath(error.instancePath, prefix);
  const join = (field: string) => (at ? `${at}.${field}` : field);
  switch (error.keyword) {
    case 'required':
      return `${join(String(error.params.missingProperty))} is required`;
    case 'format':
      return `${at} must be an ISO 8601 ${error.params.format} (e.g. 2026-11-23T10:00:00.000Z)`;
    case 'const':
      return `${at} must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'anyOf':
      return `${at} has an unexpected value`;
    default:
      return `${at || 'event'} ${error.message ?? 'is invalid'}`;
  }
}

/** null when valid, else one message naming the field. */
export function validateEvent(event: Record<string, unknown>): string | null {
  const type = event.type;
  const envelope = envelopes.get(type);
  if (!envelope) return 'type must be "track", "identify" or "page"';
  if (!envelope(event)) return describe(envelope.errors![0]);
  // RFC 3339 allows a leap second (23:59:60 UTC); a JavaScript date cannot hold one.
  if (Number.isNaN(Date.parse(event.timestamp as string))) {
    return /:60(?:[.,]\d+)?(?:[zZ]|[+-]\d\d:\d\d)$/.test(event.timestamp as string)
      ? 'timestamp is a leap second (:60), which cannot be stored; send :59.999 instead'
      : 'timestamp must be an ISO 8601 date-time (e.g. 2026-11-23T10:00:00.000Z)';
  }
  if (type === 'track') {
    const properties = catalog.get(event.event as string);
    if (properties && !properties(event.properties ?? {})) return describe(properties.errors![0], 'properties');
  }
  return null;
}
