// Where a shopper's language comes from. The events' context.locale is the SDK's data-locale, else
// the browser's language: an English browser on a Persian store says "en". The store page's own
// language says more: `context.page.lang` (the page's <html lang>, for SDKs that send it), else a
// `lang`/`locale` query parameter or a language prefix in the page's path (`/fa/products/…`, as
// Shopify Markets, WPML and Polylang write them). A tag that names no template's language is
// simply passed over when the text is picked (./template.ts).
const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;
const PATH_PREFIX = /^\/([a-z]{2}(?:-[a-z]{2,4})?)(?:\/|$)/i;

/** A BCP 47-like language tag (`fa`, `he-IL`, `pt_BR`), else undefined. */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.trim();
  return tag.length <= 35 && TAG.test(tag) ? tag : undefined;
}

/** The store page's language as an event's context.page shows it, if it does. */
export function pageLanguage(page: unknown): string | undefined {
  if (!page || typeof page !== 'object') return undefined;
  const { lang, url } = page as { lang?: unknown; url?: unknown };
  const declared = languageTag(lang);
  if (declared) return declared;
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return languageTag(parsed.searchParams.get('lang') ?? parsed.searchParams.get('locale')) ?? PATH_PREFIX.exec(parsed.pathname)?.[1];
}

/** The language part of a tag: `fa-IR` → `fa`. */
export const languageOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;
