import { describe, expect, it } from 'vitest';
import { createRevocations } from '../src/admin-revocations.js';
import type { Sql } from '../src/feature.js';

/** A store whose reads answer only when the test says so, with what the table held when they started. */
function slowStore() {
  const rows: { id: string }[] = [];
  const pending: (() => void)[] = [];
  const db = {
    query: (_sql: string) => {
      const snapshot = [...rows];
      return new Promise((resolve) => pending.push(() => resolve(snapshot)));
    },
    run: async (sql: string, params: unknown[]) => {
      if (sql.startsWith('INSERT')) rows.push({ id: params[0] as string });
      return { changes: 1 };
    },
  } as unknown as Sql;
  return { db, answerReads: () => pending.splice(0).forEach((answer) => answer()) };
}

describe('signed-out sessions', () => {
  it('a read of the list that started before a sign-out does not bring the session back', async () => {
    const t = Date.parse('2026-12-01T10:00:00Z');
    const store = slowStore();
    const revocations = createRevocations(store.db, () => new Date(t));
    expect(revocations.isRevoked('s1')).toBe(false); // starts a read of the list as it is now
    await revocations.revoke('s1', new Date(t + 3_600_000));
    store.answerReads();
    await new Promise((r) => setTimeout(r, 0));
    expect(revocations.isRevoked('s1')).toBe(true);
  });
});
