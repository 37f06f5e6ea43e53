// Short links lead only back to the store: its configured URL (same origin, and a path under the
// URL's path) or this collector's own pages (the survey and review pages). A target is checked when the link is made
// and again when it is followed, against the configuration of that moment, so a link stored by an
// older version (or before the store's URL changed) cannot send a shopper to another site.
import type { FeatureContext } from '../feature.js';

function parse(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True when `target` is `base` or a page under it: same origin, path below base's path, no credentials. */
export function isUnder(target: string, base: string): boolean {
  const t = parse(target);
  const b = parse(base);
  if (!t || !b || t.username || t.password || t.origin !== b.origin) return false;
  const basePath = b.pathname.replace(/\/+$/, '');
  return t.pathname === basePath || t.pathname.startsWith(`${basePath}/`);
}

/** The store's configured URL, and its platform's own checkout host where it has one (Shopify's shop domain). */
type StoreUrlLookup = (writeKey: string) => string[];
// Store URLs live in the campaigns configuration; the feature that owns it registers the lookup
// for its collector (keyed by the collector's database, as every collector has its own).
const lookups = new WeakMap<object, StoreUrlLookup>();

export function setStoreUrlLookup(ctx: Pick<FeatureContext, 'db'>, lookup: StoreUrlLookup): void {
  lookups.set(ctx.db, lookup);
}

/** Where a link of this store may lead: the store's configured URL, or this collector's survey and review pages. */
export function linkTargetAllowed(ctx: Pick<FeatureContext, 'db' | 'config'>, writeKey: string, target: string): boolean {
  if ((lookups.get(ctx.db)?.(writeKey) ?? []).some((base) => isUnder(target, base))) return true;
  return ['/s/', '/review/'].some((page) => isUnder(target, new URL(page, ctx.config.publicUrl).toString()));
}
