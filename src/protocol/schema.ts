// The wire contract (../PROTOCOL.md sections 2-4) as JSON Schema, written with TypeBox so the
// SDK's TypeScript types and the collector's validator come from one definition.
// The browser bundle only ever imports *types* from here (see ./types.ts): zero bytes shipped.
// Extend with new optional fields and events; never make an existing valid event invalid.
import { Type, type TSchema } from '@sinclair/typebox';

const Money = Type.Number({ minimum: 0, maximum: 1e15 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. USD, IRR' });
/** Ids a store owner's data is keyed on (order_id, cart_id, product_id): they travel in links such as /s/{order}. */
export const MAX_ID_LENGTH = 200;
const Id = Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH });
const ShortText = Type.String({ maxLength: 2000 });

export const ProductSchema = Type.Object(
  {
    product_id: Type.Optional(Id),
    variant: Type.Optional(Type.String({ maxLength: 200, description: 'variant id as a string' })),
    sku: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(ShortText),
    price: Type.Optional(Money),
    quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    url: Type.Optional(ShortText),
    image_url: Type.Optional(ShortText),
  },
  { additionalProperties: true },
);

const Products = Type.Array(ProductSchema, { maxItems: 500 });

export const ContextSchema = Type.Object(
  {
    library: Type.Optional(Type.Object({ name: Type.String({ maxLength: 100 }), version: Type.String({ maxLength: 50 }) })),
    page: Type.Optional(
      Type.Object(
        {
          url: Type.Optional(ShortText),
          path: Type.Optional(ShortText),
          referrer: Type.Optional(ShortText),
          title: Type.Optional(ShortText),
        },
        { additionalProperties: true },
      ),
    ),
    userAgent: Type.Optional(Type.String({ maxLength: 1000 })),
    locale: Type.Optional(Type.String({ maxLength: 35 })),
    timezone: Type.Optional(Type.String({ maxLength: 64 })),
    platform: Type.Optional(Type.String({ maxLength: 32 })),
    consent: Type.Optional(
      Type.Object({ sms: Type.Optional(Type.Boolean()), analytics: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
    ),
  },
  { additionalProperties: true },
);

const Common = {
  messageId: Type.String({ minLength: 1, maxLength: 100 }),
  anonymousId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  userId: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  timestamp: Type.String({ format: 'date-time' }),
  context: Type.Optional(ContextSchema),
};

const Properties = Type.Record(Type.String(), Type.Unknown());

export const TrackEventSchema = Type.Object(
  { type: Type.Literal('track'), event: Type.String({ minLength: 1, maxLength: 200 }), properties: Type.Optional(Properties), ...Common },
  { additionalProperties: true },
);

export const IdentifyTraitsSchema = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 40, description: 'E.164, e.g. +989121234567' })),
    phone_consent: Type.Optional(Type.Boolean()),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    email_consent: Type.Optional(Type.Boolean({ description: 'the shopper agreed to marketing e-mail' })),
    birthday: Type.Optional(Type.String({ maxLength: 40, description: '"MM-DD" or "YYYY-MM-DD"; the collector keeps only these forms (others are ignored, the event is kept)' })),
  },
  { additionalProperties: true },
);

export const IdentifyEventSchema = Type.Object(
  { type: Type.Literal('identify'), traits: Type.Optional(IdentifyTraitsSchema), ...Common },
  { additionalProperties: true },
);

export const PageEventSchema = Type.Object(
  { type: Type.Literal('page'), name: Type.Optional(Type.String({ maxLength: 200 })), properties: Type.Optional(Properties), ...Common },
  { additionalProperties: true },
);

export const EventSchema = Type.Union([TrackEventSchema, IdentifyEventSchema, PageEventSchema]);

export const BatchSchema = Type.Object(
  {
    batch: Type.Array(Type.Unknown(), { minItems: 0, maxItems: 1000 }),
    sentAt: Type.Optional(Type.String({ format: 'date-time' })),
    writeKey: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

// Catalog (section 4): properties of the events the SDK emits. Fields are typed when present;
// only what a consumer cannot do without is required, so Segment/RudderStack senders of the same
// event names stay accepted.
const productEvent = Type.Object(
  { ...ProductSchema.properties, cart_id: Type.Optional(Id), currency: Type.Optional(Currency) },
  { additionalProperties: true },
);
const cartEvent = Type.Object(
  { cart_id: Type.Optional(Id), currency: Type.Optional(Currency), value: Type.Optional(Money), products: Type.Optional(Products) },
  { additionalProperties: true },
);
const promotion = Type.Object(
  { promotion_id: Id, order_id: Type.Optional(Id), name: Type.Optional(ShortText), position: Type.Optional(Type.Union([Type.String(), Type.Number()])) },
  { additionalProperties: true },
);
const upsell = Type.Object(
  { promotion_id: Id, order_id: Id, product: Type.Optional(ProductSchema), value: Type.Optional(Money), currency: Type.Optional(Currency) },
  { additionalProperties: true },
);

export const CatalogPropertiesSchemas: Record<string, TSchema> = {
  'Product Added': productEvent,
  'Product Removed': productEvent,
  'Cart Updated': cartEvent,
  'Cart Viewed': cartEvent,
  'Checkout Started': cartEvent,
  'Order Completed': Type.Object(
    { order_id: Id, cart_id: Type.Optional(Id), value: Type.Optional(Money), currency: Type.Optional(Currency), products: Type.Optional(Products) },
    { additionalProperties: true },
  ),
  'Promotion Viewed': promotion,
  'Promotion Clicked': promotion,
  'Upsell Accepted': upsell,
  'Upsell Declined': upsell,
  'Survey Submitted': Type.Object(
    { order_id: Id, rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 5000 })) },
    { additionalProperties: true },
  ),
  'Web Vitals': Type.Object(
    {
      name: Type.Union([Type.Literal('LCP'), Type.Literal('INP'), Type.Literal('CLS'), Type.Literal('FCP'), Type.Literal('TTFB')]),
      value: Type.Number({ minimum: 0 }),
      rating: Type.Optional(Type.String({ maxLength: 32 })),
      id: Type.Optional(Type.String({ maxLength: 100 })),
    },
    { additionalProperties: true },
  ),
};
