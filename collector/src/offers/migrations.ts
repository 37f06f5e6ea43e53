// The offers feature's tables. Only append new migrations.
//  offers_rules     rules managed through the admin API (JSON text)
//  offers_events    one row per Promotion Viewed / Clicked, Upsell Accepted / Declined event (from onEvents)
//  offers_accepted  one row per accepted (order, offer): the verified price and the store action
//  offers_order_keys (2) the digest of the first order key recorded for each order (see ./order-key.ts)
const tables = (real: string) => [
  `CREATE TABLE offers_rules (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE offers_events (
    write_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    order_id TEXT,
    offer_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (write_key, message_id)
  );
  CREATE INDEX offers_events_kind ON offers_events (kind, offer_id);
  CREATE TABLE offers_accepted (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    variant TEXT,
    quantity INTEGER NOT NULL,
    unit_price ${real} NOT NULL,
    value ${real} NOT NULL,
    currency TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    action TEXT,
    PRIMARY KEY (write_key, order_id, offer_id)
  );`,
];

const orderKeys = `CREATE TABLE offers_order_keys (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    key_digest TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );`;

export const offersMigrations = { sqlite: [...tables('REAL'), orderKeys], postgres: [...tables('DOUBLE PRECISION'), orderKeys] };
