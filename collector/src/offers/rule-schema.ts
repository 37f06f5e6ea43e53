// The rule format as JSON Schema (TypeBox), checked by ajv for the admin API and the rules file,
// so a store owner gets one precise error per bad field instead of a silently ignored rule.
import { Type, type Static } from '@sinclair/typebox';
import AjvModule from 'ajv';
import type { OfferRule } from './types.js';

const Money = Type.Number({ minimum: 0, maximum: 1e15 });
const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' });
const Url = Type.String({ maxLength: 2000, pattern: '^https?://' });

export const OfferRuleSchema = Type.Object(
  {
    id: Id,
    /** The store the rule belongs to, or "*" for every store (see ./rules.ts). */
    write_key: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
    priority: Type.Optional(Type.Integer()),
    when: Type.Optional(
      Type.Object(
        {
          product_ids: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 })),
          collections: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    min_order_value: Type.Optional(Money),
    max_order_value: Type.Optional(Money),
    offer: Type.Array(
      Type.Object(
        {
          product_id: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }),
          name: Type.String({ minLength: 1, maxLength: 500 }),
          price: Money,
          image_url: Type.Optional(Url),
          url: Type.Optional(Url),
          variants: Type.Optional(
            Type.Array(
              Type.Object(
                { variant: Type.String({ minLength: 1, maxLength: 200 }), name: Type.String({ maxLength: 200 }), price: Type.Optional(Money) },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    discount: Type.Optional(
      Type.Object({ percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })), amount: Type.Optional(Money) }, { additionalProperties: false }),
    ),
    expires_in_minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60 * 24 * 30 })),
    max_quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    max_offers: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);

// The schema and the hand-written interface must agree (a compile error otherwise).
const agree: (rule: Static<typeof OfferRuleSchema>) => OfferRule = (rule) => rule;
void agree;

const Ajv = AjvModule as unknown as typeof AjvModule.default;
const validate = new Ajv({ allErrors: true }).compile(OfferRuleSchema);

/** Returns the rule, or the list of problems, each naming its field. */
export function checkRule(input: unknown): { ok: true; rule: OfferRule } | { ok: false; errors: string[] } {
  if (validate(input)) return { ok: true, rule: input as OfferRule };
  return { ok: false, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`) };
}
