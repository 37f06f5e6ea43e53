// Where the store's offer rules live: the `offers_rules` table (managed through the admin API,
// see ./routes.ts) and, optionally, a JSON file named by HOMING_OFFERS_RULES_FILE (an array of
// rules, kept in the store's repository). A table rule replaces a file rule with the same id.
// Every rule belongs to a store: `write_key` names it, and a store's offers come only from its own
// rules. `"write_key": "*"` makes a rule every store's, for an operator who runs one store or wants
// that. The file may give the key once for all its rules: {"write_key": "wk_live", "rules": [...]};
// a file rule that ends up without one is skipped with a warning rather than shown in every store.
import { readFileSync, statSync } from 'node:fs';
import type { FeatureContext } from '../feature.js';
import { writeKeyConfig } from '../write-keys.js';
import { checkRule } from './rule-schema.js';
import type { OfferRule } from './types.js';

/** The rules of one store (all rules when no write key is given: the admin's view). */
export async function loadOfferRules(ctx: FeatureContext, writeKey?: string): Promise<OfferRule[]> {
  const all = await allRules(ctx);
  return writeKey === undefined ? all : all.filter((rule) => rule.write_key === writeKey || rule.write_key === '*');
}

/** Why a rule from the admin API cannot be stored, or undefined. */
export function ruleStoreProblem(ctx: Pick<FeatureContext, 'config'>, rule: OfferRule): string | undefined {
  if (rule.write_key === '*' || writeKeyConfig(ctx.config, rule.write_key)) return undefined;
  return `write_key must name a write key configured on this collector (or "*" for every store), got ${JSON.stringify(rule.write_key ?? null)}`;
}

async function allRules(ctx: FeatureContext): Promise<OfferRule[]> {
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
    const fileKey = Array.isArray(parsed) ? undefined : (parsed as { write_key?: unknown })?.write_key;
    list.forEach((item, index) => {
      const withKey = item && typeof item === 'object' && !('write_key' in item) && typeof fileKey === 'string' ? { ...item, write_key: fileKey } : item;
      const checked = checkRule(withKey);
      if (!checked.ok) return ctx.log.warn(`offers: rule #${index} in ${path} skipped: ${checked.errors.join('; ')}`);
      const problem = ruleStoreProblem(ctx, checked.rule);
      if (problem) return ctx.log.warn(`offers: rule #${index} in ${path} skipped: ${problem} (or give "write_key" once for the file: {"write_key": "...", "rules": [...]})`);
      rules.push(checked.rule);
    });
  } catch (error) {
    ctx.log.warn(`offers: ${path} is not valid JSON: ${String(error)}`);
    rules = [];
  }
  cached = { path, mtimeMs, rules };
  return rules;
}
