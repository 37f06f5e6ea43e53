// The plugin speaks the store's language: every string it shows is in languages/homing.pot, each
// shipped language translates all of them, and the compiled .mo files say what the .po files say
// (they are what WordPress reads).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describePhp, runPlugin } from './wordpress.js';

const plugin = join(import.meta.dirname, '../../examples/woocommerce/plugin');
const LANGUAGES = ['fa_IR', 'he_IL', 'ar'];

/** msgid → msgstr of a .po/.pot file (strings may continue over several quoted lines). */
function readPo(file: string): Map<string, string> {
  const entries = new Map<string, string>();
  const text = readFileSync(join(plugin, 'languages', file), 'utf8');
  for (const block of text.split(/\n\s*\n/)) {
    const field = (name: string) => {
      const m = new RegExp(`^${name} ((?:".*"\\n?)+)`, 'm').exec(`${block}\n`);
      return m ? m[1]!.trim().split('\n').map((line) => JSON.parse(line) as string).join('') : undefined;
    };
    const id = field('msgid');
    if (id) entries.set(id, field('msgstr') ?? '');
  }
  return entries;
}

/** Strings passed to WordPress's translation functions with the plugin's text domain. */
function stringsInCode(): string[] {
  const files = ['homing.php', ...readdirSync(join(plugin, 'includes')).map((f) => `includes/${f}`)];
  const found = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(join(plugin, file), 'utf8').matchAll(/\b(?:__|_e|esc_html__|esc_attr__|esc_html_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'homing'\s*\)/g)) found.add(m[1]!.replace(/\\'/g, "'"));
  }
  return [...found].sort();
}

describePhp('plugin translations', () => {
  it('the template holds every string the plugin shows', () => {
    expect(stringsInCode().length).toBeGreaterThan(20);
    expect([...readPo('homing.pot').keys()].sort()).toEqual(stringsInCode());
  });

  it.each(LANGUAGES)('%s translates every string, and its .mo file matches its .po file', (locale) => {
    const po = readPo(`homing-${locale}.po`);
    expect([...po.keys()].sort()).toEqual(stringsInCode());
    expect([...po.entries()].filter(([, translated]) => !translated)).toEqual([]);
    const mo = runPlugin({ php: `echo json_encode(fake_read_mo(WP_PLUGIN_DIR . '/plugin/languages/homing-${locale}.mo'), JSON_UNESCAPED_UNICODE);` }).output;
    const compiled = JSON.parse(mo) as Record<string, string>;
    delete compiled['']; // the header
    expect(compiled).toEqual(Object.fromEntries(po));
  });
});
