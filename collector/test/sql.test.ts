import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { migrate } from '../src/db/migrate.js';
import { toSqlitePlaceholders } from '../src/db/sqlite.js';
import { dropTestSchemas, testStores } from './stores.js';

afterAll(dropTestSchemas);

describe('sqlite placeholders', () => {
  it('rewrites $n to positional parameters, skipping string literals, and repeats reused ones', () => {
    expect(toSqlitePlaceholders("SELECT $2, '$1', $1, $2")).toEqual({ text: "SELECT ?, '$1', ?, ?", order: [1, 0, 1] });
  });
});

describe.each(testStores)('Sql seam on $name', (store) => {
  it('applies each feature migration once, in order, and keeps them across reopenings', async () => {
    const url = store.fresh();
    const feature = {
      name: 'demo',
      migrations: {
        sqlite: ['CREATE TABLE demo_items (id TEXT PRIMARY KEY, n INTEGER NOT NULL)', 'ALTER TABLE demo_items ADD COLUMN label TEXT'],
        postgres: ['CREATE TABLE demo_items (id TEXT PRIMARY KEY, n BIGINT NOT NULL)', 'ALTER TABLE demo_items ADD COLUMN label TEXT'],
      },
    };
    let db = await openDatabase(url);
    await migrate(db, [feature]);
    await db.run('INSERT INTO demo_items (id, n, label) VALUES ($1, $2, $3)', ['a', 41, 'x']);
    await db.close();
    db = await openDatabase(url);
    await migrate(db, [feature]); // no second CREATE TABLE: it would throw
    const rows = await db.query<{ id: string; n: number; label: string }>('SELECT id, n + 1 AS n, label FROM demo_items WHERE id = $1', ['a']);
    expect(rows).toEqual([{ id: 'a', n: 42, label: 'x' }]);
    await db.close();
  });

  it('rolls a failed transaction back and commits a good one', async () => {
    const db = await openDatabase(store.fresh());
    await db.run('CREATE TABLE t (id TEXT PRIMARY KEY)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id) VALUES ($1)', ['lost']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (id) VALUES ($1)', ['kept']);
    });
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 'kept' }]);
    await db.close();
  });

  it('commits concurrent transactions independently: one failing among many rolls back alone', async () => {
    const db = await openDatabase(store.fresh());
    await db.run('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (id) VALUES ($1)', [`row-${i}`]);
          await tx.run('INSERT INTO t (id) VALUES ($1)', [`row-${i}-b`]);
          if (i === 4) throw new Error('fails alone');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    const ids = (await db.query<{ id: string }>('SELECT id FROM t')).map((r) => r.id);
    expect(ids).toHaveLength(18);
    expect(ids).not.toContain('row-4');
    await db.close();
  });

  it('keeps statements from outside a transaction out of it while it awaits', async () => {
    const db = await openDatabase(store.fresh());
    await db.run('CREATE TABLE t (id TEXT PRIMARY KEY)');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db
      .transaction(async (inner) => {
        await inner.run('INSERT INTO t (id) VALUES ($1)', ['in-tx']);
        await gate;
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const outside = db.run('INSERT INTO t (id) VALUES ($1)', ['outside']);
    release();
    await Promise.all([tx, outside]);
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 'outside' }]);
    await db.close();
  });
});
