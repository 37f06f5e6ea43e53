// The campaigns tables. `campaigns_outbox` is the engine's durable memory: a message exists here
// (state 'pending') before any attempt to send it, and its idempotency key (campaign:step:store:subject)
// is unique, so a scheduler run repeated or racing another never schedules it twice.
// States: pending → claimed (being rendered) → sending (body stored, provider called) → sent | failed;
// pending → cancelled (a stop rule); sending → unknown (a crash interrupted a provider without
// idempotency: not resent). Times are ISO 8601 UTC text like the core tables.
import { lifecycleMigration } from './lifecycle/migrations.js';
import { platformOrdersMigration } from './lifecycle/platform-orders.js';

const tables = (serial: string) => [
  `CREATE TABLE campaigns_outbox (
    id ${serial},
    idempotency_key TEXT NOT NULL UNIQUE,
    campaign TEXT NOT NULL,
    step INTEGER NOT NULL,
    write_key TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject_at TEXT NOT NULL,
    anonymous_id TEXT,
    phone TEXT NOT NULL,
    state TEXT NOT NULL,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    lease_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    provider TEXT,
    provider_message_id TEXT,
    body TEXT,
    link_code TEXT,
    segments INTEGER,
    error TEXT,
    sent_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX campaigns_outbox_due ON campaigns_outbox (state, due_at);
  CREATE INDEX campaigns_outbox_phone ON campaigns_outbox (phone, sent_at);
  CREATE INDEX campaigns_outbox_chain ON campaigns_outbox (campaign, step, state, sent_at);
  CREATE INDEX campaigns_outbox_subject ON campaigns_outbox (write_key, subject_id);
  CREATE TABLE campaigns_shoppers (
    write_key TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    name TEXT,
    locale TEXT,
    timezone TEXT,
    store_url TEXT,
    platform TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (write_key, anonymous_id)
  );
  CREATE TABLE campaigns_optouts (
    phone TEXT PRIMARY KEY,
    opted_out_at TEXT NOT NULL,
    keyword TEXT,
    last_outbox_id INTEGER
  );
  CREATE TABLE campaigns_blacklist (
    write_key TEXT NOT NULL,
    phone TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (write_key, phone)
  );
  CREATE TABLE campaigns_attributions (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    outbox_id INTEGER NOT NULL,
    campaign TEXT NOT NULL,
    step INTEGER NOT NULL,
    value ${'DOUBLE_OR_REAL'},
    currency TEXT,
    clicked_at TEXT NOT NULL,
    ordered_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );`,
];

// 2: opt-outs belong to a store (the write key the reply webhook names). Opt-outs recorded before
// came from a webhook that named no store: they stay, for every store ('*').
const perStoreOptOuts = `CREATE TABLE campaigns_store_optouts (
    write_key TEXT NOT NULL,
    phone TEXT NOT NULL,
    opted_out_at TEXT NOT NULL,
    keyword TEXT,
    last_outbox_id INTEGER,
    PRIMARY KEY (write_key, phone)
  );
  INSERT INTO campaigns_store_optouts (write_key, phone, opted_out_at, keyword, last_outbox_id)
    SELECT '*', phone, opted_out_at, keyword, last_outbox_id FROM campaigns_optouts;
  DROP TABLE campaigns_optouts;
  ALTER TABLE campaigns_store_optouts RENAME TO campaigns_optouts;`;

// 3: the first name the store's platform sent in a signed webhook (billing first name): {name}
// prefers it, and no browser trait can change it.
const verifiedName = 'ALTER TABLE campaigns_shoppers ADD COLUMN verified_name TEXT';

// 4: the single-use discount code made in the store's admin for this message (Shopify), kept before
// the admin is asked: a retry of the message asks for the same code, never a second one.
const discountCode = 'ALTER TABLE campaigns_outbox ADD COLUMN discount_code TEXT';

// 5: the language of the store page the shopper used (context.page, see ./locale.ts) and the
// checkout's locale from the platform's signed webhooks: both say more than the browser's language.
const languages = `ALTER TABLE campaigns_shoppers ADD COLUMN page_locale TEXT;
  ALTER TABLE campaigns_shoppers ADD COLUMN checkout_locale TEXT`;

// 6: `name` held the first name of any identify, which any script with the public write key can
// send: it goes. `prompt_name` holds only the name typed into the SDK's phone prompt (./events.ts).
const promptName = `ALTER TABLE campaigns_shoppers DROP COLUMN name;
  ALTER TABLE campaigns_shoppers ADD COLUMN prompt_name TEXT`;


// 7: e-mail steps. An email message's `phone` column holds the recipient's address, so every rule
// keyed on the recipient (frequency cap, daily cap, opt-outs, blacklist) applies to it as to a number;
// an e-mail unsubscribe is an opt-out of that address, and leaves the shopper's SMS alone.
const channel = `ALTER TABLE campaigns_outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms'`;

export const campaignsMigrations = {
  sqlite: [...tables('INTEGER PRIMARY KEY').map((s) => s.replace('DOUBLE_OR_REAL', 'REAL')), perStoreOptOuts, verifiedName, discountCode, languages, promptName, channel, lifecycleMigration, platformOrdersMigration],
  postgres: [...tables('BIGSERIAL PRIMARY KEY').map((s) => s.replace('DOUBLE_OR_REAL', 'DOUBLE PRECISION')), perStoreOptOuts, verifiedName, discountCode, languages, promptName, channel, lifecycleMigration, platformOrdersMigration],
};
