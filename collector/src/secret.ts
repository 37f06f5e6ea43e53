// The collector's signing secret: offer tokens, survey links and admin sessions are signed with
// keys derived from it. It is HOMING_SECRET when set, otherwise generated once and kept in the
// database (`homing_secrets`), so tokens survive a restart and every process on one database
// shares it. It is never derived from the admin token: whoever holds a signed link must learn
// nothing about that token, and rotating the admin token must not break links already sent.
import { createHmac, randomBytes } from 'node:crypto';
import type { CollectorConfig, Sql } from './feature.js';

const NAME = 'signing';

/** HOMING_SECRET, or the stored secret (created by the first process to start). */
export async function loadSigningSecret(db: Sql, env: CollectorConfig['env']): Promise<string> {
  if (env.HOMING_SECRET) return env.HOMING_SECRET;
  // Several processes may start at once: each offers its candidate, the first one stored wins,
  // and everyone reads back the same row.
  await db.run('INSERT INTO homing_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
    NAME,
    randomBytes(32).toString('base64url'),
    new Date().toISOString(),
  ]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM homing_secrets WHERE name = $1', [NAME]);
  return row.value;
}

/** A key for one purpose ("offers", "admin session" ...): a leak of one does not forge another. */
export function derivedKey(config: Pick<CollectorConfig, 'secret'>, purpose: string): string {
  if (!config.secret) throw new Error('the signing secret is not loaded (createCollector loads it at start)');
  return createHmac('sha256', config.secret).update(`homing ${purpose}`).digest('base64url');
}
