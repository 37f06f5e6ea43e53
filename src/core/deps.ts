// Everything the client touches outside itself, injectable for tests (idb-keyval's optional
// last-argument pattern): happy-dom has no IndexedDB, and fake timers need an injected clock.
import type { KeyValueStore } from '../queue/storage.js';

export interface HomingDeps {
  /** Where events and state are kept; default: the first of IndexedDB, localStorage, memory that works. */
  store?: KeyValueStore | Promise<KeyValueStore>;
  fetch?: typeof fetch;
  /** Sends a body while the page closes; default navigator.sendBeacon. */
  sendBeacon?: (url: string, body: string) => boolean;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** 0 ≤ n < 1, for retry jitter and vitals sampling. */
  random?: () => number;
  /** Web Locks; null: no locks (every tab sends). */
  locks?: LockManager | null;
  /** Loads a lazy chunk by name (`dist/lazy/<name>.mjs`). */
  load?: (name: string) => Promise<unknown>;
}

/** sendBeacon (every browser since 2018); false where it is missing: the events stay stored. */
export const defaultBeacon = (url: string, body: string): boolean => !!navigator.sendBeacon?.(url, body);
