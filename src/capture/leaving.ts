// An event recorded as the page leaves (a full-page form post): host.track starts its IndexedDB
// write at once, but a document being unloaded may abort a write still in flight. So the event
// is also put in localStorage, synchronously (it survives any unload), and the next page records
// it again under the same messageId: the queue and the collector keep one copy either way.
import { nanoid } from 'nanoid';
import type { PluginHost, Properties } from '../core/types.js';

const KEY = 'homing:leaving';

export function recordLeaving(host: PluginHost, event: string, properties: Properties): void {
  const messageId = nanoid();
  try {
    localStorage.setItem(KEY, JSON.stringify([event, properties, messageId]));
  } catch {
    // storage disabled: IndexedDB alone then
  }
  host.track(event, properties, { messageId });
}

/** Records what the previous page left behind; true when there was something. */
export function replayLeaving(host: PluginHost): boolean {
  try {
    const saved = localStorage.getItem(KEY);
    if (!saved) return false;
    const [event, properties, messageId] = JSON.parse(saved);
    host.track(event, properties, { messageId }).then(() => localStorage.removeItem(KEY));
    return true;
  } catch {
    return false;
  }
}
