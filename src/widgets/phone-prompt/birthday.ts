// The prompt's birthday field: what a shopper types, in their own digits and their own order of day
// and month, to the identify trait `birthday` as the collector keeps it (Gregorian "MM-DD"; the
// birthday campaign needs no year, and the field asks for none). Iranians know their birthday in
// the Persian (solar hijri) calendar, so in Persian the day and month are solar hijri ones,
// converted with arithmetic: the first six months have 31 days, the next five 30, and 1 Farvardin
// is taken as 21 March. Nowruz falls on 20 March in some years: without a year to tell, such a
// birthday may come a day early, never further off.
import { asciiDigits } from '../../capture/phone.js';

/**
 * "MM-DD" for what the shopper typed (trimmed) in `lang`, or undefined when it is not a day and a
 * month, one or two digits each, with anything but digits and letters between them. The day comes
 * first except in English (MM-DD); a number above 12 can only be the day.
 */
export function readBirthday(typed: string, lang: string): string | undefined {
  const match = /^(\d\d?)[^\d\p{L}]+(\d\d?)$/u.exec(asciiDigits(typed));
  if (!match) return;
  const [, first, second] = match;
  // Month first in English unless the first number is above 12; day first elsewhere unless the second is.
  const [month, day] = (lang == 'en' ? +first < 13 : +second > 12) ? [+first, +second] : [+second, +first];
  const solar = lang == 'fa';
  // Days after 1 Farvardin: 31 for each of the first six months, 30 for each later one. In 2000, a
  // leap year, 29 February is a birthday too.
  const date = new Date(Date.UTC(2000, solar ? 2 : month - 1, solar ? 20 + (month - 1) * 31 - Math.max(month - 7, 0) + day : day));
  const valid = solar ? month > 0 && month < 13 && day > 0 && day <= (month < 7 ? 31 : 30) : date.getUTCMonth() == month - 1 && date.getUTCDate() == day;
  return valid ? date.toISOString().slice(5, 10) : undefined;
}
