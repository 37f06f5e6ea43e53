// What a store configures (a rule) and what a shopper is shown (an offer). Rules come from the
// `offers_rules` table (admin API) and/or a JSON file (HOMING_OFFERS_RULES_FILE); see ./rules.ts.

/** A product a rule offers, with the choices the shopper may make (variant, quantity). */
export interface OfferedProduct {
  product_id: string;
  name: string;
  /** Regular unit price in major units, in the rule's currency. */
  price: number;
  image_url?: string;
  url?: string;
  /** Variant choices; each may have its own regular price. Absent: the product has no variants. */
  variants?: { variant: string; name: string; price?: number }[];
}

export interface OfferRule {
  id: string;
  /** The store (write key) whose orders the rule applies to; "*": every store's. Required, see ./rules.ts. */
  write_key?: string;
  /** Shown to the shopper as the offer's heading when set, e.g. "Complete your setup". */
  name?: string;
  active?: boolean;
  /** Higher first. Default 0. */
  priority?: number;
  /** Matches when the order holds any of these products or any product in these collections; both empty: any order. */
  when?: { product_ids?: string[]; collections?: string[] };
  /** Currency the prices are in; the rule only matches orders in it. */
  currency: string;
  /** Order-value bounds (inclusive), in `currency`. */
  min_order_value?: number;
  max_order_value?: number;
  offer: OfferedProduct[];
  /** Discount on each offered product: a percentage (0-100) or a fixed amount per unit. */
  discount?: { percent?: number; amount?: number };
  /** How long the offer stands after it is chosen. Default 15. */
  expires_in_minutes?: number;
  /** At most this many units per offer. Default 1. */
  max_quantity?: number;
  /** At most N offers from this rule; the order's total is also capped by the smallest N of the matched rules. Default 3. */
  max_offers?: number;
}

/** One choice (variant) of an offer at its final unit price; the token signs exactly this. */
export interface OfferChoice {
  variant?: string;
  name?: string;
  /** Final unit price after the discount. */
  price: number;
  regular_price: number;
}

/** An offer chosen for an order (no I/O, no secret: tokens are added by the route, see ./token.ts). */
export interface Offer {
  /** Stable per rule and product: `{rule}~{product}`; URL-safe. */
  id: string;
  rule_id: string;
  order_id: string;
  title?: string;
  product: { product_id: string; name: string; image_url?: string; url?: string };
  choices: OfferChoice[];
  currency: string;
  discount_percent?: number;
  max_quantity: number;
  /** ISO 8601 */
  expires_at: string;
}

/** What the browser receives: each choice carries its signed token. */
export interface SignedOffer extends Omit<Offer, 'choices'> {
  choices: (OfferChoice & { token: string })[];
}

/** The order as chooseOffers needs it (the shape campaigns also pass). */
export interface OfferOrder {
  order_id: string;
  value: number;
  currency: string;
  products: { product_id?: string; variant?: string; collections?: string[] }[];
}
