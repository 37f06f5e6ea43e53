// Bytes are a feature: every store page pays for dist/homing.iife.js, so `npm test` fails when
// a file outgrows its budget. One table: add a row when you add a file. Sizes are brotli
// (quality 11, what CDNs serve); `npm test` builds dist/ before vitest runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const KB = 1024;

/** file (relative to the repository) → brotli budget in bytes. */
export const BUDGETS: Record<string, number> = {
  'dist/homing.iife.js': 7 * KB, // the every-page script: core + capture watchers + thank-you detection
  'dist/lazy/shopify.mjs': 0.75 * KB, // Shopify adapter (cart reads), Shopify stores only
  'dist/lazy/woocommerce.mjs': 1 * KB, // WooCommerce adapter (Store API cart reads), WooCommerce shops only
  'dist/lazy/generic.mjs': 0.75 * KB, // data-homing-* buttons, pages that have them
  'dist/lazy/phone.mjs': 1.5 * KB, // phone watcher + prompt logic, pages with a phone field or after an add
  'dist/lazy/local-storage.mjs': 0.5 * KB, // storage backend where IndexedDB fails
  'dist/lazy/vitals.mjs': 3.5 * KB,
  'dist/lazy/phone-prompt.mjs': 2.5 * KB, // the bottom sheet shown after the first add-to-cart (four languages)
  'dist/lazy/thank-you.mjs': 2 * KB, // order detection and recording, thank-you pages only
  'dist/lazy/upsell.mjs': 8 * KB, // post-purchase offers widget; with the chunks it imports, see test/size/thank-you-widget.test.ts
  'dist/lazy/survey.mjs': 2 * KB, // post-purchase survey widget
};
/** What a Shopify or WooCommerce page loads before it can read a cart: the script tag plus its platform adapter. */
export const PLATFORM_PAGE_BUDGET = 8 * KB;
/** The SDK core alone (client, queue, transport, script-tag entry), built from test/size/core-entry.ts. */
export const CORE_BUDGET = 5 * KB;
/** A lazy chunk without its own row: bigger than this needs a look and a row of its own. */
export const DEFAULT_LAZY_BUDGET = 6 * KB;

export function sizes(code: string | Buffer): { raw: number; gzip: number; brotli: number } {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Builds the script tag without feature plugins, minified the way rollup.config.mjs does. */
export async function buildCore(): Promise<string> {
  const bundle = await rollup({
    input: join(root, 'test/size/core-entry.ts'),
    plugins: [
      { name: 'version', transform: (code) => code.replaceAll('__HOMING_VERSION__', '0.0.0') },
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: false,
        include: ['src/**/*.ts', 'test/size/*.ts'],
        compilerOptions: { target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, skipLibCheck: true, types: [] },
        outputToFilesystem: false,
      }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({
    format: 'iife',
    plugins: [terser({ ecma: 2020, module: true, compress: { passes: 2, pure_getters: true }, format: { comments: false } })],
  });
  return output[0].code;
}

describe('size budgets (brotli)', () => {
  const lazy = readdirSync(join(root, 'dist/lazy')).filter((f) => f.endsWith('.mjs'));
  const files = [...new Set([...Object.keys(BUDGETS), ...lazy.map((f) => `dist/lazy/${f}`)])];

  it.each(files)('%s', (file) => {
    const { brotli } = sizes(readFileSync(join(root, file)));
    expect(brotli, `${file} is ${brotli} B brotli`).toBeLessThanOrEqual(BUDGETS[file] ?? DEFAULT_LAZY_BUDGET);
  });

  it.each(['shopify', 'woocommerce'])('script tag + %s adapter', (platform) => {
    const total = ['dist/homing.iife.js', `dist/lazy/${platform}.mjs`].reduce((sum, file) => sum + sizes(readFileSync(join(root, file))).brotli, 0);
    expect(total, `script tag + ${platform}.mjs = ${total} B brotli`).toBeLessThanOrEqual(PLATFORM_PAGE_BUDGET);
  });

  it('SDK core alone (no capture, no thank-you page)', async () => {
    const { brotli } = sizes(await buildCore());
    expect(brotli, `core is ${brotli} B brotli`).toBeLessThanOrEqual(CORE_BUDGET);
  });
});
