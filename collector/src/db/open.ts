// Opens the store named by a database URL: `sqlite:./path.db` (default), `sqlite::memory:`,
// a bare file path, or `postgres://...` / `postgresql://...`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Sql } from '../feature.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './postgres.js';
import { ConfigError } from '../config-error.js';

export type ClosableSql = Sql & { close(): Promise<void> };

export async function openDatabase(url: string): Promise<ClosableSql> {
  try {
    if (/^postgres(ql)?:\/\//.test(url)) return await reachable(await openPostgres(url));
    // Any other scheme (mysql://, a typo of postgres) would otherwise become a file path.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^sqlite:/.test(url)) throw new Error('use sqlite:./path.db or postgres://…');
    const file = url.replace(/^sqlite:/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return openSqlite(file);
  } catch (error) {
    throw new ConfigError(`cannot open the database ${withoutPassword(url)}: ${(error as Error).message}`);
  }
}

/** The pool connects lazily: a wrong host, password or database shows at start, not at the first event. */
async function reachable(db: ClosableSql): Promise<ClosableSql> {
  try {
    await db.query('SELECT 1');
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** The URL as it may be printed: a password in it never reaches a log. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
