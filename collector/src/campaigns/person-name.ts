// What may stand in for `{name}` in an SMS. Besides the platform's signed webhooks, the name comes
// from the phone prompt's identify, which anyone with the public write key can also send, so only
// text that looks like a person's name is used: letters of any
// script (Persian, Arabic, Hebrew, Latin...), combining marks, the zero-width joiners Persian names
// use, spaces, `-`, `'`, `’` and `.`, at most 30 characters. No digits, no `@`, nothing that reads
// like a domain or a link (`evil.com`, `x.y`): otherwise the store's own sender would carry a
// stranger's text to a phone. Anything else is dropped and the template's no-name form is used.
const MAX_LENGTH = 30;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}\u200C\u200D '’.-]*$/u;
// A dot only closes an initial or a title ("J. Smith", "Dr. Ali"): never between letters, never alone.
const BAD_DOT = /[\p{L}\p{M}]\.[\p{L}\p{M}]|(?:^|[^\p{L}\p{M}])\./u;

export function personName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Runs of spaces collapse; a line break or tab inside is not part of a name.
  const name = value.normalize('NFC').trim().replace(/ {2,}/g, ' ');
  if (!name || Array.from(name).length > MAX_LENGTH) return undefined;
  if (!NAME.test(name) || BAD_DOT.test(name)) return undefined;
  return name;
}
