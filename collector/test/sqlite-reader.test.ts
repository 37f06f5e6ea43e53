// Long reads on a SQLite file (the retention report) go through a second, read-only connection in
// a worker thread: ingest on the collector's own connection is answered while they run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteSql } from '../src/db/sqlite.js';
import { readLong } from '../src/feature.js';

// Counts to three million: a read that takes a noticeable while on any machine.
const SLOW_READ = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT COUNT(*) AS count FROM n';

describe('SQLite reads in the background', () => {
  let db: SqliteSql | undefined;
  afterEach(async () => db?.close());

  const open = async () => {
    db = openSqlite(join(mkdtempSync(join(tmpdir(), 'homing-reader-')), 'collector.db'));
    await db.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    return db;
  };

  it('answers writes and reads on the main connection while a long read runs', async () => {
    const store = await open();
    const finished: string[] = [];
    const long = readLong<{ count: number }>(store, SLOW_READ).then((rows) => {
      finished.push('long read');
      return rows;
    });
    await store.transaction((tx) => tx.run('INSERT INTO notes (text) VALUES ($1)', ['event']));
    expect(await store.query('SELECT text FROM notes')).toEqual([{ text: 'event' }]);
    finished.push('ingest');
    expect(await long).toEqual([{ count: 3_000_000 }]);
    expect(finished).toEqual(['ingest', 'long read']);
  });

  it('sees what the main connection committed, with $n placeholders, and reports a bad statement as an error', async () => {
    const store = await open();
    await store.transaction(async (tx) => {
      await tx.run('INSERT INTO notes (text) VALUES ($1), ($2)', ['a', 'b']);
    });
    expect(await readLong(store, 'SELECT text FROM notes WHERE text = $2 OR text = $1 ORDER BY text', ['b', 'zzz'])).toEqual([{ text: 'b' }]);
    await expect(readLong(store, 'SELECT missing FROM nowhere')).rejects.toThrow(/no such table/);
    // The reader is read-only: a write sent to it is refused, not applied.
    await expect(readLong(store, "INSERT INTO notes (text) VALUES ('sneaky') RETURNING id")).rejects.toThrow(/readonly/);
    expect(await store.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 2 }]);
  });

  it('reads an in-memory database on its one connection', async () => {
    db = openSqlite(':memory:');
    expect(db.readInBackground).toBeUndefined();
    expect(await readLong(db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
