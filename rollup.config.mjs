// Builds: npm entry (ESM + CJS + types), the script-tag IIFE, and lazily loaded chunks.
// A file named `*.lazy.ts` anywhere under src/ (a widget, the vitals reporter...) becomes its own
// minified ESM file in dist/lazy/, fetched by the script tag only on the pages that need it.
// The capture chunks (src/capture/*.lazy.ts: platform adapters, phone watcher) are each built on
// their own, whatever they share: they sit between an add to cart and its event, so each is one
// request, never a second one for a shared helper.
import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

function findLazyEntries(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findLazyEntries(path);
    return entry.name.endsWith('.lazy.ts') ? [path] : [];
  });
}

const lazyPaths = findLazyEntries('src');
// Capture chunks (a platform adapter, the phone watcher) are each built on their own, so a page
// loads one file for its platform instead of one plus shared pieces it would wait for too.
const isCaptureChunk = (path) => path.startsWith(join('src', 'capture'));
const lazyEntries = Object.fromEntries(lazyPaths.filter((path) => !isCaptureChunk(path)).map((path) => [basename(path, '.lazy.ts'), path]));

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false, sourceMap: true }, outputToFilesystem: false });
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] });
// Members of the script tag's own objects (transport, durable queue, cart tracker) that terser
// shortens in dist/homing.iife.js: each is read only inside that one file. terser renames every
// `.name` listed here (`builtins: true`: a DOM name too), so never list a name the script tag also
// reads on a DOM or third-party object, a public API name (Homing, PluginHost, KeyValueStore,
// HomingDeps), a wire or stored field, a member of an object a lazy chunk gets (a chunk is
// minified on its own) or of one shared with other Homing copies on the page (window.__homing*).
const SCRIPT_TAG_MEMBERS = /^(becomeSender|resign|setEnabled|forget|visible|online|schedule|notify|beacon|drops|resyncing|cartId|current|sync|hide|loaded|read|count|events|ageMs|keep)$/;
const minify = (mangle = {}) =>
  terser({ ecma: 2020, module: true, compress: { passes: 2, pure_getters: true }, mangle, format: { comments: false } });
const replaceVersion = () => ({
  name: 'homing-version',
  transform: (code) => (code.includes('__HOMING_VERSION__') ? code.replaceAll('__HOMING_VERSION__', pkg.version) : null),
});

const builds = [
  {
    input: { homing: 'src/index.ts' },
    plugins: [replaceVersion(), resolve(), ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', sourcemap: true },
    ],
  },
  {
    input: 'src/index.ts',
    plugins: [dts({ tsconfig: './tsconfig.json' })],
    output: { file: 'dist/homing.d.ts', format: 'es' },
  },
  {
    input: 'src/standalone.ts',
    plugins: [replaceVersion(), resolve(), ts(), minify({ properties: { regex: SCRIPT_TAG_MEMBERS, builtins: true } })],
    // The map ships next to it without a sourceMappingURL line: every store page would download
    // those bytes, and a developer can still add the map by hand in the browser's devtools.
    output: { file: 'dist/homing.iife.js', format: 'iife', sourcemap: 'hidden' },
  },
  // Shopify pixel (`homing/shopify-pixel`): ESM + types for app pixel extensions, and an IIFE to paste into a Custom Pixel.
  {
    input: { 'shopify-pixel': 'src/shopify-pixel/index.ts' },
    plugins: [replaceVersion(), resolve(), ts()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', sourcemap: true },
  },
  { input: 'src/shopify-pixel/index.ts', plugins: [dts({ tsconfig: './tsconfig.json' })], output: { file: 'dist/shopify-pixel.d.ts', format: 'es' } },
  {
    input: 'src/shopify-pixel/custom-pixel.ts',
    plugins: [replaceVersion(), resolve(), ts(), minify()],
    output: { file: 'dist/shopify-pixel.iife.js', format: 'iife', sourcemap: true },
  },
  // The wire contract (`homing/protocol`) for the collector and other servers: TypeBox is bundled in,
  // so the SDK package keeps browser-only runtime dependencies.
  {
    input: { protocol: 'src/protocol/index.ts' },
    plugins: [resolve(), ts()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', sourcemap: true },
  },
  { input: 'src/protocol/index.ts', plugins: [dts({ tsconfig: './tsconfig.json' })], output: { file: 'dist/protocol.d.ts', format: 'es' } },
];

if (Object.keys(lazyEntries).length) {
  builds.push({
    input: lazyEntries,
    plugins: [replaceVersion(), resolve(), ts(), minify()],
    output: { dir: 'dist/lazy', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'shared-[hash].mjs', sourcemap: true },
  });
}

for (const path of lazyPaths.filter(isCaptureChunk)) {
  builds.push({
    input: { [basename(path, '.lazy.ts')]: path },
    plugins: [replaceVersion(), resolve(), ts(), minify()],
    output: { dir: 'dist/lazy', format: 'es', entryFileNames: '[name].mjs', sourcemap: true },
  });
}

export default builds.map((build) => ({ ...build, onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
} }));
