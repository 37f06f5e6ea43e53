// Delivery from the pixel sandbox: events wait in the top frame's localStorage (through the
// pixel's `browser` API) until the collector answers 2xx, then leave; a failed send is retried
// with the next event or page of the checkout. POST /v1/batch, text/plain (no preflight), with
// `keepalive` so a send started as the page changes still completes (Shopify recommends fetch
// keepalive over the deprecated browser.sendBeacon).
import type { HomingEvent } from '../protocol/types.js';
import type { PixelApi } from './api.js';

const KEY = 'homing_pixel_outbox';
const MAX_EVENTS = 50;

export function createOutbox(collector: string, writeKey: string, storage: PixelApi['browser']['localStorage'], fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
  const url = `${collector.replace(/\/+$/, '')}/v1/batch`;
  let chain = Promise.resolve();
  const read = async (): Promise<HomingEvent[]> => {
    try {
      const list = JSON.parse((await storage.getItem(KEY)) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  };
  const write = (events: HomingEvent[]) => storage.setItem(KEY, JSON.stringify(events.slice(-MAX_EVENTS)));

  async function flush(): Promise<void> {
    const events = await read();
    if (!events.length) return;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        keepalive: true,
        credentials: 'omit',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ batch: events, sentAt: new Date().toISOString(), writeKey }),
      });
      if (!response.ok) return;
      const sent = new Set(events.map((e) => e.messageId));
      await write((await read()).filter((e) => !sent.has(e.messageId)));
    } catch {
      // offline or refused: kept for the next try
    }
  }

  return {
    /** Stores the event, then sends everything waiting. Calls run one after another. */
    add(event: HomingEvent): Promise<void> {
      // A failed write (quota, a sandbox without storage) must not stop every later event.
      chain = chain
        .then(async () => {
          const events = await read();
          if (!events.some((e) => e.messageId == event.messageId)) await write([...events, event]);
          await flush();
        })
        .catch(() => undefined);
      return chain;
    },
    flush: () => (chain = chain.then(flush).catch(() => undefined)),
  };
}
