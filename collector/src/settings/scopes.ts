// Reading and writing the scopes' documents. Every change is written with its audit entry in one
// transaction, so the newest audit id is the settings' version: a collector compares it with the one
// it has applied to know, with one cheap query, whether another collector changed something.
import type { Sql } from '../feature.js';
import { stableJson, type Document } from './documents.js';

export interface ScopeRow {
  document: Document;
  version: number;
  seedHash: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  scope: string;
  before: Document | null;
  after: Document | null;
}

const SETTINGS_LOCK = 72_617_002;

/** Runs `fn` in a transaction that no other collector's settings change can interleave with. */
export async function withSettingsLock<T>(db: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SETTINGS_LOCK]);
    return fn(tx);
  });
}

export async function settingsVersion(db: Sql): Promise<number> {
  const [row] = await db.query<{ version: number | null }>('SELECT MAX(id) AS version FROM settings_audit');
  return Number(row?.version ?? 0);
}

export async function loadScopes(db: Sql): Promise<Map<string, ScopeRow>> {
  const rows = await db.query<{ scope: string; document: string; version: number; seed_hash: string | null }>('SELECT scope, document, version, seed_hash FROM settings_scopes');
  return new Map(rows.map((row) => [row.scope, { document: JSON.parse(row.document), version: Number(row.version), seedHash: row.seed_hash }]));
}

export interface Change {
  scope: string;
  /** null removes the scope (a store). */
  document: Document | null;
  who: string;
  at: Date;
  /** The configuration file's hash to remember; undefined keeps the one stored. */
  seedHash?: string | null;
}

/** Writes one scope inside `withSettingsLock`; returns the audit id, or undefined when nothing changed. */
export async function writeScope(tx: Sql, change: Change): Promise<number | undefined> {
  const [row] = await tx.query<{ document: string; version: number; seed_hash: string | null }>('SELECT document, version, seed_hash FROM settings_scopes WHERE scope = $1', [change.scope]);
  const before = row ? (JSON.parse(row.document) as Document) : null;
  const at = change.at.toISOString();
  const seedHash = change.seedHash === undefined ? (row?.seed_hash ?? null) : change.seedHash;
  if (stableJson(before) === stableJson(change.document)) {
    if (row && seedHash !== row.seed_hash) await tx.run('UPDATE settings_scopes SET seed_hash = $1 WHERE scope = $2', [seedHash, change.scope]);
    return undefined;
  }
  if (change.document === null) await tx.run('DELETE FROM settings_scopes WHERE scope = $1', [change.scope]);
  else if (row) {
    await tx.run('UPDATE settings_scopes SET document = $1, version = version + 1, seed_hash = $2, updated_at = $3 WHERE scope = $4', [JSON.stringify(change.document), seedHash, at, change.scope]);
  } else {
    await tx.run('INSERT INTO settings_scopes (scope, document, version, seed_hash, updated_at) VALUES ($1, $2, 1, $3, $4)', [change.scope, JSON.stringify(change.document), seedHash, at]);
  }
  await tx.run('INSERT INTO settings_audit (at, who, scope, before, after) VALUES ($1, $2, $3, $4, $5)', [
    at,
    change.who,
    change.scope,
    before === null ? null : JSON.stringify(before),
    change.document === null ? null : JSON.stringify(change.document),
  ]);
  const [audit] = await tx.query<{ id: number }>('SELECT MAX(id) AS id FROM settings_audit WHERE scope = $1', [change.scope]);
  return Number(audit!.id);
}

type AuditRow = { id: number; at: string; who: string; scope: string; before: string | null; after: string | null };
const entryOf = (row: AuditRow): AuditEntry => ({
  id: Number(row.id),
  at: row.at,
  who: row.who,
  scope: row.scope,
  before: row.before === null ? null : JSON.parse(row.before),
  after: row.after === null ? null : JSON.parse(row.after),
});

export async function auditEntries(db: Sql, limit: number, scope?: string): Promise<AuditEntry[]> {
  const rows = scope
    ? await db.query<AuditRow>(`SELECT id, at, who, scope, before, after FROM settings_audit WHERE scope = $1 ORDER BY id DESC LIMIT ${limit}`, [scope])
    : await db.query<AuditRow>(`SELECT id, at, who, scope, before, after FROM settings_audit ORDER BY id DESC LIMIT ${limit}`);
  return rows.map(entryOf);
}

export async function auditEntry(db: Sql, id: number): Promise<AuditEntry | undefined> {
  const [row] = await db.query<AuditRow>('SELECT id, at, who, scope, before, after FROM settings_audit WHERE id = $1', [id]);
  return row ? entryOf(row) : undefined;
}
