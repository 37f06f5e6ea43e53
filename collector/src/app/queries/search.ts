// What the owner types in a search box, as LIKE patterns: the text itself (lower case) and, when it
// holds digits (Persian, Arabic-Indic or Latin), those digits without a national leading 0, so
// "0912 345" finds +98912345....
const DIGITS = new Map<string, string>([...'۰۱۲۳۴۵۶۷۸۹', ...'٠١٢٣٤٥٦٧٨٩'].map((d, i): [string, string] => [d, String(i % 10)]));

const like = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

export function searchPatterns(q: string | undefined): { text: string; digits: string } {
  const trimmed = (q ?? '').trim().slice(0, 100);
  if (!trimmed) return { text: '', digits: '' };
  const latin = [...trimmed].map((c) => DIGITS.get(c) ?? c).join('');
  const digits = latin.replace(/\D/g, '').replace(/^0+/, '');
  return { text: like(latin.toLowerCase()), digits: digits.length >= 3 ? like(digits) : '' };
}
