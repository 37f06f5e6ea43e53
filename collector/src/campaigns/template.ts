// Message templates: `{name}`, `{link}`, `{code}`, `{product}`, `{store}` placeholders, one text per
// locale. The shopper's locale (from the events' context.locale) picks the text: exact tag first
// ("fa-IR"), then its language ("fa"), then the campaign's default locale.
export type LocalizedText = Record<string, string>;

export function pickLocale(texts: LocalizedText, locale: string | null | undefined, fallback: string): string {
  const keys = Object.keys(texts);
  if (keys.length === 0) throw new Error('template has no text for any locale');
  if (locale) {
    const wanted = locale.toLowerCase();
    const exact = keys.find((k) => k.toLowerCase() === wanted);
    if (exact) return exact;
    const language = wanted.split(/[-_]/)[0];
    const sameLanguage = keys.find((k) => k.toLowerCase().split(/[-_]/)[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return keys.includes(fallback) ? fallback : keys[0]!;
}

const PLACEHOLDER = /\{(\w+)\}/g;
// With the space before it, so an empty value leaves no gap ("your order {order}?" → "your order?").
const PLACEHOLDER_WITH_SPACE = / ?\{(\w+)\}/g;

/** Fills placeholders; an unknown placeholder is an error (a typo must not reach a shopper's phone). */
export function renderTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(PLACEHOLDER_WITH_SPACE, (whole, key: string) => {
    if (!(key in values)) throw new Error(`unknown placeholder ${whole.trim()} in template "${text}"`);
    const value = values[key] ?? '';
    return value && whole.startsWith(' ') ? ` ${value}` : value;
  }).replace(/ {2,}/g, ' ').trim();
}

/** Placeholders a template uses, to validate configuration up front. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
