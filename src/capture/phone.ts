// What shoppers type into a phone field, in any script, to E.164: Persian (۰-۹), Arabic-Indic
// (٠-٩) and full-width digits become ASCII, separators go, "00"/"+" international prefixes and
// national trunk prefixes are handled with the store's default country.
import { countryRules, type CountryRule } from './countries.js';

/** ASCII digits for every digit script shoppers commonly type (others are left to be rejected). */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669\uff10-\uff19\uff0b]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code == 0xff0b) return '+';
    return String(code - (code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

function fits(rule: CountryRule, national: string): boolean {
  return rule.lengths.includes(national.length) && national[0] != '0';
}

/** E.164 (`+989121234567`), or undefined when the text is not a plausible phone number. */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
  // An extension tail is dropped; anything else but digits, separators and direction marks means
  // this is not a phone number at all.
  const text = asciiDigits(String(raw)).replace(/(ext|x)\.?\s*\d+$/i, '').trim();
  if (!text || /[^\d\s()+\-./\u200e\u200f\u202a-\u202e]/.test(text)) return undefined;
  let digits = text.replace(/\D/g, '');
  let international = text[0] == '+';
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  const rules = countryRules();
  const home = rules[(defaultCountry ?? '').toUpperCase()];
  if (!international && home) {
    let national = home.trunk && digits.startsWith(home.trunk) ? digits.slice(home.trunk.length) : digits;
    if (fits(home, national)) return `+${home.code}${national}`;
    // Typed with the country code but without "+" (e.g. 989121234567 in Iran).
    if (!digits.startsWith(home.code)) return undefined;
    digits = digits.slice(home.code.length);
    national = home.trunk && digits.startsWith(home.trunk) && !fits(home, digits) ? digits.slice(home.trunk.length) : digits;
    return fits(home, national) ? `+${home.code}${national}` : undefined;
  }
  if (!international) return undefined;
  for (const rule of Object.values(rules)) {
    if (!digits.startsWith(rule.code)) continue;
    let national = digits.slice(rule.code.length);
    // "+44 (0)20 ..." style: a trunk prefix written after the calling code.
    if (rule.trunk && national.startsWith(rule.trunk) && !fits(rule, national)) national = national.slice(rule.trunk.length);
    if (fits(rule, national)) return `+${rule.code}${national}`;
  }
  // A calling code outside the table: accept what E.164 allows and let the collector decide.
  return digits.length >= 8 && digits.length <= 15 && digits[0] != '0' ? `+${digits}` : undefined;
}
