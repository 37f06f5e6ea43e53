// The Sql seam over better-sqlite3: synchronous, in-process, and the fastest store for one
// collector process. WAL lets the dashboard read while ingest writes; synchronous=NORMAL in WAL
// mode keeps every committed transaction across a crash of the process (the WAL is written
// before COMMIT returns) and can only lose the last ones on power loss or an OS crash
// (https://www.sqlite.org/pragma.html#pragma_synchronous).
import Database from 'better-sqlite3';
import type { Sql } from '../feature.js';
import { sqliteReader } from './sqlite-reader.js';

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
  // Group commit: transactions that queued up while one was running share the next BEGIN ...
  // COMMIT, each inside its own SAVEPOINT (a failing one rolls back alone). Every caller still
  // resolves only after the COMMIT that made its writes durable; the COMMIT, which writes the WAL,
  // is paid once per group instead of once per request.
  let inTransaction = false;
  let drained: Promise<void> = Promise.resolve();
  const idle = (): Promise<void> => (inTransaction ? drained.then(() => idle()) : Promise.resolve());
  type Pending = { fn: (tx: Sql) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let queue: Pending[] = [];
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const savepoint = db.prepare('SAVEPOINT homing_tx');
  const release = db.prepare('RELEASE homing_tx');
  const rollbackTo = db.prepare('ROLLBACK TO homing_tx');
  const MAX_GROUP = 64;

  const inside: Sql = {
    dialect: 'sqlite',
    query: async (sql, params) => direct.query(sql, params),
    run: async (sql, params) => direct.run(sql, params),
    transaction: (fn) => fn(inside), // nested: already inside one
  };

  async function runGroup(): Promise<void> {
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(MAX_GROUP);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      begin.run();
      for (const item of group) {
        savepoint.run();
        try {
          const value = await item.fn(inside);
          release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          rollbackTo.run();
          release.run();
          outcomes.push({ ok: false, value: error });
        }
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      group.forEach((item) => item.reject(error));
      return;
    }
    group.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  }

  // One group per turn of the event loop: between groups, statements waiting outside a
  // transaction (the dashboard, a feature's hook) get their turn, so a steady flow of batches
  // cannot starve them.
  function schedule(): void {
    if (inTransaction || !queue.length) return;
    inTransaction = true;
    drained = new Promise<void>((done) =>
      // Started on the next macrotask so that requests arriving together share the group.
      setImmediate(() =>
        runGroup().finally(() => {
          inTransaction = false;
          done();
          setImmediate(schedule);
        }),
      ),
    );
  }

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
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    async close() {
      await reader?.close();
      await idle();
      db.close();
    },
  };
  // A file can be opened a second time, read-only, for reads that take long (see sqlite-reader.ts).
  const reader = filename && filename !== ':memory:' ? sqliteReader(filename) : undefined;
  if (reader) {
    outside.readInBackground = <T>(sql: string, params: unknown[] = []) => {
      const { text, order } = toSqlitePlaceholders(sql);
      return reader.all<T>(text, bind(order, params));
    };
  }
  return outside;
}
