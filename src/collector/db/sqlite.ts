// The Sql seam over better-sqlite3: synchronous, in-process, and the fastest store for one
// collector process. WAL lets the dashboard read while ingest writes; synchronous=NORMAL in WAL
// mode keeps every committed transaction across a crash of the process (the WAL is written
// before COMMIT returns) and can only lose the last ones on power loss or an OS crash
// (https://www.sqlite.org/pragma.html#pragma_synchronous).
import Database from 'better-sqlite3';
import type { Sql } from '../feature.js';

type Statement = Database.Statement<unknown[]>;

/** `$1, $2` become positional `?` and the parameters are reordered to match (a `$2` may repeat). */
export function toSqlitePlaceholders(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, n: string | undefined) => {
    if (n === undefined) return match;
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order };
}

/** More than one statement: a `;` followed by anything but whitespace or comments. */
function isScript(sql: string): boolean {
  const bare = sql.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, '');
  return /;\s*\S/.test(bare);
}

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

export interface SqliteSql extends Sql {
  close(): Promise<void>;
}

export function openSqlite(filename: string): SqliteSql {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  // Prepared once per SQL text; the map is bounded so generated SQL cannot grow it forever.
  const statements = new Map<string, { statement: Statement; order: number[] }>();
  function prepare(sql: string): { statement: Statement; order: number[] } {
    let cached = statements.get(sql);
    if (!cached) {
      const { text, order } = toSqlitePlaceholders(sql);
      cached = { statement: db.prepare(text), order };
      if (statements.size >= 500) statements.delete(statements.keys().next().value as string);
      statements.set(sql, cached);
    }
    return cached;
  }
  const bind = (order: number[], params: unknown[]) => order.map((i) => bindable(params[i]));

  const direct = {
    query<T>(sql: string, params: unknown[] = []): T[] {
      const { statement, order } = prepare(sql);
      if (!statement.reader) {
        statement.run(...bind(order, params));
        return [];
      }
      return statement.all(...bind(order, params)) as T[];
    },
    run(sql: string, params: unknown[] = []): { changes: number } {
      // Several statements (a migration) can only run without parameters, through exec.
      if (!params.length && isScript(sql)) {
        db.exec(sql);
        return { changes: 0 };
      }
      const { statement, order } = prepare(sql);
      if (statement.reader) return { changes: statement.all(...bind(order, params)).length };
      return { changes: statement.run(...bind(order, params)).changes };
    },
  };

  // One connection: while a transaction awaits, other callers must not slip their statements
  // into it, so everything outside the transaction waits for it to finish.
  let tail: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const idle = (): Promise<void> => (inTransaction ? tail.then(() => idle()) : Promise.resolve());

  const inside: Sql = {
    dialect: 'sqlite',
    query: async (sql, params) => direct.query(sql, params),
    run: async (sql, params) => direct.run(sql, params),
    transaction: (fn) => fn(inside), // nested: already inside one
  };

  const outside: SqliteSql = {
    dialect: 'sqlite',
    async query(sql, params) {
      if (inTransaction) await idle();
      return direct.query(sql, params);
    },
    async run(sql, params) {
      if (inTransaction) await idle();
      return direct.run(sql, params);
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const result = tail.then(async () => {
        inTransaction = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(inside);
          db.exec('COMMIT');
          return value;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          inTransaction = false;
        }
      });
      tail = result.catch(() => undefined);
      return result;
    },
    async close() {
      await tail;
      db.close();
    },
  };
  return outside;
}
