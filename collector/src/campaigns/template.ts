// Message templates: `{name}`, `{link}`, `{code}`, `{product}`, `{store}` placeholders, one text per
// locale. The first of the shopper's languages (most telling first, see ./render.ts) that the
// template has picks the text: exact tag first ("fa-IR"), then its language ("fa"); when none has a
// text, the fallback (the campaigns' defaultLocale), else the template's first.
import { languageOf } from './locale.js';

export type LocalizedText = Record<string, string>;

export function pickLocale(texts: LocalizedText, wanted: (string | null | undefined)[], fallback: string): string {
  const keys = Object.keys(texts);
  if (keys.length === 0) throw new Error('template has no text for any locale');
  for (const locale of [...wanted, fallback]) {
    if (!locale) continue;
    const exact = keys.find((k) => k.toLowerCase() === locale.toLowerCase());
    if (exact) return exact;
    const sameLanguage = keys.find((k) => languageOf(k) === languageOf(locale));
    if (sameLanguage) return sameLanguage;
  }
  return keys[0]!;
}

const PLACEHOLDER = /\{(\w+)\}/g;
// With the space before it, so an empty value leaves no gap ("your order {order}?" → "your order?").
const PLACEHOLDER_WITH_SPACE = / ?\{(\w+)\}/g;

/** Fills placeholders; an unknown placeholder is an error (a typo must not reach a shopper's phone). */
export function renderTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(PLACEHOLDER_WITH_SPACE, (whole, key: string) => {
    if (!Object.hasOwn(values, key)) throw new Error(`unknown placeholder ${whole.trim()} in template "${text}"`);
    const value = values[key] ?? '';
    return value && whole.startsWith(' ') ? ` ${value}` : value;
  }).replace(/ {2,}/g, ' ').trim();
}

/** Placeholders a template uses, to validate configuration up front. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
