// Watches the page's own cart requests by wrapping `fetch` and `XMLHttpRequest` once per page,
// however many Homing copies or plugin instances install it. The wrappers keep exact behaviour:
// the page gets its own promise and its own XHR, bodies are never read (only the URL, the
// method and the response headers), nothing runs synchronously beyond storing two strings, and
// nothing of ours can throw into the page.
import type { Platform } from '../core/types.js';
import { cartMutation } from './urls.js';
import { safe } from './safe.js';

export type MutationListener = (platform: Platform, header: (name: string) => string | null) => void;

interface NetState {
  listeners: Set<MutationListener>;
  patterns: RegExp[];
  /** The page's fetch as it was before Homing wrapped it: our own cart reads go through it unseen. */
  fetch: typeof fetch;
}

const KEY = '__homingNet';

function stateOf(win: any): NetState {
  return win[KEY];
}

export function nativeFetch(win: any): typeof fetch {
  return stateOf(win)?.fetch ?? win.fetch.bind(win);
}

function notify(state: NetState, url: string, method: string | undefined, ok: boolean, header: (name: string) => string | null): void {
  const platform = ok && cartMutation(url, method, state.patterns);
  if (platform) for (const listener of state.listeners) safe(listener)(platform, header);
}

function wrap(win: any, state: NetState): void {
  const originalFetch = win.fetch;
  if (originalFetch) {
    state.fetch = originalFetch.bind(win);
    win.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      // eslint-disable-next-line prefer-rest-params
      const promise: Promise<Response> = originalFetch.apply(this, arguments);
      // A branch of our own: the page's promise is returned untouched; a rejection is the page's.
      promise.then(
        safe((response: Response) => {
          const request = input instanceof Request ? input : undefined;
          notify(state, request?.url ?? String(input), init?.method ?? request?.method, response.ok, (name) => response.headers.get(name));
        }),
        () => {},
      );
      return promise;
    };
  }
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const open = proto.open;
  const send = proto.send;
  const requests = new WeakMap<XMLHttpRequest, [string, string]>();
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    try {
      requests.set(this, [method, String(url)]);
    } catch {
      // never in the page's way
    }
    // eslint-disable-next-line prefer-rest-params
    return open.apply(this, arguments as any);
  };
  proto.send = function (this: XMLHttpRequest) {
    const request = requests.get(this);
    if (request)
      this.addEventListener(
        'loadend',
        safe(() => notify(state, request[1], request[0], ((this.status / 100) | 0) == 2, (name) => this.getResponseHeader(name))),
      );
    // eslint-disable-next-line prefer-rest-params
    return send.apply(this, arguments as any);
  };
}

/** Calls `listener` after every successful cart-changing request of the page, for the page's life. */
export function observeCartRequests(listener: MutationListener, patterns: RegExp[] = [], win: any = window): void {
  let state = stateOf(win);
  if (!state) {
    state = win[KEY] = { listeners: new Set<MutationListener>(), patterns: [], fetch: undefined as unknown as typeof fetch };
    wrap(win, state);
  }
  state.patterns.push(...patterns);
  state.listeners.add(listener);
}
