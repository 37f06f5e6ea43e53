// The snippet's stub: `window.homing = window.homing || []` and `homing.push(['track', ...])`
// before the script arrives. The client replaces the array, replays the calls in order, and
// keeps a `push` so snippets that run later still work.
import type { Homing } from './types.js';

export type LoadedHoming = Homing & { push(call: unknown[]): void };

export function replaceStub(client: Homing, queued: unknown, warn: (message: unknown) => void): LoadedHoming {
  const run = (call: unknown) => {
    const [method, ...args] = Array.isArray(call) ? call : [];
    // Any key is safe to look up: only a function (never `push`, which would loop) is called.
    const fn = method !== 'push' ? (client as any)[method] : undefined;
    if (typeof fn != 'function') return warn(`homing.push() got an unknown call ${JSON.stringify(call)}`);
    try {
      fn(...args);
    } catch (error) {
      warn(error);
    }
  };
  const loaded = Object.assign(client, { push: (...calls: unknown[][]) => calls.forEach(run) });
  if (Array.isArray(queued)) queued.forEach(run);
  return loaded;
}
