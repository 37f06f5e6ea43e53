// Inbound opt-out keywords. A reply that is only a keyword (any case, spaces, punctuation and
// Persian/Arabic digits normalized) opts the sender out; "don't stop" does not. Iranian operators use
// "لغو" / "لغو11" / "11" (the cancel code of promotional lines); Arabic "إلغاء", "الغاء", "توقف";
// Hebrew "הסר", "הסרה", "עצור". START-style words opt back in.
const OPT_OUT = new Set([
  'stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'opt out', 'revoke',
  'لغو', 'لغو11', 'لغو 11', '11', 'انصراف', 'توقف',
  'إلغاء', 'الغاء', 'إلغاء الاشتراك', 'الغاء الاشتراك', 'ايقاف', 'إيقاف',
  'הסר', 'הסרה', 'עצור', 'הפסק',
]);
const OPT_IN = new Set(['start', 'unstop', 'yes', 'شروع', 'عضویت', 'اشتراك', 'התחל']);

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

export function normalizeReply(body: string): string {
  return body
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0640]/g, '') // zero-width, bidi marks, tatweel
    .replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d)))
    .replace(/[٠-٩]/g, (d) => String(ARABIC_DIGITS.indexOf(d)))
    .replace(/ي/g, 'ی') // Arabic yeh typed on a Persian keyboard and vice versa
    .replace(/ك/g, 'ک')
    .replace(/[.!,;:"'()\-_*،؛؟?]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export type ReplyIntent = 'opt-out' | 'opt-in' | null;

export function replyIntent(body: string): ReplyIntent {
  const text = normalizeReply(body);
  // Compare with the Persian/Arabic letter variants folded the same way as the input.
  if (OPT_OUT.has(text) || OPT_OUT_FOLDED.has(text)) return 'opt-out';
  if (OPT_IN.has(text) || OPT_IN_FOLDED.has(text)) return 'opt-in';
  return null;
}

const fold = (s: string) => normalizeReply(s);
const OPT_OUT_FOLDED = new Set([...OPT_OUT].map(fold));
const OPT_IN_FOLDED = new Set([...OPT_IN].map(fold));
