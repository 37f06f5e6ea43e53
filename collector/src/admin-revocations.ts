// Signed-out sessions. A session cookie is signed, so a copy taken before sign-out (a shared
// computer, a stolen laptop, a proxy log) would stay valid until it expires unless the server
// remembers that it ended. Each session has a random id; signing out stores it here until the
// session would have expired. Checking a cookie stays synchronous and cheap: the ids live in
// memory, and other collectors on the same database see a sign-out within REFRESH_MS (read again
// on the next admin request after that).
import type { Sql } from './feature.js';

const REFRESH_MS = 2000;

export interface Revocations {
  /** Reads the list (awaited once at start, so a restart forgets no sign-out). */
  load(): Promise<void>;
  isRevoked(id: string): boolean;
  revoke(id: string, expiresAt: Date): Promise<void>;
}

export function createRevocations(db: Sql, now: () => Date): Revocations {
  let ids = new Set<string>();
  // Sign-outs made here, kept until they expire: a read that started before one was stored must
  // not bring the session back when it lands.
  const ownSignOuts = new Map<string, number>();
  let readAt = -Infinity;
  let reading: Promise<void> | undefined;

  const read = () =>
    (reading ??= db
      .query<{ id: string }>('SELECT id FROM admin_revoked_sessions WHERE expires_at > $1', [now().toISOString()])
      .then((rows) => {
        ids = new Set(rows.map((row) => row.id));
        for (const [id, expires] of ownSignOuts) {
          if (expires > now().getTime()) ids.add(id);
          else ownSignOuts.delete(id);
        }
        readAt = now().getTime();
      })
      // A database hiccup keeps the last list; the next request tries again.
      .catch(() => undefined)
      .finally(() => (reading = undefined)));

  return {
    load: read,
    isRevoked(id) {
      if (now().getTime() - readAt > REFRESH_MS) void read();
      return ids.has(id);
    },
    async revoke(id, expiresAt) {
      ids.add(id);
      ownSignOuts.set(id, expiresAt.getTime());
      await db.run('DELETE FROM admin_revoked_sessions WHERE expires_at <= $1', [now().toISOString()]);
      await db.run('INSERT INTO admin_revoked_sessions (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, expiresAt.toISOString()]);
    },
  };
}
