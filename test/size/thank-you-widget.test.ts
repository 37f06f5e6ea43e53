// The upsell widget as a browser loads it: dist/lazy/upsell.mjs and every chunk it imports
// (helpers shared with the survey), together at most 8 KB brotli.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const lazy = join(import.meta.dirname, '../../dist/lazy');
const brotli = (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The file and the relative chunks it imports, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(lazy, file), 'utf8');
  for (const [, imported] of code.matchAll(/(?:import|from)\s*["']\.\/([\w.-]+\.mjs)["']/g)) closure(imported, seen);
  return seen;
}

describe('thank-you widgets (brotli)', () => {
  it('upsell widget with the chunks it imports ≤ 8 KB', () => {
    const files = [...closure('upsell.mjs')];
    expect(files.length).toBeGreaterThan(1); // the shared helpers are counted too
    const total = files.reduce((sum, file) => sum + brotli(readFileSync(join(lazy, file))), 0);
    expect(total, `${files.join(' + ')} = ${total} B`).toBeLessThanOrEqual(8 * 1024);
  });
});
