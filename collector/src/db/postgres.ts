// The Sql seam over pg: several stateless collector processes can share one PostgreSQL
// database. bigint and numeric come back as numbers (counts and money here stay far below 2^53)
// so that rows look the same as SQLite's.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Sql } from '../feature.js';

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value); // int8, numeric
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

const SCHEMA_LOCK = 72_617_002;

export interface PostgresSql extends Sql {
  close(): Promise<void>;
}

// Statements with parameters are named, so each connection parses and plans them once.
// Without parameters (a migration script, DDL) they go as simple queries, which may hold several.
const names = new Map<string, string>();
function config(sql: string, params: unknown[]): pg.QueryConfig | string {
  if (!params.length) return sql;
  let name = names.get(sql);
  if (!name) {
    name = `homing_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    if (names.size < 1000) names.set(sql, name);
  }
  return { name, text: sql, values: params.map(bindable) };
}

function over(client: pg.Pool | pg.PoolClient, transaction: Sql['transaction']): Sql {
  return {
    dialect: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(config(sql, params) as pg.QueryConfig);
      return result.rows as T[];
    },
    async run(sql, params = []) {
      const result = await client.query(config(sql, params) as pg.QueryConfig);
      return { changes: result.rowCount ?? 0 };
    },
    transaction,
  };
}

/** `postgres://...?schema=name` puts every table in that schema (created when missing). */
export async function openPostgres(url: string): Promise<PostgresSql> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`invalid schema name in database URL: ${schema}`);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: Number(process.env.HOMING_PG_POOL_SIZE ?? 10),
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  // Processes starting together would race on CREATE SCHEMA IF NOT EXISTS: take turns.
  if (schema) await pool.query(`BEGIN; SELECT pg_advisory_xact_lock(${SCHEMA_LOCK}); CREATE SCHEMA IF NOT EXISTS ${schema}; COMMIT`);

  const transaction = async <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Sql = over(client, (inner) => inner(tx));
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return { ...over(pool, transaction), close: () => pool.end() };
}
