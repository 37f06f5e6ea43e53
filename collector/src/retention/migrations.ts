// The retention report reads a store's orders by time (range, history up to a date).
const ordersByTime = 'CREATE INDEX retention_orders_created_at ON orders (write_key, created_at)';

export const retentionMigrations = { sqlite: [ordersByTime], postgres: [ordersByTime] };
