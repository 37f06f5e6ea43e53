// `createHoming()` for npm users. Lazy chunks are loaded with `import(`./lazy/${name}.mjs`)`
// relative to dist/homing.mjs: webpack (context module), Vite/Rollup (dynamic import variables)
// and esbuild (glob imports) all bundle every dist/lazy/*.mjs as a separate chunk from that one
// expression, so the app's bundler serves them; nothing is fetched from a CDN.
import { createClient } from './client.js';
import type { HomingDeps } from './deps.js';
import type { Homing, HomingOptions } from './types.js';

export function createHoming(options: HomingOptions, deps: HomingDeps = {}): Homing {
  return createClient(options, { load: (name) => import(`./lazy/${name}.mjs`), ...deps });
}
