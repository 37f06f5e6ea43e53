// The script tag without its feature plugins: what the SDK core alone costs every store page.
// Kept in step with src/standalone.ts (same calls, `plugins: []`).
import { optionsFromAttributes } from '../../src/core/attributes.js';
import { createClient } from '../../src/core/client.js';
import { replaceStub } from '../../src/core/stub.js';
import { warn } from '../../src/core/warn.js';

const w = window as unknown as { homing?: unknown };
const script = document.currentScript as HTMLScriptElement | null;
const options = optionsFromAttributes((name) => script?.getAttribute(name) ?? null, warn);
w.homing = replaceStub(createClient({ ...options, plugins: [] }, { load: (name) => import(new URL(`lazy/${name}.mjs`, script?.src).href) }), w.homing, warn);
