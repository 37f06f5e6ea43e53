// One row per platform delivery handled: a delivery id seen again is a duplicate (platforms
// retry, and a captured request could be replayed).
const table = `CREATE TABLE webhooks_deliveries (
    write_key TEXT NOT NULL,
    platform TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    topic TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (write_key, platform, delivery_id)
  )`;

export const webhooksMigrations = { sqlite: [table], postgres: [table] };
