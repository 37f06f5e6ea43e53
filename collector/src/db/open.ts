// Opens the store named by a database URL: `sqlite:./path.db` (default), `sqlite::memory:`,
// a bare file path, or `postgres://...` / `postgresql://...`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Sql } from '../feature.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './postgres.js';

export type ClosableSql = Sql & { close(): Promise<void> };

export async function openDatabase(url: string): Promise<ClosableSql> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return openSqlite(file);
}
