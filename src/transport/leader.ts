// One tab of the origin sends at a time: the holder of a Web Lock that is kept for the page's
// whole life and passes to a waiting tab when the holder closes
// (https://developer.mozilla.org/docs/Web/API/Web_Locks_API). Where Web Locks are missing,
// every tab sends: the collector dedupes on messageId, so that costs requests, never events.
export function becomeSender(locks: LockManager | undefined, name: string, onSender: () => void): void {
  if (!locks) return onSender();
  locks
    .request(name, () => {
      onSender();
      return new Promise<never>(() => {});
    })
    .catch(onSender);
}
