// Where events and small state live. One tiny key/value interface with three backends, chosen
// by a real test write (private modes and locked-down webviews fail only when you try):
// IndexedDB (idb-keyval custom store), then localStorage, then memory.
import { createStore, delMany, get, promisifyRequest, setMany, type UseStore } from 'idb-keyval';

export type StorageKind = 'indexeddb' | 'localstorage' | 'memory';

export interface KeyValueStore {
  readonly kind: StorageKind;
  get<T>(key: string): Promise<T | undefined>;
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<[string, T][]>;
}

/**
 * An idb-keyval store that opens a fresh connection when the old one was closed under us:
 * Safari closes IndexedDB in background tabs and later transactions throw InvalidStateError
 * (https://github.com/jakearchibald/idb-keyval/issues/165).
 */
export function reopeningStore(open: () => UseStore = () => createStore('homing', 'events')): UseStore {
  let use = open();
  return (mode, callback) =>
    use(mode, callback).catch((error: unknown) => {
      if ((error as Error | undefined)?.name !== 'InvalidStateError') throw error;
      use = open();
      return use(mode, callback);
    });
}

export function indexedDbStore(use: UseStore = reopeningStore()): KeyValueStore {
  return {
    kind: 'indexeddb',
    get: (key) => get(key, use),
    setMany: (entries) => setMany(entries, use),
    delMany: (keys) => delMany(keys, use),
    entries: <T>(prefix: string) =>
      use('readonly', (store) => {
        const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
        return Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
      }).then(([keys, values]) => keys.map((key, i) => [key as string, values[i] as T] as [string, T])),
  };
}

/** localStorage under a `homing:` prefix; values are JSON. Shared by every tab like IndexedDB. */
export function localStorageStore(storage: Storage = localStorage, namespace = 'homing:'): KeyValueStore {
  const all = <T>(prefix: string): [string, T][] => {
    const found: [string, T][] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(namespace + prefix)) found.push([key.slice(namespace.length), JSON.parse(storage.getItem(key)!)]);
    }
    return found.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  };
  return {
    kind: 'localstorage',
    get: async (key) => {
      const value = storage.getItem(namespace + key);
      return value === null ? undefined : JSON.parse(value);
    },
    setMany: async (entries) => entries.forEach(([key, value]) => storage.setItem(namespace + key, JSON.stringify(value))),
    delMany: async (keys) => keys.forEach((key) => storage.removeItem(namespace + key)),
    entries: async (prefix) => all(prefix),
  };
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    kind: 'memory',
    get: async (key) => map.get(key) as never,
    setMany: async (entries) => entries.forEach(([key, value]) => map.set(key, value)),
    delMany: async (keys) => keys.forEach((key) => map.delete(key)),
    entries: async <T>(prefix: string) =>
      [...map].filter(([key]) => key.startsWith(prefix)).sort((a, b) => (a[0] < b[0] ? -1 : 1)) as [string, T][],
  };
}

/** The first backend that survives a real write and read-back. */
export async function pickStorage(candidates: (() => KeyValueStore)[] = [indexedDbStore, localStorageStore]): Promise<KeyValueStore> {
  for (const make of candidates) {
    try {
      const store = make();
      await store.setMany([['probe', 1]]);
      if ((await store.get('probe')) === 1) return store;
    } catch {
      // unavailable (private mode, disabled storage, quota): try the next one
    }
  }
  return memoryStore();
}
