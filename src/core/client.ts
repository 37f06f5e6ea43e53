// The client behind `createHoming()` and the script tag: builds events, stores them durably,
// hands them to the transport, and gives features (plugins) a small safe host. Nothing here
// throws into the page: every public method catches and warns.
import { nanoid } from 'nanoid';
import type { HomingEvent } from '../protocol/types.js';
import { MAX_BATCH_BODY_BYTES } from '../protocol/types.js';
import { isUrgent } from '../queue/limits.js';
import { byteLength, createQueue } from '../queue/queue.js';
import { pickStorage } from '../queue/storage.js';
import { becomeSender } from '../transport/leader.js';
import { createTransport } from '../transport/transport.js';
import { detectPlatform, eventContext, pageProperties, shortHash } from './context.js';
import { defaultBeacon, type HomingDeps } from './deps.js';
import type { ConsentState, Homing, HomingOptions, PluginHost, Properties, TrackOptions } from './types.js';

type Fields = { event?: string; properties?: Properties; traits?: Properties };

export function createClient(options: HomingOptions, deps: HomingDeps & Required<Pick<HomingDeps, 'load'>>): Homing {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const platform = options.platform ?? detectPlatform();
  const warn = (message: string) => console.warn(`homing: ${message}`);
  const safe = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (error) {
      warn(String(error));
    }
  };
  let consent: ConsentState = options.consent ?? 'granted';
  let anonymousId = '';
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(`homing:${options.writeKey}`) : undefined;

  const storeReady = Promise.resolve(deps.store ?? pickStorage());
  const queue = storeReady.then((store) => createQueue(store, now));
  const transport = createTransport({
    url: options.collector && `${options.collector.replace(/\/+$/, '')}/v1/batch`,
    writeKey: options.writeKey,
    queue: {
      add: (event) => queue.then((q) => q.add(event)),
      read: () => queue.then((q) => q.read()),
      remove: (ids, rejected) => queue.then((q) => q.remove(ids, rejected)),
      clear: () => queue.then((q) => q.clear()),
      count: () => queue.then((q) => q.count()),
      drops: () => queue.then((q) => q.drops()),
    },
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    beacon: deps.sendBeacon ?? defaultBeacon,
    now,
    random,
    warn,
    notify: (delay) => channel?.postMessage(delay),
  });
  transport.setEnabled(consent === 'granted');

  const ready = storeReady.then(async (store) => {
    anonymousId = (await store.get<string>('aid')) ?? newAnonymousId(store);
    return store;
  });
  const newAnonymousId = (store: { setMany(e: [string, unknown][]): Promise<void> }) => {
    anonymousId = nanoid();
    void store.setMany([['aid', anonymousId]]);
    return anonymousId;
  };

  function record(type: HomingEvent['type'], fields: Fields, opts: TrackOptions = {}): Promise<void> {
    const timestamp = new Date(now()).toISOString();
    const context = eventContext(platform, options.locale, consent);
    return ready
      .then(async () => {
        if (consent === 'denied') return;
        const event = { type, ...fields, messageId: opts.messageId ?? nanoid(), anonymousId, timestamp, context } as HomingEvent;
        if (byteLength(event) > MAX_BATCH_BODY_BYTES - 1024) return warn(`event "${fields.event ?? type}" is larger than 59 KB; dropped`);
        if (options.debug) console.debug('homing:', event);
        const durable = queue.then((q) => q.add(event));
        transport.add(event, opts.urgent && !isUrgent(event) ? durable.then(() => transport.schedule(250)) : durable);
        await durable;
      })
      .catch((error) => warn(`could not record ${type}: ${String(error)}`));
  }

  const track = (event: string, properties: Properties = {}, opts?: TrackOptions) =>
    typeof event == 'string' && event ? record('track', { event, properties }, opts) : (warn('track() needs an event name'), Promise.resolve());
  const identify = (traits: Properties = {}, opts?: TrackOptions) => record('identify', { traits }, opts);
  const page = (properties: Properties = {}) => record('page', { properties: { ...pageProperties(), ...properties } });

  async function orderCompleted(order: Properties & { order_id: string }): Promise<void> {
    const orderId = String(order?.order_id ?? '');
    if (!orderId) return warn('orderCompleted() needs an order_id');
    const store = await ready;
    const key = `order:${orderId}`;
    if (await store.get(key)) return;
    await track('Order Completed', { ...order, order_id: orderId }, { messageId: `order-${shortHash(options.writeKey)}-${orderId}` });
    await store.setMany([[key, now()]]);
  }

  function setConsent(state: ConsentState, fromOtherTab = false): void {
    if (state !== 'granted' && state !== 'pending' && state !== 'denied') return warn(`consent() takes 'granted', 'pending' or 'denied', not ${String(state)}`);
    consent = state;
    transport.setEnabled(state === 'granted');
    if (state === 'denied') {
      transport.forget();
      void queue.then((q) => q.clear());
    }
    if (!fromOtherTab) channel?.postMessage(state);
  }

  const homing: Homing = {
    track: (...args) => safe(track)(...args) ?? Promise.resolve(),
    identify: (...args) => safe(identify)(...args) ?? Promise.resolve(),
    page: (...args) => safe(page)(...args) ?? Promise.resolve(),
    orderCompleted: (order) => orderCompleted(order).catch((error) => warn(String(error))),
    flush: () => ready.then(() => transport.flush()),
    ready: (callback) => void ready.then(() => safe(callback)(homing)),
    consent: (state) => safe(setConsent)(state),
    reset: () => void ready.then(newAnonymousId),
    stats: async () => {
      const store = await ready;
      const q = await queue;
      return { queued: await q.count(), dropped: await q.drops(), storage: store.kind, delivered: transport.delivered };
    },
  };

  const host: PluginHost = {
    options: { ...options, platform },
    track: homing.track,
    identify: homing.identify,
    page: homing.page,
    get: <T>(key: string) => ready.then((store) => store.get<T>(`f:${key}`)),
    set: (key, value) => ready.then((store) => store.setMany([[`f:${key}`, value]])),
    load: <T>(name: string) => deps.load(name) as Promise<T>,
    warn,
  };

  if (channel) channel.onmessage = ({ data }) => (typeof data == 'number' ? transport.schedule(data) : setConsent(data, true));
  addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? transport.hide() : transport.visible()));
  addEventListener('pagehide', transport.hide);
  addEventListener('online', transport.online);
  becomeSender(deps.locks === null ? undefined : (deps.locks ?? navigator.locks), `homing:${options.writeKey}`, transport.becomeSender);

  void homing.page();
  void ready.then(() => {
    for (const plugin of options.plugins ?? []) safe(() => plugin.setup(host))();
    startVitals(host, options.vitalsSampleRate ?? 1, random);
  });
  return homing;
}

/** Web Vitals come from a lazy chunk (web-vitals is ~3 KB): loaded after the page's own load. */
function startVitals(host: PluginHost, sampleRate: number, random: () => number): void {
  if (random() >= sampleRate) return;
  const start = () =>
    host.load<{ startVitals(host: PluginHost): void }>('vitals').then(
      (chunk) => chunk.startVitals(host),
      (error) => host.warn(`could not load vitals: ${String(error)}`),
    );
  if (document.readyState === 'complete') void start();
  else addEventListener('load', () => void start(), { once: true });
}
