// A settings change as the owner reads it: each leaf that differs between the document before
// and after, by its path ("steps › 1 › template › fa"), with the old and the new value.
export interface Difference {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';

function leaves(value: unknown, path: string[], out: Map<string, unknown>): void {
  // A secret shown as {"set": true} is one value, not an object to open.
  if (isObject(value) && !(Object.keys(value).length === 1 && (value as { set?: unknown }).set === true) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, Array.isArray(value) ? String(Number(k) + 1) : k], out);
  } else out.set(path.join(' › '), value);
}

export function differences(before: unknown, after: unknown): Difference[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(before ?? {}, [], a);
  leaves(after ?? {}, [], b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((path) => ({ path, ...(a.has(path) ? { before: a.get(path) } : {}), ...(b.has(path) ? { after: b.get(path) } : {}) }));
}
