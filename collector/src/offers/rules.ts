// Where the store's offer rules live: the `offers_rules` table (managed through the admin API,
// see ./routes.ts) and, optionally, a JSON file named by HOMING_OFFERS_RULES_FILE (an array of
// rules, kept in the store's repository). A table rule replaces a file rule with the same id.
import { readFileSync, statSync } from 'node:fs';
import type { FeatureContext } from '../feature.js';
import { checkRule } from './rule-schema.js';
import type { OfferRule } from './types.js';

export async function loadOfferRules(ctx: FeatureContext): Promise<OfferRule[]> {
  const rows = await ctx.db.query<{ rule: string }>('SELECT rule FROM offers_rules ORDER BY id');
  const fromTable = rows.map((row) => JSON.parse(row.rule) as OfferRule);
  const file = ctx.config.env.HOMING_OFFERS_RULES_FILE;
  const fromFile = file ? readRulesFile(file, ctx) : [];
  const ids = new Set(fromTable.map((r) => r.id));
  return [...fromFile.filter((r) => !ids.has(r.id)), ...fromTable];
}

let cached: { path: string; mtimeMs: number; rules: OfferRule[] } | undefined;

/** Re-read only when the file changes; a bad rule is logged once with its errors and skipped. */
function readRulesFile(path: string, ctx: FeatureContext): OfferRule[] {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    ctx.log.warn(`offers: HOMING_OFFERS_RULES_FILE ${path} cannot be read`);
    return [];
  }
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.rules;
  let rules: OfferRule[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const list = Array.isArray(parsed) ? parsed : (parsed as { rules?: unknown[] })?.rules ?? [];
    list.forEach((item, index) => {
      const checked = checkRule(item);
      if (checked.ok) rules.push(checked.rule);
      else ctx.log.warn(`offers: rule #${index} in ${path} skipped: ${checked.errors.join('; ')}`);
    });
  } catch (error) {
    ctx.log.warn(`offers: ${path} is not valid JSON: ${String(error)}`);
    rules = [];
  }
  cached = { path, mtimeMs, rules };
  return rules;
}
