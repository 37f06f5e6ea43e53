// The settings tables: one JSON document per scope (`general`, `campaign:<name>`, `store:<writeKey>`)
// with its version and the hash of the configuration file's value it was last seeded from, and the
// audit of every change (who, when, the whole document before and after). The audit keeps secrets as
// they were, so a change can be reverted; the API shows them only as {"set": true}.
const tables = (serial: string) => [
  `CREATE TABLE settings_scopes (
    scope TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    version INTEGER NOT NULL,
    seed_hash TEXT,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE settings_audit (
    id ${serial},
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    scope TEXT NOT NULL,
    before TEXT,
    after TEXT
  )`,
  'CREATE INDEX settings_audit_scope ON settings_audit (scope, id)',
];

export const settingsMigrations = {
  sqlite: tables('INTEGER PRIMARY KEY'),
  postgres: tables('BIGSERIAL PRIMARY KEY'),
};
