// One tab of the origin sends at a time: the holder of a Web Lock
// (https://developer.mozilla.org/docs/Web/API/Web_Locks_API), which passes to a waiting tab when
// the holder goes away. The lock is given up on `pagehide` and asked for again on a `pageshow`
// from the back/forward cache: Chrome keeps a page that holds a lock out of that cache
// (https://groups.google.com/a/chromium.org/g/blink-dev/c/leFmfcpSOGM), and every store page
// would lose instant back navigation. Where Web Locks are missing every tab sends: the collector
// dedupes on messageId, so that costs requests, never events.
export function becomeSender(locks: LockManager | undefined, name: string, onSender: () => void, onResign: () => void): void {
  if (!locks) return onSender();
  let waiting: AbortController;
  let release: (() => void) | undefined;
  const request = () => {
    waiting = new AbortController();
    locks
      .request(name, { signal: waiting.signal }, () => {
        onSender();
        return new Promise<void>((resolve) => (release = resolve));
      })
      // Locks can be unavailable (opaque origins, sandboxed frames): then send anyway.
      .catch((error: Error) => error.name != 'AbortError' && onSender());
  };
  request();
  addEventListener('pagehide', () => {
    waiting.abort();
    release?.();
    release = undefined;
    onResign();
  });
  addEventListener('pageshow', (event) => event.persisted && request());
}
