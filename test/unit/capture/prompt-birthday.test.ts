// The phone prompt's birthday field as shoppers type it: their digits, their order of day and
// month, and in Persian their calendar, to the Gregorian "MM-DD" the birthday campaign sends on.
import { describe, expect, it } from 'vitest';
import { readBirthday } from '../../../src/widgets/phone-prompt/birthday.js';

describe('reading the birthday typed into the phone prompt', () => {
  it('reads month then day in English, day then month in Hebrew and Arabic', () => {
    expect(readBirthday('03-14', 'en')).toBe('03-14');
    expect(readBirthday('3/4', 'en')).toBe('03-04');
    expect(readBirthday('14/03', 'he')).toBe('03-14');
    expect(readBirthday('4.3', 'he')).toBe('03-04');
    expect(readBirthday('٢٥/١٢', 'ar')).toBe('12-25');
    expect(readBirthday('２５・１２', 'ar')).toBe('12-25');
  });

  it('takes a number above 12 as the day whatever order it was typed in', () => {
    expect(readBirthday('14-03', 'en')).toBe('03-14');
    expect(readBirthday('03/14', 'he')).toBe('03-14');
  });

  it('keeps 29 February, and refuses days that no month has', () => {
    expect(readBirthday('29/02', 'he')).toBe('02-29');
    expect(readBirthday('30/02', 'he')).toBeUndefined();
    expect(readBirthday('31/04', 'ar')).toBeUndefined();
    expect(readBirthday('00-10', 'en')).toBeUndefined();
    expect(readBirthday('13/13', 'he')).toBeUndefined();
  });

  it('reads a Persian day and month in the Persian calendar, as the Gregorian day', () => {
    expect(readBirthday('۱/۱', 'fa')).toBe('03-21'); // 1 Farvardin, Nowruz
    expect(readBirthday('۱۲/۵', 'fa')).toBe('08-03'); // 12 Mordad
    expect(readBirthday('٣١/٦', 'fa')).toBe('09-22'); // 31 Shahrivar, in Arabic-Indic digits
    expect(readBirthday('1/7', 'fa')).toBe('09-23'); // 1 Mehr
    expect(readBirthday('۱/۱۰', 'fa')).toBe('12-22'); // 1 Dey
    expect(readBirthday('۱۱/۱۰', 'fa')).toBe('01-01'); // 11 Dey
    expect(readBirthday('۲۹/۱۲', 'fa')).toBe('03-20'); // 29 Esfand
    expect(readBirthday('۵/۱۲', 'fa')).toBe('02-24'); // 5 Esfand
    expect(readBirthday('۵/۲۰', 'fa')).toBe('08-11'); // 20 Mordad, typed month first
  });

  it('refuses a Persian 31st in the second half of the year', () => {
    expect(readBirthday('۳۱/۶', 'fa')).toBe('09-22');
    expect(readBirthday('۳۱/۷', 'fa')).toBeUndefined();
    expect(readBirthday('۰/۵', 'fa')).toBeUndefined();
  });

  it('refuses what is no day and month, including a year (the field asks for none)', () => {
    for (const typed of ['14 March', 'tomorrow', '1403', '1990-03-14', '14/03/1990', '۱۳۷۰/۰۵/۱۲', '3-14-', '12abc05', ''])
      expect(readBirthday(typed, 'en'), typed).toBeUndefined();
  });
});
