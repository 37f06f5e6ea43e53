// What every app query is scoped by: one store (or all: '') and a range of instants.
import type { CollectorFeature } from '../../feature.js';

export interface Scope {
  /** Write key, or '' for all stores. */
  store: string;
  start: string;
  end: string;
}

/** `(CAST($n AS TEXT) = '' OR col = $n)`: one store, or every store when the parameter is ''. */
export const inStore = (column: string, param: string) => `(CAST(${param} AS TEXT) = '' OR ${column} = ${param})`;

/** Which optional features' tables exist in this collector. */
export function tablesOf(features: CollectorFeature[]) {
  const has = (name: string) => features.some((f) => f.name === name);
  return { campaigns: has('campaigns'), links: has('links'), offers: has('offers'), surveys: has('surveys') };
}
export type Tables = ReturnType<typeof tablesOf>;

/** Sums per currency from rows of (currency, value). */
export function byCurrency(rows: { currency: string | null; value: number | null }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.value !== null) out[r.currency ?? ''] = Math.round(((out[r.currency ?? ''] ?? 0) + Number(r.value)) * 100) / 100;
  return out;
}
