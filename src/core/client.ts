// The client behind `createHoming()` and the script tag: builds events, stores them durably,
// hands them to the transport, and gives features (plugins) a small safe host. Nothing here
// throws into the page: every public method catches and warns.
import { nanoid } from 'nanoid';
import type { HomingEvent } from '../protocol/types.js';
import { MAX_BATCH_BODY_BYTES } from '../protocol/types.js';
import { byteLength, createQueue } from '../queue/queue.js';
import { indexedDbStore, pickStorage } from '../queue/storage.js';
import { becomeSender } from '../transport/leader.js';
import { createTransport } from '../transport/transport.js';
import { contextFactory, detectPlatform, pageProperties, timeZone } from './context.js';
import { defaultBeacon, type HomingDeps } from './deps.js';
import { warn } from './warn.js';
import type { ConsentState, Homing, HomingOptions, PluginHost, Properties, TrackOptions } from './types.js';

type LocalStorageChunk = typeof import('../queue/local-storage.lazy.js');
type ThankYouChunk = typeof import('../thank-you/thank-you.lazy.js');
type Fields = { event?: string; properties?: Properties; traits?: Properties };

export function createClient(options: HomingOptions, deps: HomingDeps & Required<Pick<HomingDeps, 'load'>>): Homing {
  const { writeKey, collector } = options;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const platform = options.platform ?? detectPlatform();
  const eventContext = contextFactory(platform, options.locale);
  let consent: ConsentState = options.consent ?? 'granted';
  let anonymousId: string;
  let zone: [number, string] | undefined;
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(`homing:${writeKey}`) : undefined;

  // localStorage only where IndexedDB fails: its backend is a lazy chunk (see queue/storage.ts).
  const storage = Promise.resolve(
    deps.store ?? pickStorage([indexedDbStore, async () => ((await deps.load('local-storage')) as LocalStorageChunk).localStorageStore()]),
  );
  const queue = createQueue(storage, now);
  const transport = createTransport({
    // Without a write key the collector could only refuse (401) and the events would be dropped.
    url: writeKey && collector && `${collector.replace(/\/+$/, '')}/v1/batch`,
    writeKey,
    queue,
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    beacon: deps.sendBeacon ?? defaultBeacon,
    now,
    random,
    warn,
    notify: (delay) => channel?.postMessage(delay),
  });
  transport.setEnabled(consent === 'granted');

  const newAnonymousId = async () => (await storage).setMany([['aid', (anonymousId = nanoid())]]);
  const ready = storage.then(async (store) => {
    // Read together: one storage round trip.
    const [id, saved] = await Promise.all([store.get<string>('aid'), store.get<[number, string]>('tz')]);
    anonymousId = id ?? '';
    if (!anonymousId) await newAnonymousId();
    if (saved) readZone(saved);
    return store;
  });

  /**
   * The time zone is read (an expensive first Intl call: 50-90 ms of main thread at 4x CPU on a
   * fresh page) only once a phone number is known, since SMS quiet hours are what need it; then it
   * is kept, and every later event of this browser carries it.
   */
  const readZone = (saved?: [number, string]) => {
    zone = timeZone(saved);
    if (zone !== saved) void storage.then((store) => store.setMany([['tz', zone]]));
  };

  /** Resolves once the event is durably stored; never rejects. */
  function record(type: HomingEvent['type'], fields: Fields, { messageId, urgent }: TrackOptions = {}): Promise<void> {
    let timestamp: string, context: HomingEvent['context'];
    try {
      // When it happened and on which page: read now, not once storage is ready.
      timestamp = new Date(now()).toISOString();
      context = eventContext(consent);
    } catch (error) {
      return Promise.resolve(warn(error));
    }
    return ready
      .then(async () => {
        if (consent === 'denied') return;
        if (type == 'identify' && !zone) readZone();
        const event = { type, ...fields, messageId: messageId ?? nanoid(), anonymousId, timestamp, context: { ...context, timezone: zone?.[1] } } as HomingEvent;
        // Measured once: the queue keeps the size for its limits.
        const bytes = byteLength(event);
        if (bytes > MAX_BATCH_BODY_BYTES - 1024) return warn(`${fields.event ?? type} is over 59 KB; dropped`);
        if (options.debug) console.debug('homing:', event);
        const durable = queue.add(event, bytes);
        transport.add(event, durable, urgent);
        await durable;
      })
      .catch(warn);
  }

  const homing: Homing = {
    track: (event, properties, opts) =>
      typeof event == 'string' && event ? record('track', { event, properties: { ...properties } }, opts) : (warn('track() needs an event name'), Promise.resolve()),
    identify: (traits, opts) => record('identify', { traits: { ...traits } }, opts),
    page: (properties) => record('page', { properties: { ...pageProperties(), ...properties } }),
    // The order is recorded by the thank-you chunk, which thank-you pages load anyway: the every-page
    // script does not carry the messageId hash for a call only thank-you pages make.
    orderCompleted: (order) => {
      const orderId = String(order?.order_id ?? '');
      if (!orderId) return Promise.resolve(warn('orderCompleted() needs an order_id'));
      return deps
        .load('thank-you')
        .then((chunk) => (chunk as ThankYouChunk).recordOrder(host, { ...order, order_id: orderId }))
        .catch(warn);
    },
    flush: () => ready.then(transport.flush, warn),
    ready: (callback) => void ready.then(() => callback(homing)).catch(warn),
    consent: (state, fromOtherTab?: boolean) => {
      if (!/^(granted|pending|denied)$/.test(state)) return warn(`consent("${state}") is not granted, pending or denied`);
      consent = state;
      transport.setEnabled(state === 'granted');
      if (state === 'denied') {
        // Nothing recorded before the denial may leave, not even from memory on hide.
        transport.forget();
        queue.clear().catch(warn);
      }
      // Every tab of the store follows the shopper's latest choice.
      if (!fromOtherTab) channel?.postMessage(state);
    },
    reset: () => void newAnonymousId().catch(warn),
    stats: async () => ({ queued: await queue.count(), dropped: await queue.drops(), storage: (await ready).kind, delivered: transport.delivered }),
  };

  const host: PluginHost = {
    ...homing,
    options: { ...options, platform },
    get: async (key) => (await ready).get(`f:${key}`),
    set: async (key, value) => (await ready).setMany([[`f:${key}`, value]]),
    load: deps.load as PluginHost['load'],
    warn,
  };

  if (channel) channel.onmessage = ({ data }) => (typeof data == 'number' ? transport.schedule(data) : (homing.consent as (s: ConsentState, o: boolean) => void)(data, true));
  addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? transport.hide() : transport.visible()));
  addEventListener('pagehide', transport.hide);
  addEventListener('online', transport.online);
  becomeSender(deps.locks === null ? undefined : (deps.locks ?? navigator.locks), `homing:${writeKey}`, transport.becomeSender, transport.resign);

  void homing.page();
  void ready.then(() => {
    for (const plugin of options.plugins ?? []) {
      try {
        plugin.setup(host);
      } catch (error) {
        warn(`${plugin.name}: ${error}`);
      }
    }
    if (random() < (options.vitalsSampleRate ?? 1)) startVitals(host);
  });
  return homing;
}

/** Web Vitals come from a lazy chunk (web-vitals is ~3 KB brotli), loaded after the page's own load. */
function startVitals(host: PluginHost): void {
  const start = () => host.load<{ startVitals(host: PluginHost): void }>('vitals').then((chunk) => chunk.startVitals(host), (error) => host.warn(`vitals: ${error}`));
  if (document.readyState === 'complete') start();
  else addEventListener('load', start);
}
