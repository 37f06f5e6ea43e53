// The phones a store never messages: its blacklist (the owner's list, key '*' for every store) and
// the opt-outs its shoppers sent by reply (./replies.ts). Adding a phone cancels the messages
// already waiting for it; removing one lets future runs message it again (opt-outs are the
// shopper's word and are not removed here).
import type { FeatureContext } from '../feature.js';
import { toE164 } from '../ingest/phone.js';
import { writeKeyConfig } from '../write-keys.js';
import { parseCsv } from './csv.js';

export interface BlockedPhone {
  writeKey: string;
  phone: string;
  kind: 'blacklist' | 'opt-out';
  since: string;
  keyword?: string;
}

export const PHONE_PROBLEM = 'not a valid phone number (E.164, e.g. +989121234567)';
export const MAX_IMPORT_ROWS = 10_000;

/** The store key an admin may name: a configured write key, or '*' for every store. */
export function blacklistKey(ctx: Pick<FeatureContext, 'config'>, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || value === '*') return '*';
  return typeof value === 'string' && writeKeyConfig(ctx.config, value) ? value : undefined;
}

export async function addToBlacklist(ctx: FeatureContext, writeKey: string, phone: string): Promise<{ added: boolean; cancelled: number }> {
  const now = ctx.now().toISOString();
  const inserted = await ctx.db.run('INSERT INTO campaigns_blacklist (write_key, phone, added_at) VALUES ($1, $2, $3) ON CONFLICT (write_key, phone) DO NOTHING', [writeKey, phone, now]);
  const { changes } = await ctx.db.run(
    `UPDATE campaigns_outbox SET state = 'cancelled', error = 'blacklisted', finished_at = $1 WHERE phone = $2 AND state = 'pending' AND ($3 = '*' OR write_key = $3)`,
    [now, phone, writeKey],
  );
  return { added: inserted.changes > 0, cancelled: changes };
}

export async function removeFromBlacklist(ctx: FeatureContext, writeKey: string, phone: string): Promise<boolean> {
  const { changes } = await ctx.db.run('DELETE FROM campaigns_blacklist WHERE write_key = $1 AND phone = $2', [writeKey, phone]);
  return changes > 0;
}

/** A store's blocked phones (with those blocked for every store); all of them without a key. */
export async function listBlocked(ctx: FeatureContext, writeKey?: string): Promise<BlockedPhone[]> {
  const where = writeKey && writeKey !== '*' ? `WHERE write_key IN ($1, '*')` : '';
  const params = where ? [writeKey] : [];
  const listed = await ctx.db.query<{ write_key: string; phone: string; added_at: string }>(`SELECT write_key, phone, added_at FROM campaigns_blacklist ${where} ORDER BY added_at DESC, phone`, params);
  const optedOut = await ctx.db.query<{ write_key: string; phone: string; opted_out_at: string; keyword: string | null }>(
    `SELECT write_key, phone, opted_out_at, keyword FROM campaigns_optouts ${where} ORDER BY opted_out_at DESC, phone`,
    params,
  );
  return [
    ...listed.map((r): BlockedPhone => ({ writeKey: r.write_key, phone: r.phone, kind: 'blacklist', since: r.added_at })),
    ...optedOut.map((r): BlockedPhone => ({ writeKey: r.write_key, phone: r.phone, kind: 'opt-out', since: r.opted_out_at, ...(r.keyword ? { keyword: r.keyword } : {}) })),
  ];
}

export interface ImportOutcome {
  added: number;
  alreadyListed: number;
  /** Rows not imported, by line: the rest of the file is imported all the same. */
  problems: { line: number; value: string; error: string }[];
}

/**
 * Imports a CSV whose first column is a phone and whose optional second column is the store's write
 * key (empty: `writeKey`, the store the owner imports into). A first row "phone,..." is a header.
 */
export async function importBlacklist(ctx: FeatureContext, csv: string, writeKey: string): Promise<ImportOutcome> {
  const rows = parseCsv(csv);
  const outcome: ImportOutcome = { added: 0, alreadyListed: 0, problems: [] };
  if (rows[0] && /^\s*phone\s*$/i.test(rows[0].fields[0] ?? '')) rows.shift();
  if (rows.length > MAX_IMPORT_ROWS) {
    outcome.problems.push({ line: rows[MAX_IMPORT_ROWS]!.line, value: '', error: `at most ${MAX_IMPORT_ROWS} rows per import: this row and those after it were not read` });
    rows.length = MAX_IMPORT_ROWS;
  }
  for (const { line, fields } of rows) {
    const [rawPhone = '', rawKey = ''] = fields.map((f) => f.trim());
    if (!rawPhone && fields.every((f) => !f.trim())) continue;
    const phone = toE164(rawPhone, ctx.config.defaultCountry);
    if (!phone) {
      outcome.problems.push({ line, value: rawPhone, error: PHONE_PROBLEM });
      continue;
    }
    const key = rawKey ? blacklistKey(ctx, rawKey) : writeKey;
    if (!key) {
      outcome.problems.push({ line, value: rawKey, error: 'not a write key of this collector (or * for every store)' });
      continue;
    }
    const { added } = await addToBlacklist(ctx, key, phone);
    if (added) outcome.added++;
    else outcome.alreadyListed++;
  }
  return outcome;
}
