// Long reads off the collector's one SQLite connection: a worker thread with its own read-only
// connection to the same file. better-sqlite3 is synchronous, so a report that takes seconds on
// the main connection would hold the event loop (and every ingest request) for those seconds; in
// WAL mode a second connection reads a consistent snapshot while the first keeps writing.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// An eval'd worker (no file next to the compiled one to find, under tsc or vitest alike), given
// better-sqlite3's resolved path.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= 100) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

export interface SqliteReader {
  /** Runs one read statement (SQLite text with `?` placeholders, parameters already bound in order). */
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A reader for a database file; started at the first read, so a collector that never reports pays nothing. */
export function sqliteReader(filename: string): SqliteReader {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  const failAll = (stopped: Worker, error: Error) => {
    if (worker !== stopped) return;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER, { eval: true, workerData: { filename, driver } });
    started.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: string }) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) started.unref();
      if (error !== undefined) waiting?.reject(new Error(error));
      else waiting?.resolve(rows ?? []);
    });
    started.on('error', (error) => failAll(started, error));
    started.on('exit', () => failAll(started, new Error('the SQLite reader stopped')));
    return started;
  };
  return {
    all<T>(sql: string, params: unknown[]): Promise<T[]> {
      worker ??= start();
      worker.ref(); // a read in flight keeps the process up until it answers
      const id = nextId++;
      const answer = new Promise<T[]>((resolve, reject) => pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject }));
      worker.postMessage({ id, sql, params });
      return answer;
    },
    async close() {
      const running = worker;
      if (running) failAll(running, new Error('the database is closed'));
      if (running) await running.terminate();
    },
  };
}
