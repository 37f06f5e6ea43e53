// Script-tag entry (dist/homing.iife.js): options from this script's data-* attributes, the
// stub queue replayed, lazy chunks loaded from `lazy/` next to this file.
import { capturePlugin } from './capture/plugin.js';
import { optionsFromAttributes } from './core/attributes.js';
import { createClient } from './core/client.js';
import { replaceStub } from './core/stub.js';
import { warn } from './core/warn.js';
import { thankYouPlugin } from './thank-you/plugin.js';

const w = window as unknown as { homing?: unknown };

if (!w.homing || Array.isArray(w.homing)) {
  try {
    const script = (document.currentScript ?? document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
    const base = script?.src || location.href;
    const options = optionsFromAttributes((name) => script?.getAttribute(name) ?? null, warn);
    // A chunk whose fetch failed is tried once more under another URL: browsers may keep a failed
    // dynamic import's result for its URL (https://crbug.com/1195405), and on a dropped connection the
    // phone watcher or an order would be lost for the rest of the page.
    const client = createClient({ ...options, plugins: [capturePlugin(), thankYouPlugin()] }, { load: (name, url = new URL(`lazy/${name}.mjs`, base).href) => import(url).catch(() => import(url + '?retry')) });
    w.homing = replaceStub(client, w.homing, warn);
  } catch (error) {
    warn(error);
  }
}
