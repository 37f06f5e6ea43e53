// `npm run plugin:zip` gives the file an owner uploads in WordPress (Plugins → Add New → Upload):
// everything under homing/, the built script and its lazy chunks included, the build tools left out,
// and a zip that an ordinary unzip reads back byte for byte. (The test run has just built dist/.)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const zip = join(root, 'dist-plugin/homing-woocommerce.zip');
const unzip = spawnSync('unzip', ['-v']).status === 0;
if (!unzip && !process.env.CI) console.warn('plugin zip test skipped: unzip is not installed (apt-get install unzip)');

(unzip || process.env.CI ? describe : describe.skip)('the WordPress plugin zip', () => {
  it('holds the plugin, its translations and the built browser files, under homing/', () => {
    execFileSync('node', ['examples/woocommerce/plugin/copy-assets.mjs'], { cwd: root, stdio: 'ignore' });
    execFileSync('node', ['examples/woocommerce/plugin/zip.mjs'], { cwd: root, stdio: 'ignore' });
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining(['homing/homing.php', 'homing/uninstall.php', 'homing/includes/class-homing-consent.php', 'homing/languages/homing-fa_IR.mo', 'homing/assets/homing.iife.js', 'homing/assets/.htaccess', 'homing/assets/lazy/upsell.mjs']));
    expect(names.filter((name) => !name.startsWith('homing/') || /copy-assets|zip\.mjs|\.gitignore|\.map$/.test(name))).toEqual([]);
    execFileSync('unzip', ['-tq', zip]);
    expect(execFileSync('unzip', ['-p', zip, 'homing/assets/homing.iife.js'])).toEqual(readFileSync(join(root, 'dist/homing.iife.js')));
    expect(execFileSync('unzip', ['-p', zip, 'homing/languages/homing-ar.mo'])).toEqual(readFileSync(join(root, 'examples/woocommerce/plugin/languages/homing-ar.mo')));
  });
});
