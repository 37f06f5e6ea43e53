// The surveys feature's table: one answer per order (see ./record.ts for which one). Only append.
const tables = [
  `CREATE TABLE surveys_answers (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT,
    source TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );`,
];

export const surveysMigrations = { sqlite: tables, postgres: tables };
