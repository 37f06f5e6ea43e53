// What may stand in for `{name}` in an SMS. Besides the platform's signed webhooks, the name comes
// from the phone prompt's identify, which anyone with the public write key can also send, so only
// text that looks like a person's name is used: letters of any
// script (Persian, Arabic, Hebrew, Latin...), combining marks, the zero-width joiners Persian names
// use, spaces, `-`, `'`, `’` and `.`, at most 30 characters. No digits, no `@`, nothing that reads
// like a domain or a link (`evil.com`, `x.y`): otherwise the store's own sender would carry a
// stranger's text to a phone. Anything else is dropped and the template's no-name form is used.
//
// "Letters" that only look like letters to a regular expression are refused too, as they let a
// domain through in disguise: modifier letters (`evilːcom`, `evilˑcom` with a colon- or dot-like
// letter) except the marks Japanese names are written with, the few letters that read as
// punctuation (`exampleꞏcom`, `Winǃ`), stacks of combining marks, and a name mixing Latin,
// Cyrillic and Greek letters (`exаmple` with a Cyrillic `а`: no name is written so). The words of
// an address spelled out with spaces (`www example com`) are no name either.
const MAX_LENGTH = 30;
const NAME = /^\p{L}[\p{L}\p{M}\u200C\u200D '’.-]*$/u;
// A dot only closes an initial or a title ("J. Smith", "Dr. Ali"): never between letters, never alone.
const BAD_DOT = /[\p{L}\p{M}]\.[\p{L}\p{M}]|(?:^|[^\p{L}\p{M}])\./u;
// Japanese iteration and length marks (佐々木, ハリー) and the ʻokina / modifier apostrophe (Kaʻiulani) are the modifier letters names use.
const NAME_MODIFIERS = new Set(['々', 'ー', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ʻ', 'ʼ']);
const MODIFIER = /\p{Lm}/gu;
// Letters shaped like punctuation: a middle dot (Latin ꞏ, Hangul ㆍ, Canadian ᐧ) and the click letters ǀ ǁ ǂ ǃ (| and !).
const PUNCTUATION_LOOKALIKE = /[\uA78F\u318D\u1427\u01C0-\u01C3]/u;
const MARK_STACK = /\p{M}{3}/u;
const WEB_WORD = /(?:^|[ '’.-])(?:www|https?|com|net|org)(?=$|[ '’.-])/iu;
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

export function personName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Runs of spaces collapse; a line break or tab inside is not part of a name.
  const name = value.normalize('NFC').trim().replace(/ {2,}/g, ' ');
  if (!name || Array.from(name).length > MAX_LENGTH) return undefined;
  if (!NAME.test(name) || BAD_DOT.test(name) || PUNCTUATION_LOOKALIKE.test(name) || MARK_STACK.test(name) || WEB_WORD.test(name)) return undefined;
  if ((name.match(MODIFIER) ?? []).some((letter) => !NAME_MODIFIERS.has(letter))) return undefined;
  if (CONFUSABLE_SCRIPTS.filter((script) => script.test(name)).length > 1) return undefined;
  return name;
}
