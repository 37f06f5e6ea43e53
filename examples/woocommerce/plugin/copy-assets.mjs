// Copies the built browser files into the plugin (assets/homing.iife.js and assets/lazy/), so the
// plugin folder can be zipped and uploaded as is. Run `npm run build` first.
import { cpSync, existsSync } from 'node:fs';

const dist = new URL('../../../dist/', import.meta.url);
const assets = new URL('./assets/', import.meta.url);
if (!existsSync(new URL('homing.iife.js', dist))) {
  console.error('dist/homing.iife.js is missing: run `npm run build` first');
  process.exit(1);
}
cpSync(new URL('homing.iife.js', dist), new URL('homing.iife.js', assets));
cpSync(new URL('lazy/', dist), new URL('lazy/', assets), { recursive: true, filter: (src) => !src.endsWith('.map') });
console.log('copied dist/homing.iife.js and dist/lazy/ into examples/woocommerce/plugin/assets/');
