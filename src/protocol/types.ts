// Wire types derived from ./schema.ts. Import these with `import type` from browser code: they
// cost nothing at runtime.
import type { Static } from '@sinclair/typebox';
import type {
  BatchSchema,
  ContextSchema,
  EventSchema,
  IdentifyEventSchema,
  IdentifyTraitsSchema,
  PageEventSchema,
  ProductSchema,
  TrackEventSchema,
} from './schema.js';

export type Product = Static<typeof ProductSchema>;
export type EventContext = Static<typeof ContextSchema>;
export type TrackEvent = Static<typeof TrackEventSchema>;
export type IdentifyEvent = Static<typeof IdentifyEventSchema>;
export type IdentifyTraits = Static<typeof IdentifyTraitsSchema>;
export type PageEvent = Static<typeof PageEventSchema>;
export type HomingEvent = Static<typeof EventSchema>;
export type Batch = Omit<Static<typeof BatchSchema>, 'batch'> & { batch: HomingEvent[] };

/** The collector's answer to a 200 on POST /v1/batch (PROTOCOL.md section 2). */
export interface BatchResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; messageId?: string; error: string }[];
}

/** Event names of the catalog (PROTOCOL.md section 4). Custom names are allowed too. */
export type CatalogEventName =
  | 'Product Added'
  | 'Product Removed'
  | 'Cart Updated'
  | 'Cart Viewed'
  | 'Checkout Started'
  | 'Order Completed'
  | 'Promotion Viewed'
  | 'Promotion Clicked'
  | 'Upsell Accepted'
  | 'Upsell Declined'
  | 'Survey Submitted'
  | 'Web Vitals';

/** Limits every sender and collector agree on (PROTOCOL.md section 2). */
export const MAX_BATCH_BODY_BYTES = 60 * 1024;
