// No tables of its own: the report reads the core's orders and identities. (An index on orders by
// (write_key, created_at) made it slower: a range up to now covers nearly every order, and a scan
// beats index lookups; see bench/retention.bench.mjs.)
export const retentionMigrations = { sqlite: [] as string[], postgres: [] as string[] };
