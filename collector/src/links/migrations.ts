// Short links: one row per link a message carries, one row per click. Times are ISO 8601 UTC text
// like the core tables.
const tables = (serial: string) => [
  `CREATE TABLE links_links (
    code TEXT PRIMARY KEY,
    write_key TEXT NOT NULL,
    target_url TEXT NOT NULL,
    campaign TEXT,
    step INTEGER,
    outbox_id INTEGER,
    anonymous_id TEXT,
    phone TEXT,
    cart_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX links_links_outbox ON links_links (outbox_id);
  CREATE INDEX links_links_phone ON links_links (write_key, phone);
  CREATE INDEX links_links_anonymous ON links_links (write_key, anonymous_id);
  CREATE TABLE links_clicks (
    id ${serial},
    code TEXT NOT NULL,
    clicked_at TEXT NOT NULL,
    user_agent TEXT
  );
  CREATE INDEX links_clicks_code ON links_clicks (code, clicked_at);`,
];

export const linksMigrations = { sqlite: tables('INTEGER PRIMARY KEY'), postgres: tables('BIGSERIAL PRIMARY KEY') };
