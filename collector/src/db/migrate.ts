// Applies each feature's migrations once, in order, recording them per feature in
// `homing_migrations`. Several processes may start at once against one PostgreSQL database:
// an advisory lock makes them take turns (SQLite's BEGIN IMMEDIATE does the same).
import type { CollectorFeature, Sql } from '../feature.js';

const MIGRATION_LOCK = 72_617_001;

export async function migrate(db: Sql, features: Pick<CollectorFeature, 'name' | 'migrations'>[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS homing_migrations (feature TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (feature, version))',
    );
    for (const feature of features) {
      const steps = feature.migrations[tx.dialect];
      const done = await tx.query<{ version: number }>('SELECT version FROM homing_migrations WHERE feature = $1', [feature.name]);
      const applied = new Set(done.map((row) => Number(row.version)));
      for (let version = 1; version <= steps.length; version++) {
        if (applied.has(version)) continue;
        try {
          await tx.run(steps[version - 1]);
        } catch (error) {
          throw new Error(`migration ${version} of feature "${feature.name}" failed: ${(error as Error).message}`);
        }
        await tx.run('INSERT INTO homing_migrations (feature, version, applied_at) VALUES ($1, $2, $3)', [
          feature.name,
          version,
          new Date().toISOString(),
        ]);
      }
    }
  });
}
