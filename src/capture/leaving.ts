// An event recorded as the page leaves (a full-page form post): host.track starts its IndexedDB
// write at once, but a document being unloaded may abort a write still in flight. So the event
// is also put in localStorage, synchronously (it survives any unload), marked once IndexedDB has
// it; the next page records it again, under the same messageId, only when that mark is missing.
import { nanoid } from 'nanoid';
import type { PluginHost, Properties } from '../core/types.js';

const KEY = 'homing:leaving';

export function recordLeaving(host: PluginHost, event: string, properties: Properties): void {
  const messageId = nanoid();
  const keep = (stored: boolean) => {
    try {
      localStorage.setItem(KEY, JSON.stringify([event, properties, messageId, stored]));
    } catch {
      // storage disabled: IndexedDB alone then
    }
  };
  keep(false);
  host.track(event, properties, { messageId }).then(() => keep(true));
}

/** Records what the previous page could not store in time; true when it left an add to cart. */
export function replayLeaving(host: PluginHost): boolean {
  try {
    const saved = localStorage.getItem(KEY);
    if (!saved) return false;
    localStorage.removeItem(KEY);
    const [event, properties, messageId, stored] = JSON.parse(saved);
    if (!stored) host.track(event, properties, { messageId });
    // A checkout post leaves an event too, but only an add makes the next cart read a catch-up.
    return event == 'Product Added';
  } catch {
    return false;
  }
}
