// What every app page gets (AppView) and how a page is registered (appPage): the admin check,
// the owner's language, time zone and store, the layout and the strict headers. See layout.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../feature.js';
import { asLang, fromAcceptLanguage, LANG_COOKIE, langInfo, translator, type Key, type LangInfo, type Translate } from './i18n/index.js';
import { createFormat, TZ_COOKIE, validTimeZone, type Format } from './format.js';
import { listStores, type StoreInfo } from './stores.js';
import { renderLayout } from './layout.js';

/** Same-origin styles and scripts only; nothing inline, nothing from elsewhere. */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const STORE_COOKIE = 'homing_store';

export interface AppView {
  lang: LangInfo;
  t: Translate;
  fmt: Format;
  stores: StoreInfo[];
  /** The picked store's write key; '' means all stores (only on pages with `allStores`). */
  store: string;
  /** The request's query, string values only. */
  query: Record<string, string>;
  path: string;
  now: Date;
  /** A link with the store kept and `params` changed (undefined removes): to `path` with nothing else, or to this page with its other query values. */
  href(params: Record<string, string | number | undefined>, path?: string): string;
}

export interface AppPage {
  path: string;
  /** The navigation entry shown as current (nav.ts ids). */
  nav?: string;
  /** Title key (shown in the tab); the body brings its own heading. */
  title: Key;
  /** The store picker offers "All stores". */
  allStores?: boolean;
  /** HTML of the page's main part, or undefined when the page answered itself (a redirect, a file). */
  render(view: AppView, request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>;
}

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const YEAR = 365 * 24 * 3600;
const preference = (name: string, value: string) => `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${YEAR}; SameSite=Strict`;

function stringQuery(request: FastifyRequest): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query as Record<string, unknown>) ?? {})) if (typeof v === 'string') query[k] = v;
  return query;
}

/** The owner's language: ?lang= (remembered), the cookie, Accept-Language, English. */
export function pickLang(request: FastifyRequest, reply: FastifyReply): LangInfo {
  const asked = asLang(stringQuery(request).lang);
  if (asked) reply.header('set-cookie', preference(LANG_COOKIE, asked));
  return langInfo(asked ?? asLang(cookieValue(request, LANG_COOKIE)) ?? fromAcceptLanguage(request.headers['accept-language']) ?? 'en');
}

export function viewFor(ctx: FeatureContext, features: CollectorFeature[], request: FastifyRequest, reply: FastifyReply, allStores = false): AppView {
  const query = stringQuery(request);
  const lang = pickLang(request, reply);
  const t = translator(lang.lang);
  const fmt = createFormat(lang, validTimeZone(cookieValue(request, TZ_COOKIE)) ?? 'UTC', t, ctx.now);
  const stores = listStores(ctx, features);
  const known = (key: string | undefined) => (key !== undefined && stores.some((s) => s.writeKey === key) ? key : undefined);
  let store: string;
  if (query.store !== undefined) {
    store = query.store === 'all' && allStores ? '' : (known(query.store) ?? stores[0]?.writeKey ?? '');
    reply.header('set-cookie', preference(STORE_COOKIE, store || 'all'));
  } else {
    const remembered = cookieValue(request, STORE_COOKIE);
    store = remembered === 'all' && allStores ? '' : (known(remembered) ?? stores[0]?.writeKey ?? '');
  }
  const path = request.url.split('?')[0]!;
  const href = (params: Record<string, string | number | undefined>, to?: string) => {
    const base: Record<string, string> = to === undefined ? { ...query } : {};
    delete base.lang;
    const merged: Record<string, string | number | undefined> = { ...base, store: store || 'all', ...params };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') search.set(k, String(v));
    const text = search.toString();
    return text ? `${to ?? path}?${text}` : (to ?? path);
  };
  return { lang, t, fmt, stores, store, query, path, now: ctx.now(), href };
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', APP_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

export function appPage(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[], page: AppPage): void {
  app.get(page.path, async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const view = viewFor(ctx, features, request, reply, page.allStores);
    const body = await page.render(view, request, reply);
    if (body === undefined) return reply;
    return sendHtml(reply, reply.statusCode === 200 ? 200 : reply.statusCode, renderLayout(view, { title: view.t(page.title), nav: page.nav, allStores: page.allStores, body }));
  });
}
