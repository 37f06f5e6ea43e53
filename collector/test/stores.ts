// The stores every collector test runs against: SQLite always (a fresh file per test), and
// PostgreSQL when HOMING_TEST_PG_URL is set (a fresh schema per test).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestStore {
  name: 'sqlite' | 'postgres';
  /** A database URL nobody else uses. */
  fresh(): string;
}

let counter = 0;
const sqlite: TestStore = {
  name: 'sqlite',
  fresh: () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'homing-test-')), 'collector.db')}`,
};

function postgres(url: string): TestStore {
  return {
    name: 'postgres',
    fresh() {
      const parsed = new URL(url);
      parsed.searchParams.set('schema', `t_${process.pid}_${Date.now().toString(36)}_${++counter}`);
      return parsed.toString();
    },
  };
}

export const testStores: TestStore[] = [sqlite, ...(process.env.HOMING_TEST_PG_URL ? [postgres(process.env.HOMING_TEST_PG_URL)] : [])];

/** Drops the test schemas this process created (call from afterAll). */
export async function dropTestSchemas(): Promise<void> {
  const url = process.env.HOMING_TEST_PG_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`t_${process.pid}_%`]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${nspname} CASCADE`);
  } finally {
    await client.end();
  }
}
