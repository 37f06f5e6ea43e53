// The lifecycle campaigns' tables, appended to the campaigns migrations (only append):
//  - outbox `detail`: what a message is about besides its subject (replenishment: the product id or
//    "category:<name>" whose reorder time came);
//  - birthdays: month-day (and year, when given) per shopper, from an identify trait `birthday` or the
//    store's checkout (its signed webhook);
//  - fulfillments: when the platform said an order was fulfilled (review requests count from it);
//  - reviews: per-product ratings from the review page, and when they reached the store.
export const lifecycleMigration = `ALTER TABLE campaigns_outbox ADD COLUMN detail TEXT;
  CREATE TABLE campaigns_birthdays (
    write_key TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER NOT NULL,
    year INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (write_key, anonymous_id)
  );
  CREATE INDEX campaigns_birthdays_day ON campaigns_birthdays (write_key, month, day);
  CREATE TABLE campaigns_fulfillments (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    fulfilled_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );
  CREATE TABLE campaigns_reviews (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT,
    answered_at TEXT NOT NULL,
    sent_to_store_at TEXT,
    PRIMARY KEY (write_key, order_id, product_id)
  );`;
