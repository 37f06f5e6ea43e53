import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { indexedDbStore, localStorageStore, memoryStore, pickStorage, reopeningStore } from '../../../src/queue/storage.js';

describe('storage backends', () => {
  for (const [name, make] of [
    ['indexeddb', () => indexedDbStore(reopeningStore(() => createStore(`db-${Math.random()}`, 'events')))],
    ['localstorage', () => localStorageStore(localStorage, `t${Math.random()}:`)],
    ['memory', memoryStore],
  ] as const) {
    it(`${name}: stores, lists by prefix in key order, deletes`, async () => {
      const store = make();
      expect(store.kind).toBe(name);
      await store.setMany([['q:b', { n: 2 }], ['q:a', { n: 1 }], ['s:x', 'state']]);
      expect(await store.get('s:x')).toBe('state');
      expect(await store.get('missing')).toBeUndefined();
      expect(await store.entries('q:')).toEqual([['q:a', { n: 1 }], ['q:b', { n: 2 }]]);
      await store.delMany(['q:a']);
      expect(await store.entries('q:')).toEqual([['q:b', { n: 2 }]]);
    });
  }

  it('indexeddb: reads asked for together share one transaction, later ones open their own', async () => {
    const modes: IDBTransactionMode[] = [];
    const use = createStore(`shared-${Math.random()}`, 'events');
    const store = indexedDbStore((mode, callback) => use(mode, (objects) => (modes.push(mode), callback(objects))));
    await store.setMany([['aid', 'a1'], ['tz', [60, 'Europe/Paris']], ['q:1', { n: 1 }]]);
    modes.length = 0;
    // The start of a page: anonymous id, time zone and queue at once.
    expect(await Promise.all([store.get('aid'), store.get('tz'), store.entries('q:')])).toEqual(['a1', [60, 'Europe/Paris'], [['q:1', { n: 1 }]]]);
    expect(modes).toEqual(['readonly']);
    expect(await store.get('missing')).toBeUndefined(); // a read after those gets a fresh transaction
    expect(modes).toEqual(['readonly', 'readonly']);
  });

  it('picks IndexedDB when a test write works there', async () => {
    expect((await pickStorage([indexedDbStore, localStorageStore])).kind).toBe('indexeddb');
  });

  it('falls back to localStorage, then memory, when writes fail', async () => {
    const broken = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    const full = {
      ...localStorage,
      length: 0,
      key: () => null,
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect((await pickStorage([broken, () => localStorageStore()])).kind).toBe('localstorage');
    expect((await pickStorage([broken, () => localStorageStore(full)])).kind).toBe('memory');
  });

  it('reopens IndexedDB when the connection was closed under it (Safari background tabs)', async () => {
    let db: IDBDatabase | undefined;
    let opened = 0;
    const name = `reopen-${Math.random()}`;
    const open = (): UseStore => {
      opened++;
      const use = createStore(name, 'events');
      return (mode, callback) => use(mode, (store) => ((db = store.transaction.db), callback(store)));
    };
    const store = indexedDbStore(reopeningStore(open));
    await store.setMany([['q:1', 'first']]);
    db!.close(); // what Safari does; no `close` event fires for it
    await store.setMany([['q:2', 'second']]);
    expect(opened).toBe(2);
    expect(await store.entries('q:')).toEqual([['q:1', 'first'], ['q:2', 'second']]);
  });
});
