// The core tables: every accepted event, and the state a store owner cares about (identities,
// carts, orders, product adds). Timestamps are ISO 8601 UTC strings (they sort as text),
// JSON columns are JSON text: the same rows in both dialects. Only append new migrations.
import type { CollectorFeature } from '../feature.js';
import { retentionOrders } from '../retention/migrations.js';

const common = (serial: string, real: string) => [
  `CREATE TABLE events (
    id ${serial},
    write_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    anonymous_id TEXT,
    user_id TEXT,
    timestamp TEXT NOT NULL,
    original_timestamp TEXT NOT NULL,
    received_at TEXT NOT NULL,
    properties TEXT,
    traits TEXT,
    context TEXT,
    UNIQUE (write_key, message_id)
  );
  CREATE INDEX events_received_at ON events (received_at);
  CREATE INDEX events_anonymous_id ON events (write_key, anonymous_id);
  CREATE TABLE identities (
    write_key TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    phone TEXT,
    phone_consent INTEGER,
    email TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (write_key, anonymous_id)
  );
  CREATE INDEX identities_phone ON identities (write_key, phone);
  CREATE TABLE carts (
    write_key TEXT NOT NULL,
    cart_id TEXT NOT NULL,
    anonymous_id TEXT,
    currency TEXT,
    value ${real},
    products TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    checkout_started_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (write_key, cart_id)
  );
  CREATE INDEX carts_updated_at ON carts (updated_at);
  CREATE INDEX carts_anonymous_id ON carts (write_key, anonymous_id);
  CREATE TABLE orders (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    cart_id TEXT,
    anonymous_id TEXT,
    value ${real},
    currency TEXT,
    products TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );
  CREATE INDEX orders_cart_id ON orders (write_key, cart_id);
  CREATE INDEX orders_anonymous_id ON orders (write_key, anonymous_id);
  CREATE TABLE products_added (
    write_key TEXT NOT NULL,
    product_key TEXT NOT NULL,
    name TEXT,
    adds INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (write_key, product_key)
  );`,
];

// Adds per product were one counter row per product: under concurrent batches on PostgreSQL that
// row was locked by every transaction until its COMMIT, serializing ingest on a popular product.
// Now each batch appends its own rows and readers sum them.
const productAdds = (real: string) => `DROP TABLE products_added;
  CREATE TABLE product_adds (
    write_key TEXT NOT NULL,
    product_key TEXT NOT NULL,
    name TEXT,
    adds INTEGER NOT NULL,
    quantity ${real} NOT NULL,
    added_at TEXT NOT NULL
  );
  CREATE INDEX product_adds_key ON product_adds (write_key, product_key);`;

// The time of the full snapshot a cart's lines come from, so that a late Product Added is still
// applied unless a newer Cart Updated already includes it (see state/apply.ts).
const cartSnapshotAt = 'ALTER TABLE carts ADD COLUMN snapshot_at TEXT';

// The collector's own secrets (see ../secret.ts): generated once, shared by every process.
const secrets = 'CREATE TABLE homing_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL)';
// What only a store's signed platform webhooks may set (../webhooks/): an order's status
// (cancelled or refunded orders leave the revenue and recovered revenue), a checkout's own recovery
// URL (Shopify's abandoned_checkout_url, WooCommerce's pay-for-order page) and when the platform
// said that checkout became an order. Events never write them: a browser holds the public write key
// and could cancel any order.
const platformFacts = `ALTER TABLE orders ADD COLUMN status TEXT;
  ALTER TABLE carts ADD COLUMN checkout_url TEXT;
  ALTER TABLE carts ADD COLUMN completed_at TEXT`;

// Admin sessions ended by signing out, until they would have expired (../admin-revocations.ts).
const revokedSessions = 'CREATE TABLE admin_revoked_sessions (id TEXT PRIMARY KEY, expires_at TEXT NOT NULL)';
// The shopper's consent to marketing e-mail: from the platform's checkout (Shopify's
// buyer_accepts_marketing / email_marketing_consent, the WooCommerce plugin's box) or an explicit
// `email_consent` trait. NULL: never said, which sends nothing, like 0.
const emailConsent = `ALTER TABLE identities ADD COLUMN email_consent INTEGER;
  CREATE INDEX identities_email ON identities (write_key, email)`;

// Standing orders by customer for retention numbers and RFM segments, kept by triggers
// (../retention/migrations.ts).
export const coreSchema: Pick<CollectorFeature, 'name' | 'migrations'> = {
  name: 'core',
  migrations: {
    sqlite: [...common('INTEGER PRIMARY KEY', 'REAL'), productAdds('REAL'), cartSnapshotAt, secrets, platformFacts, revokedSessions, emailConsent, retentionOrders.sqlite],
    postgres: [...common('BIGSERIAL PRIMARY KEY', 'DOUBLE PRECISION'), productAdds('DOUBLE PRECISION'), cartSnapshotAt, secrets, platformFacts, revokedSessions, emailConsent, retentionOrders.postgres],
  },
};
