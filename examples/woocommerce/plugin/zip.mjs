// Writes dist-plugin/homing-woocommerce.zip: the plugin folder as WordPress's "Upload Plugin"
// expects it (everything under homing/), with the built script copied in by copy-assets.mjs.
// Written with fflate (deflate, fixed timestamps so the same files give the same zip): no zip tool
// is needed on the machine that builds it.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

const pluginDir = import.meta.dirname;
const out = join(pluginDir, '../../../dist-plugin/homing-woocommerce.zip');
/** Build tools of the plugin, not part of it. */
const SKIP = new Set(['copy-assets.mjs', 'zip.mjs', '.gitignore']);

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (SKIP.has(name) || name.endsWith('.map')) return [];
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

if (!statSync(join(pluginDir, 'assets/homing.iife.js'), { throwIfNoEntry: false })) {
  console.error('assets/homing.iife.js is missing: run `npm run build` and copy-assets.mjs first (or `npm run plugin:zip`)');
  process.exit(1);
}
const paths = files(pluginDir);
const entries = Object.fromEntries(paths.map((path) => [`homing/${relative(pluginDir, path).split(sep).join('/')}`, readFileSync(path)]));
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, zipSync(entries, { level: 9, mtime: new Date('1980-01-01T00:00:00') }));
console.log(`wrote ${relative(process.cwd(), out)} (${paths.length} files)`);
