// The app's languages: the owner's choice (cookie `homing_lang`, set by the language picker),
// else the browser's Accept-Language, else English. Catalogues are looked up with Map/hasOwn
// only: a key never comes from a request, but a language code does.
import { en, type MessageKey } from './en.js';
import { fa } from './fa.js';
import { he } from './he.js';
import { ar } from './ar.js';
import { editEn } from './edit-en.js';
import { editFa } from './edit-fa.js';
import { editHe } from './edit-he.js';
import { editAr } from './edit-ar.js';
import { retentionEn } from './retention-en.js';
import { retentionFa } from './retention-fa.js';
import { retentionHe } from './retention-he.js';
import { retentionAr } from './retention-ar.js';

export type Lang = 'en' | 'fa' | 'he' | 'ar';
export type Key = MessageKey | keyof typeof editEn | keyof typeof retentionEn;
export type Vars = Record<string, string | number>;
export type Translate = (key: Key, vars?: Vars) => string;

export interface LangInfo {
  lang: Lang;
  /** The language's own name, for the picker. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Locale for Intl: digits and calendar (Persian digits and the Persian calendar for fa). */
  intl: string;
}

export const LANGS: LangInfo[] = [
  { lang: 'en', name: 'English', dir: 'ltr', intl: 'en-GB' },
  { lang: 'fa', name: 'فارسی', dir: 'rtl', intl: 'fa-IR-u-ca-persian-nu-arabext' },
  { lang: 'he', name: 'עברית', dir: 'rtl', intl: 'he-IL' },
  { lang: 'ar', name: 'العربية', dir: 'rtl', intl: 'ar-u-nu-arab' },
];

const catalogues = new Map<Lang, Record<string, string>>([
  ['en', { ...en, ...editEn, ...retentionEn }],
  ['fa', { ...fa, ...editFa, ...retentionFa }],
  ['he', { ...he, ...editHe, ...retentionHe }],
  ['ar', { ...ar, ...editAr, ...retentionAr }],
]);

export const LANG_COOKIE = 'homing_lang';

export function langInfo(lang: Lang): LangInfo {
  return LANGS.find((l) => l.lang === lang) ?? LANGS[0]!;
}

/** The language a code names ("fa", "fa-IR", "AR"), if the app speaks it. */
export function asLang(code: unknown): Lang | undefined {
  if (typeof code !== 'string') return undefined;
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((l) => l.lang === base)?.lang;
}

/** First language of Accept-Language (by q) that the app speaks. */
export function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const lang = asLang(r.tag);
    if (lang) return lang;
  }
  return undefined;
}

export function translator(lang: Lang): Translate {
  const catalogue = catalogues.get(lang) ?? catalogues.get('en')!;
  const english = catalogues.get('en')!;
  return (key, vars) => {
    const text = Object.hasOwn(catalogue, key) ? catalogue[key]! : Object.hasOwn(english, key) ? english[key]! : key;
    return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : all)) : text;
  };
}
