// Where events and small state live. One tiny key/value interface with three backends, chosen
// by a real test write (private modes and locked-down webviews fail only when you try):
// IndexedDB (idb-keyval custom store), then localStorage, then memory. The script tag loads the
// localStorage backend as a lazy chunk (./local-storage.lazy.ts) only where IndexedDB fails.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

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
  // Reads asked for in the same turn (at start: the anonymous id, the time zone and the queue; then
  // the cart and its id) share one transaction: each transaction is a round trip to the browser
  // process. The transaction stays usable for requests made in the microtasks of the turn it
  // was opened in, which is when every waiting read runs.
  let reading: Promise<IDBObjectStore> | undefined;
  const read = <T>(callback: (store: IDBObjectStore) => Promise<T>): Promise<T> => {
    if (!reading) (reading = use('readonly', async (store) => store)).finally(() => (reading = undefined)).catch(() => {});
    return reading.then(callback);
  };
  return {
    kind: 'indexeddb',
    get: (key) => read((store) => promisifyRequest(store.get(key))),
    setMany: (entries) => use('readwrite', (store) => (entries.forEach(([key, value]) => store.put(value, key)), promisifyRequest(store.transaction))),
    delMany: (keys) => use('readwrite', (store) => (keys.forEach((key) => store.delete(key)), promisifyRequest(store.transaction))),
    entries: <T>(prefix: string) =>
      read((store) => {
        const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
        return Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
      }).then(([keys, values]) => keys.map((key, i) => [key as string, values[i] as T] as [string, T])),
  };
}

/** The synchronous part a Map has and a localStorage adapter provides. */
interface SyncMap {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
  delete(key: string): unknown;
  keys(): Iterable<string>;
}

function syncStore(kind: StorageKind, map: SyncMap): KeyValueStore {
  return {
    kind,
    get: async (key) => map.get(key) as never,
    setMany: async (entries) => entries.forEach(([key, value]) => map.set(key, value)),
    delMany: async (keys) => keys.forEach((key) => map.delete(key)),
    entries: async <T>(prefix: string) =>
      [...map.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => [key, map.get(key)] as [string, T]),
  };
}

/** localStorage under a `homing:` prefix, values as JSON; shared by every tab like IndexedDB. */
export function localStorageStore(storage: Storage = localStorage, namespace = 'homing:'): KeyValueStore {
  return syncStore('localstorage', {
    get: (key) => JSON.parse(storage.getItem(namespace + key) ?? 'null') ?? undefined,
    set: (key, value) => storage.setItem(namespace + key, JSON.stringify(value)),
    delete: (key) => storage.removeItem(namespace + key),
    keys: () => Object.keys(storage).flatMap((key) => (key.startsWith(namespace) ? [key.slice(namespace.length)] : [])),
  });
}

export const memoryStore = (): KeyValueStore => syncStore('memory', new Map());

/** The first backend that survives a real write (the script tag names its own: localStorage comes lazily). */
export async function pickStorage(candidates: (() => KeyValueStore | Promise<KeyValueStore>)[]): Promise<KeyValueStore> {
  for (const make of candidates) {
    try {
      const store = await make();
      await store.setMany([['probe', 1]]);
      return store;
    } catch {
      // unavailable (private mode, disabled storage, quota): try the next one
    }
  }
  return memoryStore();
}
